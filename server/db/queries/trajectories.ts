import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Trajectory } from '../../pipeline/rollout/model';
import type { Verdict } from '../../pipeline/verify/model';
import type { Db } from '../client';
import { tasks, trajectories } from '../schema';
import { bySeq, pageOf } from './page';

export type TrajectoryRow = typeof trajectories.$inferSelect;

/** Stores one finished rollout; a second one for the same run and task is ignored (a resumed job). */
export async function saveTrajectory(
  db: Db,
  origin: { runId: string; taskId: string; environmentVersionId: string; domainId: string | null; domainName: string },
  t: Trajectory,
  verdict: Verdict,
): Promise<string | null> {
  const [row] = await db
    .insert(trajectories)
    .values({
      ...origin,
      status: t.status,
      error: t.error ?? null,
      messages: t.messages,
      steps: t.steps,
      finalState: t.finalState,
      verdict,
      passed: verdict.passed,
      validity: verdict.validity.pass,
      stateAligned: verdict.state.pass,
      exact: verdict.exact.pass,
      tags: verdict.tags,
      noiseApplied: t.noiseApplied,
      masked: t.masked,
      policies: t.policies,
      turns: t.turns,
      calls: t.steps.length,
      seed: t.seed,
      ms: Math.round(t.ms),
    })
    .onConflictDoNothing({ target: [trajectories.runId, trajectories.taskId] })
    .returning({ id: trajectories.id });
  return row?.id ?? null;
}

/**
 * Verification outcomes: passed/failed the three filters; validity/state/exact: failed that filter;
 * recovered: the tag. "failed" is not "rejected", which is a reviewer's verdict.
 */
export const OUTCOMES = ['passed', 'failed', 'validity', 'state', 'exact', 'recovered'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** An outcome as asked for; links made before the verification outcome was called "failed" said "rejected". */
export const outcomeInput = z.preprocess((v) => (v === 'rejected' ? 'failed' : v), z.enum(OUTCOMES));

export const trajectoryListInput = z.object({
  runId: z.uuid(),
  outcome: outcomeInput.optional(),
  limit: z.number().int().min(1).max(500).default(100),
  cursor: z.number().int().nullish(),
});
export type TrajectoryListInput = z.input<typeof trajectoryListInput>;

/** The condition each outcome filter selects (shared with the review queue). */
export const OUTCOME_FILTERS = {
  passed: sql`${trajectories.passed}`,
  failed: sql`not ${trajectories.passed}`,
  validity: sql`not ${trajectories.validity}`,
  state: sql`not ${trajectories.stateAligned}`,
  exact: sql`not ${trajectories.exact}`,
  recovered: sql`${trajectories.tags} ? 'recovered'`,
};

/** How many of a run's trajectories each outcome filter selects, and all of them. */
export type OutcomeCounts = Record<Outcome | 'all', number>;

/**
 * One page of a run's trajectories in the order they finished, without messages or states. The
 * first page also counts what each outcome filter selects, read in the same snapshot as the rows
 * and with the same conditions, so a tab's count and the rows it shows always agree (a live run
 * keeps adding trajectories between two separate reads).
 */
export async function listTrajectories(
  db: Db,
  raw: TrajectoryListInput,
): Promise<{ items: TrajectoryListItem[]; nextCursor: number | null; counts: OutcomeCounts | null }> {
  const input = trajectoryListInput.parse(raw);
  return db.transaction(
    async (tx) => {
      const page = await trajectoryPage(tx, input);
      return { ...page, counts: input.cursor == null ? await outcomeCounts(tx, input.runId) : null };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function outcomeCounts(db: Tx, runId: string): Promise<OutcomeCounts> {
  const columns = Object.fromEntries(OUTCOMES.map((o) => [o, sql<number>`(count(*) filter (where ${OUTCOME_FILTERS[o]}))::int`]));
  const [row] = await db
    .select({ all: sql<number>`count(*)::int`, ...columns })
    .from(trajectories)
    .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(eq(trajectories.runId, runId));
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)])) as OutcomeCounts;
}

export type TrajectoryListItem = Awaited<ReturnType<typeof trajectoryPage>>['items'][number];

async function trajectoryPage(db: Tx, input: z.infer<typeof trajectoryListInput>) {
  const rows = await db
    .select({
      id: trajectories.id,
      seq: trajectories.seq,
      taskId: trajectories.taskId,
      domainName: trajectories.domainName,
      status: trajectories.status,
      error: trajectories.error,
      passed: trajectories.passed,
      validity: trajectories.validity,
      stateAligned: trajectories.stateAligned,
      exact: trajectories.exact,
      tags: trajectories.tags,
      noiseApplied: trajectories.noiseApplied,
      turns: trajectories.turns,
      calls: trajectories.calls,
      ms: trajectories.ms,
      readOnly: tasks.readOnly,
      intent: tasks.intent,
    })
    .from(trajectories)
    .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(
      and(
        eq(trajectories.runId, input.runId),
        input.outcome ? OUTCOME_FILTERS[input.outcome] : undefined,
        input.cursor == null ? undefined : gt(trajectories.seq, input.cursor),
      ),
    )
    .orderBy(asc(trajectories.seq))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, bySeq);
}

/** A trajectory in full with the task it ran (gold calls and states, for the final-vs-gold diff). */
export async function getTrajectory(db: Db, id: string) {
  const [row] = await db
    .select({ trajectory: trajectories, task: tasks })
    .from(trajectories)
    .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(eq(trajectories.id, id));
  return row ?? null;
}

/** The neighbours of a trajectory in its run, for previous/next navigation. */
export async function trajectoryNeighbours(db: Db, runId: string, seq: number) {
  const [prev] = await db
    .select({ id: trajectories.id })
    .from(trajectories)
    .where(and(eq(trajectories.runId, runId), sql`${trajectories.seq} < ${seq}`))
    .orderBy(sql`${trajectories.seq} desc`)
    .limit(1);
  const [next] = await db
    .select({ id: trajectories.id })
    .from(trajectories)
    .where(and(eq(trajectories.runId, runId), gt(trajectories.seq, seq)))
    .orderBy(asc(trajectories.seq))
    .limit(1);
  return { prev: prev?.id ?? null, next: next?.id ?? null };
}
