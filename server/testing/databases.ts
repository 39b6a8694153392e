import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { readConfig, type StudioConfig } from '../config';

/**
 * Databases for integration tests: PGlite always, and a real PostgreSQL server when
 * TEST_DATABASE_URL is set (CI sets it). Each test gets its own empty database.
 */
export const TEST_DATABASE_KINDS: Array<'pglite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export type TestDatabase = { config: StudioConfig; env: Record<string, string>; cleanup(): Promise<void> };

/**
 * `asUser`: for benchmarks, a PGlite folder as a user's studio has it (on disk, the default cache),
 * not the test suite's (in memory when there is room, a small cache).
 * `migrated`: for tests about what comes after opening an empty database. On PGlite the folder starts
 * as a copy of one already migrated (with the job queue's schema), made once per set of migrations:
 * initdb and the migrations cost several seconds a database on a loaded machine, a copy a fraction
 * of that. Postgres creates and migrates a database in well under a second, so it starts empty.
 */
export async function createTestDatabase(
  kind: 'pglite' | 'postgres',
  extraEnv: Record<string, string> = {},
  opts: { migrated?: boolean; asUser?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(opts.asUser ? os.tmpdir() : databaseRoot(), 'studio-test-'));
    if (opts.migrated) fs.cpSync(await migratedPgliteTemplate(), dir, { recursive: true });
    const env: Record<string, string> = { STUDIO_DATA_DIR: dir, ...(opts.asUser ? {} : { STUDIO_PGLITE_CACHE_MB: TEST_PGLITE_CACHE_MB }), ...extraEnv };
    return { config: readConfig(env), env, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `studio_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), ...extraEnv };
  return {
    config: readConfig(env),
    env,
    cleanup: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/**
 * Test databases are small, and a test run opens PGlite hundreds of times: the default 128 MB cache
 * is zeroed at each open (measured: an open 0.6–0.9 s, 0.2–0.65 s with 16 MB).
 */
const TEST_PGLITE_CACHE_MB = '16';

/**
 * Where test databases live: in memory (/dev/shm) when it has room, else the temp dir. A PGlite
 * database is a folder of a thousand files written page by page; on tmpfs copying the template and
 * every write cost a fraction of the kernel time they cost on disk (copying the template: 0.1 s
 * of system time against 0.3–0.5 s).
 */
const databaseRoot = (() => {
  let root: string | undefined;
  return () => (root ??= process.env.STUDIO_TEST_DB_DIR ?? (hasRoom('/dev/shm', 4 * 1024 ** 3) ? '/dev/shm' : os.tmpdir()));
})();

function hasRoom(dir: string, bytes: number): boolean {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize >= bytes;
  } catch {
    return false;
  }
}

let template: Promise<string> | undefined;

/**
 * A migrated PGlite data folder in the temp dir, named after what shapes it (the migrations, the
 * PGlite and pg-boss versions) so a changed migration makes a new one. Test files run in parallel
 * processes: each builds in its own folder and renames it into place; a loser of that race uses the
 * winner's.
 */
function migratedPgliteTemplate(): Promise<string> {
  return (template ??= (async () => {
    const hash = createHash('sha256');
    const root = path.resolve(__dirname, '..', '..');
    for (const pkg of ['@electric-sql/pglite', 'pg-boss']) hash.update(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json')));
    const migrations = path.join(root, 'drizzle');
    for (const f of (fs.readdirSync(migrations, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
      const file = path.join(migrations, f);
      if (fs.statSync(file).isFile()) hash.update(f).update(fs.readFileSync(file));
    }
    const final = path.join(databaseRoot(), `studio-test-template-${hash.digest('hex').slice(0, 16)}`);
    if (fs.existsSync(path.join(final, 'pgdata'))) return final;
    const building = fs.mkdtempSync(`${final}-building-`);
    const { openStudio } = await import('../studio');
    const studio = await openStudio({ config: readConfig({ STUDIO_DATA_DIR: building, STUDIO_PGLITE_CACHE_MB: TEST_PGLITE_CACHE_MB }), workers: 0 });
    await studio.close();
    try {
      fs.renameSync(building, final);
    } catch (err) {
      if (!['EEXIST', 'ENOTEMPTY'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
      fs.rmSync(building, { recursive: true, force: true });
    }
    return final;
  })());
}

/** Polls until `check` returns a value, or fails with the last value seen. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
