import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { State } from '../../pipeline/kernel/state';
import { ROLLOUT_STATUSES, type ChatMessage, type Noise, type StepRecord, type Trajectory } from '../../pipeline/rollout/model';
import type { RunSettings } from '../../pipeline/rollout/settings';
import type { Verdict } from '../../pipeline/verify/model';
import { domains } from './graph';
import { environmentVersions } from './environments';
import { tasks } from './tasks';

/** A launch of rollouts: which tasks (fixed at launch, so a resume finishes the same set) and how. */
export const runs = pgTable(
  'runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    settings: jsonb().$type<RunSettings>().notNull(),
    taskIds: jsonb().$type<string[]>().notNull(),
    total: integer().notNull(),
    /** The latest job that worked on the run (a resume starts a new one). */
    jobId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('runs_created_idx').on(t.createdAt, t.id)],
);

/** One rollout of one task in one run, with its verdict. The filter columns are copies of `verdict` for counting. */
export const trajectories = pgTable(
  'trajectories',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: the key lists page by. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    environmentVersionId: uuid()
      .notNull()
      .references(() => environmentVersions.id, { onDelete: 'cascade' }),
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    status: text({ enum: ROLLOUT_STATUSES }).notNull(),
    error: text(),
    messages: jsonb().$type<ChatMessage[]>().notNull(),
    steps: jsonb().$type<StepRecord[]>().notNull(),
    finalState: jsonb().$type<State | null>(),
    verdict: jsonb().$type<Verdict>().notNull(),
    passed: boolean().notNull(),
    validity: boolean().notNull(),
    stateAligned: boolean().notNull(),
    exact: boolean().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    noiseApplied: jsonb().$type<Noise[]>().notNull().default([]),
    /** Indices in `messages` of the assistant messages with an injected mistake: exported, never trained on. */
    masked: jsonb().$type<number[]>().notNull().default([]),
    policies: jsonb().$type<Trajectory['policies']>().notNull(),
    turns: integer().notNull(),
    calls: integer().notNull(),
    seed: integer().notNull(),
    ms: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trajectories_run_task_idx').on(t.runId, t.taskId),
    index('trajectories_run_idx').on(t.runId, t.seq),
    uniqueIndex('trajectories_seq_idx').on(t.seq),
    index('trajectories_task_idx').on(t.taskId),
  ],
);
