import { readConfig } from './config';
import { openStudio } from './studio';

/**
 * `npm run worker`: extra job workers on any machine that can reach the PostgreSQL server in
 * DATABASE_URL. They share the queue with the web server's own workers.
 */
async function main() {
  const config = readConfig();
  if (config.database.kind !== 'postgres') {
    process.stderr.write(
      'error: npm run worker needs DATABASE_URL (a PostgreSQL server shared with the studio). ' +
        'The embedded database can only be opened by the studio process itself, which already runs its own workers.\n',
    );
    process.exit(2);
  }
  const workers = Math.max(1, config.workers);
  const studio = await openStudio({ config, workers, command: 'worker' });
  console.log(`[worker] ${studio.jobs.workerName} running ${workers} job(s) at a time; Ctrl-C to stop`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('[worker] stopping: jobs in flight will be retried by another worker');
      studio.close().finally(() => process.exit(0));
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
