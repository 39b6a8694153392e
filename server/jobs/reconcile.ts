import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import { finishJob, listQuietActiveJobs } from '../db/queries/jobs';

/**
 * pg-boss retries a job whose worker died, until its retries run out; then it marks the job failed
 * in its own table, and no worker is left to say so on the studio's record. This closes such
 * records, and those whose pg-boss job is gone altogether, so no job shows "running" forever.
 */
export async function reconcileAbandonedJobs(db: Db, boss: PgBoss, quietSeconds: number): Promise<number> {
  let closed = 0;
  for (const row of await listQuietActiveJobs(db, quietSeconds)) {
    const job = await boss.getJobById(row.kind, row.id);
    if (job && job.state !== 'failed' && job.state !== 'cancelled') continue;
    await finishJob(db, row.id, {
      status: job?.state === 'cancelled' ? 'cancelled' : 'failed',
      error: job ? 'The worker running this job stopped, and no retries are left' : 'The job disappeared from the queue',
    });
    closed++;
  }
  return closed;
}
