import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { acquireDataDirLock } from './data-dir-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** `cacheMb`: PGlite's shared_buffers (default Postgres's 128 MB). */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string; cacheMb?: number };

export type DatabaseHandle = {
  kind: DatabaseTarget['kind'];
  db: Db;
  /** Set for the embedded database: pg-boss runs on the same single connection. */
  pglite?: PGlite;
  /** Set for a server: pg-boss opens its own pool to it. */
  url?: string;
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = path.join(process.cwd(), 'drizzle');

/** Opens the database, taking the data-folder lock for PGlite, and applies pending migrations. */
export async function openDatabase(target: DatabaseTarget, opts: { command?: string } = {}): Promise<DatabaseHandle> {
  return target.kind === 'pglite' ? openPglite(target.dataDir, target.cacheMb, opts.command) : openPostgres(target.url);
}

const BYTEA_OID = 17;

/**
 * bytea through Node's own hex codec. PGlite's built-in ones go byte by byte through strings: a
 * graph build's 4.5 MB edge set (30,000 tools) took 1.3 s to send and as long to read back.
 */
const BYTEA_AS_HEX = {
  serializers: {
    [BYTEA_OID]: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new TypeError('a bytea value must be a Uint8Array');
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
    },
  },
  parsers: { [BYTEA_OID]: (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex')) },
};

async function openPglite(dataDir: string, cacheMb: number | undefined, command?: string): Promise<DatabaseHandle> {
  const lock = acquireDataDirLock(dataDir, command);
  try {
    // The cache lives in the process's WebAssembly memory and is zeroed at every open: 128 MB costs
    // about half a second of CPU, which many short processes (the CLI, tests) feel. A start
    // parameter, so nothing is written into the data folder's postgresql.conf.
    const startParams = cacheMb ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${cacheMb}MB`] : undefined;
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), { startParams, ...BYTEA_AS_HEX });
    const db = drizzlePglite({ client: pglite, schema, casing: 'snake_case' }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    let closed = false;
    return {
      kind: 'pglite',
      db,
      pglite,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

// Any number of processes may start at once against one server; the lock keeps their migrations
// from racing each other.
const MIGRATION_LOCK_KEY = 724_515_001;

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client: migrator, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_DIR });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await migrator.end();
  }
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres({ client: sql, schema, casing: 'snake_case' }) as unknown as Db;
  return { kind: 'postgres', db, url, close: () => sql.end({ timeout: 5 }) };
}
