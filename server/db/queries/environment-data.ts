import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DataFile } from '../../pipeline/environment/grounded/data-file';
import { canonicalJson, type State } from '../../pipeline/kernel/state';
import type { FidelityScore } from '../../pipeline/reference/score';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { environmentData, environmentVersions, referenceChecks } from '../schema';

export type EnvironmentDataSummary = Omit<typeof environmentData.$inferSelect, 'state'>;

const summaryColumns = {
  id: environmentData.id,
  domainId: environmentData.domainId,
  fileName: environmentData.fileName,
  bytes: environmentData.bytes,
  rows: environmentData.rows,
  tables: environmentData.tables,
  sha256: environmentData.sha256,
  createdAt: environmentData.createdAt,
};

/** Stores a parsed database file for a domain; the versions generated from it point at it. */
export async function insertEnvironmentData(
  db: Db,
  domainId: string,
  fileName: string,
  data: DataFile,
  primaryKeys: Record<string, string>,
): Promise<EnvironmentDataSummary> {
  const tables = Object.entries(data.state).map(([name, rows]) => ({
    name,
    rows: Object.keys(rows).length,
    primaryKey: primaryKeys[name] ?? data.listKeys[name] ?? 'id',
    listKey: data.listKeys[name] ?? null,
  }));
  const sha256 = createHash('sha256').update(canonicalJson(data.state)).digest('hex');
  const [row] = await db
    .insert(environmentData)
    .values({ domainId, fileName, bytes: data.bytes, rows: data.rows, tables, sha256, state: data.state })
    .returning(summaryColumns);
  return row!;
}

export async function getEnvironmentDataSummary(db: Db, id: string): Promise<EnvironmentDataSummary | null> {
  const [row] = await db.select(summaryColumns).from(environmentData).where(eq(environmentData.id, id));
  return row ?? null;
}

/** The stored file back in the shape the generators read. */
export async function getEnvironmentDataFile(db: Db, id: string): Promise<(DataFile & { summary: EnvironmentDataSummary }) | null> {
  const [row] = await db.select().from(environmentData).where(eq(environmentData.id, id));
  if (!row) return null;
  const { state, ...summary } = row;
  return { state, listKeys: Object.fromEntries(row.tables.map((t) => [t.name, t.listKey])), bytes: row.bytes, rows: row.rows, summary };
}

export async function getEnvironmentDataState(db: Db, id: string): Promise<State | null> {
  const [row] = await db.select({ state: environmentData.state }).from(environmentData).where(eq(environmentData.id, id));
  return row?.state ?? null;
}

/** The data a domain's newest version starts from, if it was grounded in one. */
export async function latestDomainDataId(db: Db, domainId: string): Promise<string | null> {
  const [row] = await db
    .select({ dataId: environmentVersions.dataId })
    .from(environmentVersions)
    .where(eq(environmentVersions.domainId, domainId))
    .orderBy(desc(environmentVersions.number))
    .limit(1);
  return row?.dataId ?? null;
}

export const PREVIEW_PAGE = 50;

/**
 * One page of a table's rows in key order, read inside the database (jsonb_each) so a 50 MB state
 * is never loaded to show fifty rows. `after` is the last key of the previous page.
 */
export async function previewDataRows(db: Db, id: string, table: string, after: string | null, limit = PREVIEW_PAGE) {
  const result = await db.execute(sql`
    select e.key, e.value from ${environmentData} d, jsonb_each(d.state -> ${table}) e
    where d.id = ${id} ${after === null ? sql`` : sql`and e.key collate "C" > ${after}`}
    order by e.key collate "C" limit ${limit + 1}`);
  const list = rowsOf<{ key: string; value: Record<string, unknown> | string }>(result);
  const page = list.slice(0, limit);
  return {
    rows: page.map((r) => ({ key: r.key, row: typeof r.value === 'string' ? (JSON.parse(r.value) as Record<string, unknown>) : r.value })),
    next: list.length > limit ? page[page.length - 1]!.key : null,
  };
}

export async function insertReferenceCheck(db: Db, v: { environmentVersionId: string; fileName: string; tasks: number; score: FidelityScore }) {
  const [row] = await db.insert(referenceChecks).values(v).returning();
  return row!;
}

/** A version's checks, newest first, with their tallies (the disagreements stay in the database). */
export async function listReferenceChecks(db: Db, environmentVersionId: string, limit = 20) {
  return db
    .select({
      id: referenceChecks.id,
      fileName: referenceChecks.fileName,
      tasks: referenceChecks.tasks,
      createdAt: referenceChecks.createdAt,
      score: sql<Omit<FidelityScore, 'disagreements' | 'tools'>>`${referenceChecks.score} - 'disagreements' - 'tools'`,
    })
    .from(referenceChecks)
    .where(and(eq(referenceChecks.environmentVersionId, environmentVersionId)))
    .orderBy(desc(referenceChecks.createdAt))
    .limit(limit);
}

/** A domain's uploaded database files, newest first, without their states. */
export async function listDomainData(db: Db, domainId: string, limit = 20): Promise<EnvironmentDataSummary[]> {
  return db.select(summaryColumns).from(environmentData).where(eq(environmentData.domainId, domainId)).orderBy(desc(environmentData.createdAt)).limit(limit);
}

export async function getReferenceCheck(db: Db, id: string) {
  const [row] = await db.select().from(referenceChecks).where(eq(referenceChecks.id, id));
  return row ?? null;
}
