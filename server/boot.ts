import { getStudio } from './studio';

/**
 * The web server's start-up. A data folder held by another process, or a database that cannot be
 * reached, ends this process with a clear message instead of leaving a half-working server.
 */
export async function boot() {
  try {
    const studio = await getStudio();
    const where = studio.config.database.kind === 'pglite' ? studio.config.database.dataDir : 'PostgreSQL server';
    console.log(`[studio] database: ${studio.database.kind} (${where}); workers in this process: ${studio.config.workers}`);
  } catch (err) {
    console.error(`[studio] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
