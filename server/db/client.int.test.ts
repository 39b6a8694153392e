import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { openDatabase } from './client';
import { studioStatus } from './queries/health';
import { appliedMigration, shippedMigrations } from './migrations';
import { collections } from './schema';
import { openStudio } from '../studio';

describe.each(TEST_DATABASE_KINDS)('database on %s', (kind) => {
  let t: TestDatabase;
  afterEach(() => t?.cleanup());

  it('applies every shipped migration at open, and keeps data across a reopen', async () => {
    t = await createTestDatabase(kind);
    const first = await openDatabase(t.config.database);
    expect(first.kind).toBe(kind);
    const migration = await appliedMigration(first.db);
    const shipped = shippedMigrations();
    expect(migration).toEqual({ tag: shipped[shipped.length - 1]!.tag, count: shipped.length, pending: 0 });
    const [row] = await first.db.insert(collections).values({ name: 'petstore', format: 'openapi', contentHash: 'abc' }).returning();
    await first.close();

    const second = await openDatabase(t.config.database);
    const again = await second.db.select().from(collections).where(eq(collections.id, row!.id));
    expect(again.map((c) => c.name)).toEqual(['petstore']);
    // Opening again applies nothing twice.
    expect((await appliedMigration(second.db)).count).toBe(shipped.length);
    await second.close();
  });

  it('reports its kind, migration and job counts', async () => {
    t = await createTestDatabase(kind);
    const studio = await openStudio({ config: t.config });
    try {
      const status = await studioStatus(studio);
      expect(status.database).toBe(kind);
      expect(status.migration).toMatch(/^\d{4}_/);
      expect(status.jobs).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 });
    } finally {
      await studio.close();
    }
  });
});

describe('PGlite cache size', () => {
  it('follows STUDIO_PGLITE_CACHE_MB for the open it is given to, and is not written into the data folder', async () => {
    const t = await createTestDatabase('pglite', { STUDIO_PGLITE_CACHE_MB: '24' });
    try {
      const setting = async (target: typeof t.config.database) => {
        const handle = await openDatabase(target);
        try {
          return (await handle.pglite!.query<{ v: string }>("select current_setting('shared_buffers') as v")).rows[0]!.v;
        } finally {
          await handle.close();
        }
      };
      expect(t.config.database).toMatchObject({ kind: 'pglite', cacheMb: 24 });
      expect(await setting(t.config.database)).toBe('24MB');
      // Without the setting the next open has Postgres's default again.
      expect(await setting({ kind: 'pglite', dataDir: (t.config.database as { dataDir: string }).dataDir })).toBe('128MB');
    } finally {
      await t.cleanup();
    }
  });
});

describe('PGlite bytea', () => {
  it('sends and reads every byte value, from a view into a larger buffer too', async () => {
    const t = await createTestDatabase('pglite');
    const handle = await openDatabase(t.config.database);
    try {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      const backing = new Uint8Array(258).fill(9);
      backing.set(all, 2);
      const view = backing.subarray(2);
      for (const value of [all, view, new Uint8Array(0)]) {
        const { rows } = await handle.pglite!.query<{ b: Uint8Array; n: number }>('select $1::bytea as b, length($1::bytea) as n', [value]);
        expect(rows[0]!.n).toBe(value.length);
        expect([...rows[0]!.b]).toEqual([...value]);
      }
      const { rows } = await handle.pglite!.query<{ b: Uint8Array }>("select '\\x00ff10'::bytea as b");
      expect([...rows[0]!.b]).toEqual([0, 255, 16]);
    } finally {
      await handle.close();
      await t.cleanup();
    }
  });
});

describe('configuration picks the database', () => {
  it('PGlite without DATABASE_URL, Postgres with it', () => {
    expect(readConfig({ STUDIO_DATA_DIR: '/tmp/x' }).database.kind).toBe('pglite');
    expect(readConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database.kind).toBe('postgres');
  });
});
