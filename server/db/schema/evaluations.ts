import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROLLOUT_STATUSES, type Noise } from '../../pipeline/rollout/model';
import type { EvaluationSummary } from '../../pipeline/evaluate/passk';
import { FAILURE_KINDS, type EvaluationScope, type EvaluationSettings } from '../../pipeline/evaluate/settings';
import { domains } from './graph';
import { tasks } from './tasks';

/**
 * An evaluation: an agent run k times on each of a set of tasks (τ-bench's pass^k). Its trials
 * are kept apart from `trajectories` on purpose: those feed the review queue and the training
 * exports, and an evaluation mostly runs on held-out tasks that must reach neither; a run holds
 * one trajectory per task, an evaluation k per task. `summary` is written when the last trial is.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    settings: jsonb().$type<EvaluationSettings>().notNull(),
    /** What the tasks were chosen by (the held-out split, domains), as asked. */
    scope: jsonb().$type<EvaluationScope>().notNull(),
    taskIds: jsonb().$type<string[]>().notNull(),
    k: integer().notNull(),
    /** Trials to run: tasks × k. */
    total: integer().notNull(),
    jobId: uuid(),
    summary: jsonb().$type<EvaluationSummary | null>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('evaluations_created_idx').on(t.createdAt, t.id)],
);

/** One trial of one task in an evaluation: its verdict in brief (trialRecord), not its transcript. */
export const evaluationTrials = pgTable(
  'evaluation_trials',
  {
    evaluationId: uuid()
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** 0 … k-1. */
    trial: integer().notNull(),
    environmentVersionId: uuid().notNull(),
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    status: text({ enum: ROLLOUT_STATUSES }).notNull(),
    passed: boolean().notNull(),
    validity: boolean().notNull(),
    stateAligned: boolean().notNull(),
    exact: boolean().notNull(),
    failure: text({ enum: FAILURE_KINDS }),
    failedTool: text(),
    reason: text().notNull(),
    noiseApplied: jsonb().$type<Noise[]>().notNull().default([]),
    calls: integer().notNull(),
    turns: integer().notNull(),
    ms: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId, t.trial] })],
);
