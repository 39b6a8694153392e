import type { RouterOutputs } from '../trpc';

/** A job as the studio shows it. */
export type JobRow = RouterOutputs['jobs']['get'];

export const isActive = (job: Pick<JobRow, 'status'>) => job.status === 'queued' || job.status === 'running';

export const STATUS_COLOR: Record<JobRow['status'], string> = {
  queued: 'gray',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'orange',
};

export function duration(job: Pick<JobRow, 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  if (!job.startedAt) return '—';
  const ms = (job.finishedAt?.getTime() ?? now) - job.startedAt.getTime();
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
