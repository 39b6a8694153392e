import type { StudioConfig } from '../config';
import type { Db } from '../db/client';

/** What a job handler gets besides its input: where to write, how to report, when to stop. */
export type JobContext = {
  jobId: string;
  attempt: number;
  db: Db;
  config: StudioConfig;
  /** Saves percent (0–100) and a message; throws JobCancelledError once a cancel was requested. */
  progress(percent: number, message: string): Promise<void>;
  /** Aborted on cancel, on shutdown, and when pg-boss says this worker lost the job. */
  signal: AbortSignal;
};

export class JobCancelledError extends Error {
  override name = 'JobCancelledError';
  constructor() {
    super('Cancelled by request');
  }
}
