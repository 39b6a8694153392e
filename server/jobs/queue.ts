import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PgBoss, fromPglite, type Job } from 'pg-boss';
import type { StudioConfig } from '../config';
import type { DatabaseHandle } from '../db/client';
import { finishJob, getJob, insertJob, markJobRunning, reportJobProgress, requestJobCancel, type JobRow } from '../db/queries/jobs';
import { JobCancelledError, type JobContext } from './context';
import { JOB_KIND_NAMES, JOB_KINDS, type JobKindName } from './kinds';
import { reconcileAbandonedJobs } from './reconcile';

export type JobQueue = {
  enqueue(kind: JobKindName, input: unknown): Promise<JobRow>;
  cancel(id: string): Promise<JobRow | null>;
  /** Closes records of jobs that pg-boss gave up on; runs by itself in processes with workers. */
  reconcile(quietSeconds?: number): Promise<number>;
  stop(): Promise<void>;
  workerName: string;
};

/** pg-boss retries a job whose worker stopped sending heartbeats for this long. Its minimum is 10. */
const HEARTBEAT_SECONDS = 10;

export async function startJobQueue(database: DatabaseHandle, config: StudioConfig, opts: { workers: number; workerName?: string }): Promise<JobQueue> {
  const workerName = opts.workerName ?? `${os.hostname()}:${process.pid}`;
  const timing = {
    supervise: true,
    schedule: false,
    superviseIntervalSeconds: config.jobMonitorSeconds,
    monitorIntervalSeconds: config.jobMonitorSeconds,
  };
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', ...timing })
    : new PgBoss({ connectionString: database.url!, max: 4, ...timing });
  boss.on('error', (err) => console.error('[jobs]', err.message));
  await boss.start();

  for (const name of JOB_KIND_NAMES) {
    const options = { heartbeatSeconds: HEARTBEAT_SECONDS, retryLimit: 3, retryDelay: 1, expireInSeconds: 24 * 3600 };
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, options);
  }

  const { db } = database;
  const controllers = new Set<AbortController>();
  let stopping = false;

  const runOne = async (job: Job<unknown>) => {
    const row = await getJob(db, job.id);
    if (!row) return; // the job's record was deleted: nothing to report to
    if (row.cancelRequested) {
      await finishJob(db, job.id, { status: 'cancelled', message: 'Cancelled before it started' });
      return;
    }
    const kind = JOB_KINDS[row.kind as JobKindName];
    const attempt = job.retryCount + 1;
    await markJobRunning(db, job.id, attempt, workerName);
    const controller = new AbortController();
    controllers.add(controller);
    const signal = AbortSignal.any([controller.signal, job.signal]);
    const ctx: JobContext = {
      jobId: job.id,
      attempt,
      db,
      config,
      signal,
      async progress(percent, message) {
        const { cancelRequested } = await reportJobProgress(db, job.id, percent, message);
        if (cancelRequested) {
          controller.abort(new JobCancelledError());
          throw new JobCancelledError();
        }
      },
    };
    try {
      const input = kind.input.parse(row.input);
      const result = await kind.run(input as never, ctx);
      await finishJob(db, job.id, { status: 'completed', result, message: 'Done' });
    } catch (err) {
      if (err instanceof JobCancelledError || controller.signal.reason instanceof JobCancelledError) {
        await finishJob(db, job.id, { status: 'cancelled', message: 'Cancelled' });
      } else if (stopping || job.signal.aborted) {
        // This worker is stopping or lost its claim (pg-boss gave the job to another worker): the
        // job is not finished, so leave it to be retried and its record to whoever runs it next.
        throw err;
      } else {
        // A handler's own error is final: retrying the same input would fail the same way. Retries
        // are for workers that died, which pg-boss detects by their missing heartbeat.
        await finishJob(db, job.id, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      controllers.delete(controller);
    }
  };

  // A record that has not moved for this long while its job should report progress is suspect.
  const QUIET_SECONDS = 3 * HEARTBEAT_SECONDS;
  let reconciler: NodeJS.Timeout | undefined;
  if (opts.workers > 0) {
    reconciler = setInterval(
      () => {
        reconcileAbandonedJobs(db, boss, QUIET_SECONDS).catch((err: Error) => console.error('[jobs] reconcile:', err.message));
      },
      Math.max(5, config.jobMonitorSeconds) * 1000,
    );
    reconciler.unref();
    for (const name of JOB_KIND_NAMES) {
      await boss.work(name, { batchSize: 1, localConcurrency: opts.workers, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job) await runOne(job);
      });
    }
  }

  return {
    workerName,
    async enqueue(kindName, rawInput) {
      const kind = JOB_KINDS[kindName];
      const input = kind.input.parse(rawInput ?? {});
      const id = randomUUID();
      const row = await insertJob(db, { id, kind: kindName, title: kind.title(input as never), input });
      try {
        await boss.send(kindName, {}, { id });
      } catch (err) {
        await finishJob(db, id, { status: 'failed', error: `Could not queue the job: ${(err as Error).message}` });
        throw err;
      }
      return row;
    },
    async cancel(id) {
      const row = await requestJobCancel(db, id);
      if (row?.status === 'queued') {
        await boss.cancel(row.kind, id).catch(() => undefined);
        await finishJob(db, id, { status: 'cancelled', message: 'Cancelled before it started' });
      }
      return row && getJob(db, id);
    },
    reconcile: (quietSeconds = QUIET_SECONDS) => reconcileAbandonedJobs(db, boss, quietSeconds),
    async stop() {
      clearInterval(reconciler);
      stopping = true;
      controllers.forEach((c) => c.abort(new Error('shutting down')));
      await boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
    },
  };
}
