import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { ImportedCollection } from '../../pipeline/tools/import';
import type { Db } from '../client';
import { collections, domains, tools } from '../schema';

export type CollectionRow = typeof collections.$inferSelect;
export type CollectionSummary = Pick<CollectionRow, 'id' | 'name' | 'format' | 'toolCount' | 'createdAt' | 'files' | 'contentHash' | 'keepWhole'> & {
  warningCount: number;
};

/** Rows per INSERT: keeps each statement well under Postgres's 65,535 bind parameters. */
const TOOL_BATCH = 500;

/**
 * Stores an imported collection and its tools in one transaction, so a failure leaves nothing
 * behind. With `replace`, the named collection (a previous import of the same file) is removed in
 * the same transaction.
 */
export async function saveCollection(
  db: Db,
  imported: ImportedCollection,
  opts: { name?: string; replace?: string; onProgress?: (done: number, total: number) => Promise<void> | void } = {},
): Promise<CollectionRow> {
  return db.transaction(async (tx) => {
    // A replaced collection's choice to be kept whole, and its domain, pass to the new import.
    let keepWhole = false;
    let wholeDomains: string[] = [];
    if (opts.replace) {
      keepWhole = (await tx.select({ keepWhole: collections.keepWhole }).from(collections).where(eq(collections.id, opts.replace)))[0]?.keepWhole ?? false;
      wholeDomains = (await tx.select({ id: domains.id }).from(domains).where(eq(domains.collectionId, opts.replace))).map((d) => d.id);
      await tx.delete(collections).where(eq(collections.id, opts.replace));
    }
    const [row] = await tx
      .insert(collections)
      .values({
        name: opts.name?.trim() || imported.title,
        format: imported.format,
        contentHash: imported.contentHash,
        files: imported.files,
        toolCount: imported.tools.length,
        warnings: imported.warnings.slice(0, 1000),
        keepWhole,
      })
      .returning();
    const collection = row!;
    if (wholeDomains.length) await tx.update(domains).set({ collectionId: collection.id }).where(inArray(domains.id, wholeDomains));
    for (let i = 0; i < imported.tools.length; i += TOOL_BATCH) {
      const batch = imported.tools.slice(i, i + TOOL_BATCH);
      await tx.insert(tools).values(batch.map((t) => ({ ...t, collectionId: collection.id })));
      await opts.onProgress?.(Math.min(i + TOOL_BATCH, imported.tools.length), imported.tools.length);
    }
    return collection;
  });
}

/** Collections already imported from the same bytes, newest first. */
export async function findCollectionsByHash(db: Db, contentHash: string) {
  return db
    .select({ id: collections.id, name: collections.name, createdAt: collections.createdAt })
    .from(collections)
    .where(eq(collections.contentHash, contentHash))
    .orderBy(desc(collections.createdAt));
}

export async function listCollections(db: Db): Promise<CollectionSummary[]> {
  return db
    .select({
      id: collections.id,
      name: collections.name,
      format: collections.format,
      toolCount: collections.toolCount,
      createdAt: collections.createdAt,
      files: collections.files,
      contentHash: collections.contentHash,
      keepWhole: collections.keepWhole,
      warningCount: sql<number>`jsonb_array_length(${collections.warnings})::int`,
    })
    .from(collections)
    .orderBy(desc(collections.createdAt), desc(collections.id));
}

export async function getCollection(db: Db, id: string): Promise<CollectionRow | null> {
  const [row] = await db.select().from(collections).where(eq(collections.id, id));
  return row ?? null;
}

export async function deleteCollection(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(collections).where(eq(collections.id, id)).returning({ id: collections.id });
  return deleted.length > 0;
}

export async function renameCollection(db: Db, id: string, name: string): Promise<boolean> {
  const updated = await db.update(collections).set({ name }).where(eq(collections.id, id)).returning({ id: collections.id });
  return updated.length > 0;
}
