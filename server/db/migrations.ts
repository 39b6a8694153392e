import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, type Db } from './client';
import { rowsOf } from './rows';

type JournalEntry = { idx: number; when: number; tag: string };

/** The migrations shipped with this build, oldest first (drizzle-kit's journal). */
export function shippedMigrations(dir = MIGRATIONS_DIR): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

/** The newest migration applied to this database, by drizzle's own bookkeeping table. */
export async function appliedMigration(db: Db): Promise<{ tag: string; count: number; pending: number }> {
  const rows = await db.execute<{ created_at: string | number }>(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc`);
  const list = rowsOf<{ created_at: string | number }>(rows);
  const shipped = shippedMigrations();
  const latest = list[0] ? Number(list[0].created_at) : undefined;
  const entry = shipped.find((m) => m.when === latest);
  return {
    tag: entry?.tag ?? (latest === undefined ? 'none' : `unknown (${latest})`),
    count: list.length,
    pending: shipped.filter((m) => latest === undefined || m.when > latest).length,
  };
}
