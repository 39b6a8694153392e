import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ExportManifest, ExportSelection } from '../../pipeline/export/manifest';

/**
 * SFT data made by an export job. The file itself lives in `export_chunks` (in the database, like
 * uploads, so a worker on another machine can write it and any web server can serve it). The
 * manifest is set when the last chunk is written: until then, and if the job fails, the export
 * has no manifest and its chunks are not served. Status and progress are the job's.
 */
export const exportsTable = pgTable(
  'exports',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    selection: jsonb().$type<ExportSelection>().notNull(),
    jobId: uuid(),
    manifest: jsonb().$type<ExportManifest | null>(),
    bytes: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exports_seq_idx').on(t.seq)],
);

/** An export's JSONL in order: `n` 0, 1, 2… each a run of whole lines. */
export const exportChunks = pgTable(
  'export_chunks',
  {
    exportId: uuid()
      .notNull()
      .references(() => exportsTable.id, { onDelete: 'cascade' }),
    n: integer().notNull(),
    text: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.n] })],
);
