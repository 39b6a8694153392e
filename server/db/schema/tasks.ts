import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { State } from '../../pipeline/kernel/state';
import { INTENT_WRITERS, TASK_SPLITS, type GoldCall, type SampleSettings, type TaskSplit } from '../../pipeline/tasks/model';
import { domains } from './graph';
import { environmentVersions } from './environments';

export { TASK_SPLITS, type TaskSplit };

/**
 * A gold run through one environment version (server/pipeline/tasks). The same walk on the same
 * version is stored once: `fingerprint` hashes the initial state and the calls.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: the key lists page by. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    environmentVersionId: uuid()
      .notNull()
      .references(() => environmentVersions.id, { onDelete: 'cascade' }),
    /** Null once the domain is gone; `domainName` keeps what it was. */
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    seed: integer().notNull(),
    fingerprint: text().notNull(),
    readOnly: boolean().notNull(),
    length: integer().notNull(),
    calls: jsonb().$type<GoldCall[]>().notNull(),
    initialState: jsonb().$type<State>().notNull(),
    finalState: jsonb().$type<State>().notNull(),
    intent: text().notNull(),
    intentWriter: text({ enum: INTENT_WRITERS }).notNull(),
    settings: jsonb().$type<SampleSettings>().notNull(),
    /**
     * 'heldout': kept apart for evaluation. Its trajectories never reach a training export (the
     * export skips them and its manifest counts them), so a model can be measured on tasks it was
     * not trained on.
     */
    split: text({ enum: TASK_SPLITS }).notNull().default('train'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_version_fingerprint_idx').on(t.environmentVersionId, t.fingerprint),
    index('tasks_domain_idx').on(t.domainId, t.seq),
    uniqueIndex('tasks_seq_idx').on(t.seq),
  ],
);
