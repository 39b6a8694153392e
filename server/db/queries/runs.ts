import { desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RunSettings } from '../../pipeline/rollout/settings';
import type { Db } from '../client';
import { jobs, runs, trajectories } from '../schema';
import { pageOf } from './page';

export type RunRow = typeof runs.$inferSelect;

export async function createRun(db: Db, run: { name: string; settings: RunSettings; taskIds: string[] }): Promise<RunRow> {
  const [row] = await db
    .insert(runs)
    .values({ ...run, total: run.taskIds.length })
    .returning();
  return row!;
}

export async function setRunJob(db: Db, runId: string, jobId: string) {
  await db.update(runs).set({ jobId }).where(eq(runs.id, runId));
}

/** Counts of a run's trajectories: done, by status, and passing each filter. */
const COUNTS = {
  done: sql<number>`count(${trajectories.id})::int`,
  passed: sql<number>`count(*) filter (where ${trajectories.passed})::int`,
  validity: sql<number>`count(*) filter (where ${trajectories.validity})::int`,
  state: sql<number>`count(*) filter (where ${trajectories.stateAligned})::int`,
  exact: sql<number>`count(*) filter (where ${trajectories.exact})::int`,
  recovered: sql<number>`count(*) filter (where ${trajectories.tags} ? 'recovered')::int`,
  completed: sql<number>`count(*) filter (where ${trajectories.status} = 'completed')::int`,
  maxTurns: sql<number>`count(*) filter (where ${trajectories.status} = 'max_turns')::int`,
  errors: sql<number>`count(*) filter (where ${trajectories.status} = 'error')::int`,
  failed: sql<number>`count(*) filter (where ${trajectories.status} = 'failed')::int`,
};
export type RunCounts = { [K in keyof typeof COUNTS]: number };

async function countsFor(db: Db, runIds: string[]): Promise<Map<string, RunCounts>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .select({ runId: trajectories.runId, ...COUNTS })
    .from(trajectories)
    .where(inArray(trajectories.runId, runIds))
    .groupBy(trajectories.runId);
  return new Map(rows.map(({ runId, ...c }) => [runId, c]));
}

const EMPTY: RunCounts = { done: 0, passed: 0, validity: 0, state: 0, exact: 0, recovered: 0, completed: 0, maxTurns: 0, errors: 0, failed: 0 };

const runColumns = {
  id: runs.id,
  name: runs.name,
  settings: runs.settings,
  total: runs.total,
  jobId: runs.jobId,
  createdAt: runs.createdAt,
  jobStatus: jobs.status,
  jobProgress: jobs.progress,
  jobMessage: jobs.message,
  jobError: jobs.error,
};

export const runListInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** Where the previous page ended: its last run's creation time (as the database wrote it, to the microsecond) and id. */
  cursor: z
    .string()
    .regex(/^[^|]+\|[0-9a-f-]{36}$/, 'not a cursor this list gave')
    .nullish(),
});

/** A page of runs, newest first, with their counts and the state of their latest job. */
export async function listRuns(db: Db, raw: z.input<typeof runListInput> = {}) {
  const input = runListInput.parse(raw);
  const [at, id] = input.cursor ? input.cursor.split('|') : [];
  const rows = await db
    .select({ ...runColumns, at: sql<string>`${runs.createdAt}::text` })
    .from(runs)
    .leftJoin(jobs, eq(jobs.id, runs.jobId))
    .where(at && id ? sql`(${runs.createdAt}, ${runs.id}) < (${at}::timestamptz, ${id}::uuid)` : undefined)
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (last) => `${last.at}|${last.id}`);
  const counts = await countsFor(
    db,
    page.items.map((r) => r.id),
  );
  return { ...page, items: page.items.map(({ at: _, ...r }) => ({ ...r, counts: counts.get(r.id) ?? EMPTY })) };
}

export async function getRun(db: Db, id: string) {
  const [row] = await db
    .select({ ...runColumns, taskIds: runs.taskIds })
    .from(runs)
    .leftJoin(jobs, eq(jobs.id, runs.jobId))
    .where(eq(runs.id, id));
  if (!row) return null;
  const counts = await countsFor(db, [id]);
  return { ...row, counts: counts.get(id) ?? EMPTY };
}

/** Tasks of the run that already have a trajectory (a resume skips them). */
export async function finishedTaskIds(db: Db, runId: string): Promise<Set<string>> {
  const rows = await db.select({ taskId: trajectories.taskId }).from(trajectories).where(eq(trajectories.runId, runId));
  return new Set(rows.map((r) => r.taskId));
}
