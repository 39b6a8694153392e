import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { jobs, type JobStatus } from '../schema';
import { pageOf } from './page';

export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: Db, job: { id: string; kind: string; title: string; input: unknown }): Promise<JobRow> {
  const [row] = await db.insert(jobs).values(job).returning();
  return row!;
}

export async function getJob(db: Db, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** Newest first, paginated by (createdAt, id) so pages stay stable while jobs are added. */
export async function listJobs(db: Db, opts: { limit: number; cursor?: { createdAt: Date; id: string } | null }) {
  const c = opts.cursor;
  const rows = await db
    .select()
    .from(jobs)
    .where(c ? or(lt(jobs.createdAt, c.createdAt), and(eq(jobs.createdAt, c.createdAt), lt(jobs.id, c.id))) : undefined)
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, (last) => ({ createdAt: last.createdAt, id: last.id }));
}

export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const result = await db.execute(sql`select status, count(*)::int as n from jobs group by status`);
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const r of rowsOf<{ status: JobStatus; n: number }>(result)) counts[r.status] = Number(r.n);
  return counts;
}

export async function markJobRunning(db: Db, id: string, attempt: number, worker: string) {
  await db
    .update(jobs)
    .set({ status: 'running', attempts: attempt, worker, startedAt: sql`coalesce(${jobs.startedAt}, now())`, error: null })
    .where(eq(jobs.id, id));
}

/** Saves progress and tells the worker whether someone asked to cancel meanwhile. */
export async function reportJobProgress(db: Db, id: string, progress: number, message: string): Promise<{ cancelRequested: boolean }> {
  const [row] = await db
    .update(jobs)
    .set({ progress: Math.max(0, Math.min(100, progress)), message })
    .where(eq(jobs.id, id))
    .returning({ cancelRequested: jobs.cancelRequested });
  return { cancelRequested: row?.cancelRequested ?? true };
}

export async function finishJob(
  db: Db,
  id: string,
  outcome: { status: 'completed'; result: unknown; message?: string } | { status: 'failed' | 'cancelled'; error?: string; message?: string },
) {
  await db
    .update(jobs)
    .set({
      status: outcome.status,
      finishedAt: sql`now()`,
      ...(outcome.status === 'completed' ? { progress: 100, result: outcome.result } : { error: outcome.error ?? null }),
      ...(outcome.message !== undefined ? { message: outcome.message } : {}),
    })
    .where(eq(jobs.id, id));
}

/** Records the request; returns the row so the caller can stop a job that has not started. */
export async function requestJobCancel(db: Db, id: string): Promise<JobRow | null> {
  const [row] = await db.update(jobs).set({ cancelRequested: true }).where(eq(jobs.id, id)).returning();
  return row ?? null;
}

/** Jobs that claim to be queued or running but whose record has not moved for a while. */
export async function listQuietActiveJobs(db: Db, quietSeconds: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(inArray(jobs.status, ['queued', 'running']), lt(jobs.updatedAt, sql`now() - make_interval(secs => ${quietSeconds})`)))
    .limit(100);
}
