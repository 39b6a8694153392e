import { bigint, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { trajectories } from './runs';
import { users } from './auth';

export const VERDICTS = ['accepted', 'rejected'] as const;
export type ReviewVerdict = (typeof VERDICTS)[number];

/**
 * Every verdict a reviewer gave, never updated: a trajectory's review status is its latest row,
 * and the rows before it are its history (who changed their mind, when, and why).
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    trajectoryId: uuid()
      .notNull()
      .references(() => trajectories.id, { onDelete: 'cascade' }),
    verdict: text({ enum: VERDICTS }).notNull(),
    /** One of the preset reasons, or free text; required for a rejection. */
    reason: text().notNull().default(''),
    comment: text().notNull().default(''),
    /** The name shown for the reviewer, kept as written at the time (also for verdicts given before accounts). */
    reviewer: text().notNull(),
    /** The signed-in person who gave it; null for verdicts from before accounts or from a removed account. */
    reviewerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reviews_trajectory_idx').on(t.trajectoryId, t.seq), index('reviews_reviewer_idx').on(t.reviewerId, t.trajectoryId, t.seq)],
);

/**
 * Who is asked to review what: a filtered queue split among reviewers (one or more per trajectory,
 * more when agreement is to be measured). A verdict does not need an assignment; the queue can show
 * a reviewer only theirs.
 */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    trajectoryId: uuid()
      .notNull()
      .references(() => trajectories.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.trajectoryId, t.userId] }), index('review_assignments_user_idx').on(t.userId, t.trajectoryId)],
);
