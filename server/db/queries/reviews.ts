import { invalid, notFound } from '../../kernel/errors';
import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { reviews, tasks, trajectories, VERDICTS } from '../schema';
import { OUTCOME_FILTERS, outcomeInput } from './trajectories';
import { bySeq, pageOf } from './page';

/** Reasons a reviewer picks from; free text is allowed too. */
export const REJECT_REASONS = [
  'wrong tool',
  'wrong arguments',
  'did not finish the task',
  'unnecessary calls',
  'unhelpful or wrong reply',
  'unnatural user turn',
  'environment bug',
] as const;

export const REVIEW_STATUSES = ['unreviewed', 'accepted', 'rejected'] as const;

export const reviewFilter = z.object({
  runId: z.uuid().optional(),
  domainId: z.uuid().optional(),
  /** The verification outcome (as on the run page). */
  outcome: outcomeInput.optional(),
  tag: z.string().max(60).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  /** Text anywhere in the messages (case-insensitive). */
  search: z.string().max(200).optional(),
});
export type ReviewFilter = z.infer<typeof reviewFilter>;

export const reviewQueueInput = reviewFilter.extend({
  limit: z.number().int().min(1).max(500).default(100),
  cursor: z.number().int().nullish(),
});

/** A trajectory's current verdict: its latest review's, or null if nobody reviewed it. */
export const currentVerdict = sql<string | null>`(select r.verdict from ${reviews} r where r.trajectory_id = ${trajectories.id} order by r.seq desc limit 1)`;

function where(f: ReviewFilter): SQL | undefined {
  const search = f.search?.trim();
  return and(
    f.runId ? eq(trajectories.runId, f.runId) : undefined,
    f.domainId ? eq(trajectories.domainId, f.domainId) : undefined,
    f.outcome ? OUTCOME_FILTERS[f.outcome] : undefined,
    f.tag ? sql`${trajectories.tags} ? ${f.tag}` : undefined,
    f.status === 'unreviewed' ? sql`${currentVerdict} is null` : f.status ? sql`${currentVerdict} = ${f.status}` : undefined,
    search ? sql`${trajectories.messages}::text ilike ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
  );
}

/** One page of the review queue, in the order trajectories finished, with each one's current verdict. */
export async function listReviewQueue(db: Db, raw: z.input<typeof reviewQueueInput>) {
  const input = reviewQueueInput.parse(raw);
  const rows = await db
    .select({
      id: trajectories.id,
      seq: trajectories.seq,
      runId: trajectories.runId,
      domainName: trajectories.domainName,
      status: trajectories.status,
      passed: trajectories.passed,
      validity: trajectories.validity,
      stateAligned: trajectories.stateAligned,
      exact: trajectories.exact,
      tags: trajectories.tags,
      turns: trajectories.turns,
      calls: trajectories.calls,
      intent: tasks.intent,
      verdict: currentVerdict,
    })
    .from(trajectories)
    .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(and(where(input), input.cursor == null ? undefined : gt(trajectories.seq, input.cursor)))
    .orderBy(asc(trajectories.seq))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, bySeq);
}

export async function countReviewQueue(db: Db, filter: ReviewFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(trajectories).where(where(filter));
  return Number(row?.n ?? 0);
}

export const verdictInput = z
  .object({
    verdict: z.enum(VERDICTS),
    reason: z.string().trim().max(200).default(''),
    comment: z.string().trim().max(2000).default(''),
  })
  .refine((v) => v.verdict === 'accepted' || v.reason.length > 0, { message: 'a rejection needs a reason', path: ['reason'] });
export type VerdictInput = z.input<typeof verdictInput>;

/** Who gives a verdict: always the signed-in person, never a name typed in the request. */
export type Reviewer = { id: string; name: string };

/** Records a verdict on one trajectory; the earlier ones stay as its history. */
export async function reviewTrajectory(db: Db, trajectoryId: string, raw: VerdictInput, by: Reviewer) {
  const v = verdictInput.parse(raw);
  const [exists] = await db.select({ id: trajectories.id }).from(trajectories).where(eq(trajectories.id, trajectoryId));
  if (!exists) throw notFound(`No trajectory ${trajectoryId}: it may have been deleted with its run.`);
  const [row] = await db.insert(reviews).values({ trajectoryId, ...v, reviewer: by.name, reviewerId: by.id }).returning();
  return row!;
}

/** The most a bulk verdict may cover at once; a larger selection is refused with its count. */
export const BULK_LIMIT = 10_000;

/** Records one verdict on every trajectory the filter selects, in one statement. */
export async function reviewMany(db: Db, filter: ReviewFilter, raw: VerdictInput, by: Reviewer): Promise<number> {
  const v = verdictInput.parse(raw);
  const n = await countReviewQueue(db, filter);
  if (n > BULK_LIMIT) throw invalid(`The selection holds ${n} trajectories; bulk verdicts take at most ${BULK_LIMIT}: narrow the filter`);
  // insert … select: one statement, however many rows (Drizzle's insert-select wants every column, the identity `seq` too).
  const result = await db.execute(
    sql`insert into ${reviews} (trajectory_id, verdict, reason, comment, reviewer, reviewer_id)
        select ${trajectories.id}, ${v.verdict}, ${v.reason}, ${v.comment}, ${by.name}, ${by.id}::uuid from ${trajectories} where ${where(filter) ?? sql`true`}
        returning id`,
  );
  return rowsOf(result).length;
}

/** Every verdict a trajectory was given, newest first. */
export async function reviewHistory(db: Db, trajectoryId: string) {
  return db.select().from(reviews).where(eq(reviews.trajectoryId, trajectoryId)).orderBy(desc(reviews.seq));
}
