import { conflict, invalid, notFound } from '../../kernel/errors';
import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { reviewAssignments, reviews, tasks, trajectories, VERDICTS, type ReviewVerdict } from '../schema';
import { OUTCOME_FILTERS, outcomeInput } from './trajectories';
import { bySeq, pageOf } from './page';
import { plural } from '../../../lib/text/plural';

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

/** A trajectory's status from its reviewers' current verdicts: none, all accept, all reject, or they disagree. */
export const REVIEW_STATUSES = ['unreviewed', 'accepted', 'rejected', 'disputed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Whose queue: everyone's, what the signed-in reviewer has not judged yet, or what was assigned to them. */
export const REVIEW_SCOPES = ['all', 'todo', 'assigned'] as const;

export const reviewFilter = z.object({
  runId: z.uuid().optional(),
  domainId: z.uuid().optional(),
  /** The verification outcome (as on the run page). */
  outcome: outcomeInput.optional(),
  tag: z.string().max(60).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  scope: z.enum(REVIEW_SCOPES).optional(),
  /** Text anywhere in the messages (case-insensitive). */
  search: z.string().max(200).optional(),
});
export type ReviewFilter = z.infer<typeof reviewFilter>;

export const reviewQueueInput = reviewFilter.extend({
  limit: z.number().int().min(1).max(500).default(100),
  cursor: z.number().int().nullish(),
});

/** Who a verdict row belongs to: the account, or for verdicts from before accounts (or of a removed one) the name. */
const REVIEWER_KEY = sql.raw('coalesce(r.reviewer_id::text, r.reviewer)');

/** Each reviewer's latest verdict on the current trajectory row (a reviewer who changed their mind counts once, as they last said). */
const latestPerReviewer = sql`select distinct on (${REVIEWER_KEY}) r.verdict, r.reviewer, r.reviewer_id, r.seq from ${reviews} r where r.trajectory_id = ${trajectories.id} order by ${REVIEWER_KEY}, r.seq desc`;

/**
 * A trajectory's current status from its reviewers' latest verdicts: null if nobody reviewed it,
 * accepted or rejected when they all say so, disputed when they disagree (exports take only accepted).
 */
export const currentVerdict = sql<ReviewStatus | null>`(select case when count(*) = 0 then null when bool_and(v.verdict = 'accepted') then 'accepted' when bool_and(v.verdict = 'rejected') then 'rejected' else 'disputed' end from (${latestPerReviewer}) v)`;

/** Each reviewer's current verdict, oldest reviewer first, for the queue to show who said what. */
const verdictsByReviewer = sql<
  Array<{ reviewer: string; reviewerId: string | null; verdict: ReviewVerdict }>
>`(select coalesce(json_agg(json_build_object('reviewer', v.reviewer, 'reviewerId', v.reviewer_id, 'verdict', v.verdict) order by v.seq), '[]'::json) from (${latestPerReviewer}) v)`;

/** The newest verdict's position: what a reviewer saw, sent back with their verdict to detect a stale view. */
const latestSeq = sql<number | null>`(select max(r.seq) from ${reviews} r where r.trajectory_id = ${trajectories.id})`;

function where(f: ReviewFilter, me?: string): SQL | undefined {
  const search = f.search?.trim();
  return and(
    f.runId ? eq(trajectories.runId, f.runId) : undefined,
    f.domainId ? eq(trajectories.domainId, f.domainId) : undefined,
    f.outcome ? OUTCOME_FILTERS[f.outcome] : undefined,
    f.tag ? sql`${trajectories.tags} ? ${f.tag}` : undefined,
    f.status === 'unreviewed' ? sql`${currentVerdict} is null` : f.status ? sql`${currentVerdict} = ${f.status}` : undefined,
    search ? sql`${trajectories.messages}::text ilike ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
    me && f.scope === 'todo'
      ? sql`not exists (select 1 from ${reviews} r where r.trajectory_id = ${trajectories.id} and r.reviewer_id = ${me}::uuid)`
      : undefined,
    me && f.scope === 'assigned'
      ? sql`exists (select 1 from ${reviewAssignments} a where a.trajectory_id = ${trajectories.id} and a.user_id = ${me}::uuid)`
      : undefined,
  );
}

/** One page of the review queue, in the order trajectories finished, with each one's current verdict. */
export async function listReviewQueue(db: Db, raw: z.input<typeof reviewQueueInput>, me?: string) {
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
      verdicts: verdictsByReviewer,
      latestSeq,
      assignedToMe: me
        ? sql<boolean>`exists (select 1 from ${reviewAssignments} a where a.trajectory_id = ${trajectories.id} and a.user_id = ${me}::uuid)`
        : sql<boolean>`false`,
    })
    .from(trajectories)
    .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(and(where(input, me), input.cursor == null ? undefined : gt(trajectories.seq, input.cursor)))
    .orderBy(asc(trajectories.seq))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, bySeq);
}

export async function countReviewQueue(db: Db, filter: ReviewFilter, me?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trajectories)
    .where(where(filter, me));
  return Number(row?.n ?? 0);
}

export const verdictInput = z
  .object({
    verdict: z.enum(VERDICTS),
    reason: z.string().trim().max(200).default(''),
    comment: z.string().trim().max(2000).default(''),
    /**
     * The newest verdict on the trajectory when the reviewer looked (its seq, null for none). Set,
     * the verdict is refused as a conflict if someone gave one since: the reviewer sees it first.
     */
    expectedSeq: z.number().int().nullable().optional(),
  })
  .refine((v) => v.verdict === 'accepted' || v.reason.length > 0, { message: 'a rejection needs a reason', path: ['reason'] });
export type VerdictInput = z.input<typeof verdictInput>;

/** Who gives a verdict: always the signed-in person, never a name typed in the request. */
export type Reviewer = { id: string; name: string };

/** Records a verdict on one trajectory; the earlier ones stay as its history. */
export async function reviewTrajectory(db: Db, trajectoryId: string, raw: VerdictInput, by: Reviewer) {
  const v = verdictInput.parse(raw);
  const { expectedSeq, ...verdict } = v;
  // The trajectory's row is locked while its latest verdict is compared and the new one written, so
  // two reviewers submitting on the same view cannot both pass the check.
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: trajectories.id }).from(trajectories).where(eq(trajectories.id, trajectoryId)).for('update');
    if (!exists) throw notFound(`No trajectory ${trajectoryId}: it may have been deleted with its run.`);
    if (expectedSeq !== undefined) {
      const [latest] = await tx
        .select({ seq: reviews.seq, reviewer: reviews.reviewer, verdict: reviews.verdict })
        .from(reviews)
        .where(eq(reviews.trajectoryId, trajectoryId))
        .orderBy(desc(reviews.seq))
        .limit(1);
      if ((latest?.seq ?? null) !== expectedSeq) {
        throw conflict(
          latest
            ? `${latest.reviewer} ${latest.verdict} this trajectory while you were looking at it: see their verdict, then give yours again.`
            : 'The verdicts on this trajectory changed while you were looking at it: look again, then give yours.',
        );
      }
    }
    const [row] = await tx
      .insert(reviews)
      .values({ trajectoryId, ...verdict, reviewer: by.name, reviewerId: by.id })
      .returning();
    return row!;
  });
}

/** The most a bulk verdict may cover at once; a larger selection is refused with its count. */
export const BULK_LIMIT = 10_000;

/**
 * What a reviewer saw of a filtered selection before a bulk verdict: how many trajectories, and the
 * newest verdict on any of them (its seq, null for none). Sent back with the verdict, it tells
 * whether the selection changed since.
 */
export const selectionView = z.object({ count: z.number().int().min(0), latestSeq: z.number().int().nullable() });
export type SelectionView = z.infer<typeof selectionView>;

export async function reviewSelection(db: Db, filter: ReviewFilter, me?: string): Promise<SelectionView> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, latest: sql<number | null>`max(${latestSeq})` })
    .from(trajectories)
    .where(where(filter, me));
  return { count: Number(row?.n ?? 0), latestSeq: row?.latest == null ? null : Number(row.latest) };
}

/**
 * Records one verdict on every trajectory the filter selects, in one statement. With `expected`
 * (what the confirmation showed), the selection's rows are locked, as a single verdict locks its
 * trajectory, and the verdict is refused as a conflict when the selection no longer holds as many
 * trajectories or someone gave a verdict on one of them since: the reviewer looks again first.
 */
export async function reviewMany(db: Db, filter: ReviewFilter, raw: VerdictInput, by: Reviewer, expected?: SelectionView): Promise<number> {
  const v = verdictInput.parse(raw);
  const n = await countReviewQueue(db, filter, by.id);
  if (n > BULK_LIMIT) throw invalid(`The selection holds ${n} trajectories; bulk verdicts take at most ${BULK_LIMIT}: narrow the filter`);
  return db.transaction(async (tx) => {
    if (expected) {
      await tx.select({ id: trajectories.id }).from(trajectories).where(where(filter, by.id)).for('update', { of: trajectories });
      const now = await reviewSelection(tx, filter, by.id);
      if (now.count !== expected.count)
        throw conflict(
          `The selection changed while you were looking at it: it now holds ${plural(now.count, 'trajectory')}, not ${expected.count}. Look again, then confirm.`,
        );
      if (now.latestSeq !== expected.latestSeq)
        throw conflict('Someone gave a verdict on a trajectory in this selection while you were looking at it: look again, then confirm.');
    }
    // insert … select: one statement, however many rows (Drizzle's insert-select wants every column, the identity `seq` too).
    const result = await tx.execute(
      sql`insert into ${reviews} (trajectory_id, verdict, reason, comment, reviewer, reviewer_id)
          select ${trajectories.id}, ${v.verdict}, ${v.reason}, ${v.comment}, ${by.name}, ${by.id}::uuid from ${trajectories} where ${where(filter, by.id) ?? sql`true`}
          returning id`,
    );
    return rowsOf(result).length;
  });
}

/** Every verdict a trajectory was given, newest first. */
export async function reviewHistory(db: Db, trajectoryId: string) {
  return db.select().from(reviews).where(eq(reviews.trajectoryId, trajectoryId)).orderBy(desc(reviews.seq));
}

/**
 * How often reviewers agree, over the filtered trajectories that two or more people judged: the
 * share whose current verdicts are unanimous (a trajectory judged by one person says nothing of agreement).
 */
export async function reviewAgreement(db: Db, filter: ReviewFilter, me?: string) {
  const reviewers = sql`(select count(distinct ${REVIEWER_KEY}) from ${reviews} r where r.trajectory_id = ${trajectories.id})`;
  const [row] = await db
    .select({
      reviewed: sql<number>`count(*) filter (where ${reviewers} >= 1)::int`,
      multi: sql<number>`count(*) filter (where ${reviewers} >= 2)::int`,
      agreed: sql<number>`count(*) filter (where ${reviewers} >= 2 and ${currentVerdict} <> 'disputed')::int`,
    })
    .from(trajectories)
    .where(where(filter, me));
  const multi = Number(row?.multi ?? 0);
  const agreed = Number(row?.agreed ?? 0);
  return { reviewed: Number(row?.reviewed ?? 0), multiReviewed: multi, agreed, rate: multi ? agreed / multi : null };
}

/** Everyone who may give verdicts (reviewer and above), for assigning work and naming who judged. */
export async function listReviewers(db: Db) {
  return db
    .execute(sql`select id, name, email, role from users where role in ('reviewer', 'curator', 'admin') order by name, email limit 1000`)
    .then((r) => rowsOf(r) as Array<{ id: string; name: string; email: string; role: string }>);
}

export const assignInput = z.object({
  filter: reviewFilter,
  reviewerIds: z.array(z.uuid()).min(1, 'choose at least one reviewer').max(100),
  /** How many reviewers each trajectory goes to: 2 or more lets the queue measure their agreement. */
  perTrajectory: z.number().int().min(1).max(5).default(1),
});

/**
 * Splits the filtered queue among reviewers, in queue order, round robin: each trajectory goes to
 * `perTrajectory` different reviewers and each reviewer gets an even share. Assignments already made stay.
 */
export async function assignReviews(db: Db, raw: z.input<typeof assignInput>, by: Reviewer) {
  const input = assignInput.parse(raw);
  const reviewerIds = [...new Set(input.reviewerIds)];
  if (input.perTrajectory > reviewerIds.length)
    throw invalid(`Each trajectory cannot go to ${input.perTrajectory} reviewers when ${reviewerIds.length} are chosen.`);
  const known = new Set((await listReviewers(db)).map((r) => r.id));
  const unknown = reviewerIds.find((id) => !known.has(id));
  if (unknown) throw invalid(`Account ${unknown} cannot review (it is not a reviewer, curator or admin, or was removed).`);
  const n = await countReviewQueue(db, input.filter, by.id);
  if (n > BULK_LIMIT) throw invalid(`The selection holds ${n} trajectories; assign at most ${BULK_LIMIT} at once: narrow the filter`);
  const ids = (await db.select({ id: trajectories.id }).from(trajectories).where(where(input.filter, by.id)).orderBy(asc(trajectories.seq))).map((r) => r.id);
  const rows = ids.flatMap((trajectoryId, i) =>
    Array.from({ length: input.perTrajectory }, (_, j) => ({
      trajectoryId,
      userId: reviewerIds[(i * input.perTrajectory + j) % reviewerIds.length]!,
      assignedBy: by.id,
    })),
  );
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000)
    added += (
      await db
        .insert(reviewAssignments)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing()
        .returning({ t: reviewAssignments.trajectoryId })
    ).length;
  const perReviewer = Object.fromEntries(reviewerIds.map((id) => [id, rows.filter((r) => r.userId === id).length]));
  return { trajectories: ids.length, assignments: added, perReviewer };
}
