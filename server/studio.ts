import { readConfig, type StudioConfig } from './config';
import { openDatabase, type DatabaseHandle } from './db/client';
import { startJobQueue, type JobQueue } from './jobs/queue';

/** One process's handle on everything stateful: the configuration, the database, the job queue. */
export type Studio = {
  config: StudioConfig;
  database: DatabaseHandle;
  jobs: JobQueue;
  close(): Promise<void>;
};

export async function openStudio(opts: { config?: StudioConfig; workers?: number; command?: string } = {}): Promise<Studio> {
  const config = opts.config ?? readConfig();
  const database = await openDatabase(config.database, { command: opts.command });
  let jobs: JobQueue;
  try {
    jobs = await startJobQueue(database, config, { workers: opts.workers ?? 0 });
  } catch (err) {
    await database.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    config,
    database,
    jobs,
    close: () =>
      (closing ??= (async () => {
        await jobs.stop();
        await database.close();
      })()),
  };
}

// Next.js bundles route handlers and instrumentation separately, so a module-level variable would
// exist once per bundle; the process-wide instance lives on globalThis instead.
const KEY = Symbol.for('environment-studio.studio');
type Global = typeof globalThis & { [KEY]?: Promise<Studio> };

/** The web server's studio, opened once with its in-process workers and closed on shutdown. */
export function getStudio(): Promise<Studio> {
  const g = globalThis as Global;
  if (!g[KEY]) {
    const config = readConfig();
    g[KEY] = openStudio({ config, workers: config.workers, command: 'studio web server' }).then((studio) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          studio.close().finally(() => process.exit(0));
        });
      }
      return studio;
    });
  }
  return g[KEY];
}
