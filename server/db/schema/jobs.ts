import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The product's record of a long piece of work. pg-boss carries the delivery (claiming, heartbeats,
 * retry after a worker dies); this row carries what a person wants to see: progress, message,
 * error, result, and a cancel request the handler honours at its next progress report.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey(),
    kind: text().notNull(),
    title: text().notNull(),
    input: jsonb().$type<unknown>().notNull(),
    status: text({ enum: JOB_STATUSES }).notNull().default('queued'),
    progress: real().notNull().default(0),
    message: text().notNull().default(''),
    error: text(),
    result: jsonb().$type<unknown>(),
    attempts: integer().notNull().default(0),
    worker: text(),
    cancelRequested: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (t) => [index('jobs_created_idx').on(t.createdAt, t.id), index('jobs_status_idx').on(t.status)],
);
