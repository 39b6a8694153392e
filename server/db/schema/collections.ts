import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ImportWarning, ToolExample, ToolSource } from '../../pipeline/tools/model';
import { bytea } from './columns';

// Imported API collections, their tools, and the files uploaded before an import.

export const collections = pgTable(
  'collections',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    format: text().notNull(),
    /** Hash of the imported bytes, to recognise a re-import of the same file. */
    contentHash: text().notNull(),
    files: jsonb().$type<string[]>().notNull().default([]),
    toolCount: integer().notNull().default(0),
    /** What was skipped or repaired when it was imported, shown beside the collection. */
    warnings: jsonb().$type<ImportWarning[]>().notNull().default([]),
    /** Its tools form one locked domain at every graph build instead of being clustered (one API, one environment). */
    keepWhole: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('collections_content_hash_idx').on(t.contentHash)],
);

export const tools = pgTable(
  'tools',
  {
    id: uuid().primaryKey().defaultRandom(),
    collectionId: uuid()
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    description: text().notNull().default(''),
    parameters: jsonb().$type<Record<string, unknown>>().notNull(),
    returns: jsonb().$type<Record<string, unknown> | null>(),
    /** Responses the API documents (OpenAPI examples, Postman saved responses), success first; a few, shrunk. */
    examples: jsonb().$type<ToolExample[]>().notNull().default([]),
    op: text({ enum: ['read', 'write'] }).notNull(),
    opReason: text().notNull(),
    /** Set when a person chose read/write by hand; `opReason` then says what was decided before. */
    opOverridden: boolean().notNull().default(false),
    source: jsonb().$type<ToolSource>().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tools_collection_name_idx').on(t.collectionId, t.name), index('tools_name_idx').on(t.name, t.id)],
);

/**
 * Files a browser uploaded, kept in the database (not on the web server's disk) so that a worker
 * on another machine can run the import job; deleted once imported or discarded.
 */
export const uploads = pgTable('uploads', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  content: bytea().notNull(),
  size: bigint({ mode: 'number' }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
