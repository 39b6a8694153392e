import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ExportManifest, ExportSelection } from '../../pipeline/export/manifest';
import type { Db } from '../client';
import { domains, environmentVersions, exportChunks, exportsTable, jobs, tasks, trajectories } from '../schema';
import { currentVerdict } from './reviews';
import { bySeq, pageOf } from './page';

/** A trajectory of a held-out task: kept for evaluation, never training data. */
const ofHeldOutTask = sql`exists (select 1 from ${tasks} where ${tasks.id} = ${trajectories.taskId} and ${tasks.split} = 'heldout')`;

/** What a selection would take were held-out tasks not kept apart: accepted ones (or also unreviewed passes), phase 2 only the targets'. */
function selected(sel: Pick<ExportSelection, 'source' | 'phase' | 'targets'>): SQL | undefined {
  return and(
    sel.source === 'accepted' ? sql`${currentVerdict} = 'accepted'` : sql`coalesce(${currentVerdict} = 'accepted', ${trajectories.passed})`,
    sel.phase === 2 ? (sel.targets.length ? inArray(trajectories.domainId, sel.targets) : sql`false`) : undefined,
  );
}

/** The trajectories a selection exports: those it selects, less the held-out tasks' ones. */
function exportable(sel: Pick<ExportSelection, 'source' | 'phase' | 'targets'>): SQL | undefined {
  return and(selected(sel), sql`not ${ofHeldOutTask}`);
}

/** Trajectories the selection would have taken but leaves out because their tasks are held out, and how many tasks those are. */
export async function countHeldOutSkipped(
  db: Db,
  sel: Pick<ExportSelection, 'source' | 'phase' | 'targets'>,
): Promise<{ trajectories: number; tasks: number }> {
  const [row] = await db
    .select({ trajectories: sql<number>`count(*)::int`, tasks: sql<number>`count(distinct ${trajectories.taskId})::int` })
    .from(trajectories)
    .where(and(selected(sel), ofHeldOutTask));
  return { trajectories: Number(row?.trajectories ?? 0), tasks: Number(row?.tasks ?? 0) };
}

/** One page of what a selection exports, in the order the trajectories finished. */
export async function exportablePage(db: Db, sel: Pick<ExportSelection, 'source' | 'phase' | 'targets'>, after: number, limit: number) {
  return db
    .select({
      seq: trajectories.seq,
      id: trajectories.id,
      domainId: trajectories.domainId,
      // A domain a rebuild kept may have been renamed since: its records go under the name it has now.
      domainName: sql<string>`coalesce(${domains.name}, ${trajectories.domainName})`,
      retired: sql<boolean>`${domains.retiredAt} is not null`,
      environmentVersionId: trajectories.environmentVersionId,
      environmentVersionNumber: environmentVersions.number,
      passed: trajectories.passed,
      messages: trajectories.messages,
      masked: trajectories.masked,
    })
    .from(trajectories)
    .innerJoin(environmentVersions, eq(environmentVersions.id, trajectories.environmentVersionId))
    .leftJoin(domains, eq(domains.id, trajectories.domainId))
    .where(and(exportable(sel), gt(trajectories.seq, after)))
    .orderBy(asc(trajectories.seq))
    .limit(limit);
}

/** How many trajectories a selection would export (and of those, how many a reviewer accepted although they failed verification). */
export async function countExportable(db: Db, sel: Pick<ExportSelection, 'source' | 'phase' | 'targets'>): Promise<number> {
  return (await countExportableParts(db, sel)).total;
}

export async function countExportableParts(
  db: Db,
  sel: Pick<ExportSelection, 'source' | 'phase' | 'targets'>,
): Promise<{ total: number; failedVerification: number }> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int`, failed: sql<number>`(count(*) filter (where not ${trajectories.passed}))::int` })
    .from(trajectories)
    .where(exportable(sel));
  return { total: Number(row?.total ?? 0), failedVerification: Number(row?.failed ?? 0) };
}

export async function createExport(db: Db, selection: ExportSelection) {
  const [row] = await db.insert(exportsTable).values({ selection }).returning({ id: exportsTable.id });
  return row!.id;
}

export async function setExportJob(db: Db, id: string, jobId: string) {
  await db.update(exportsTable).set({ jobId }).where(eq(exportsTable.id, id));
}

export async function getExportSelection(db: Db, id: string) {
  const [row] = await db.select({ selection: exportsTable.selection, manifest: exportsTable.manifest }).from(exportsTable).where(eq(exportsTable.id, id));
  return row ?? null;
}

export async function appendExportChunk(db: Db, exportId: string, n: number, text: string) {
  await db.insert(exportChunks).values({ exportId, n, text });
}

/** Starts an export's file afresh (a retried job must not append to the chunks of the failed attempt). */
export async function discardExportChunks(db: Db, exportId: string) {
  await db.delete(exportChunks).where(eq(exportChunks.exportId, exportId));
}

/** Marks the export complete: from now on its file is served. */
export async function finishExport(db: Db, id: string, manifest: ExportManifest, bytes: number) {
  await db.update(exportsTable).set({ manifest, bytes }).where(eq(exportsTable.id, id));
}

const exportColumns = {
  id: exportsTable.id,
  seq: exportsTable.seq,
  selection: exportsTable.selection,
  manifest: exportsTable.manifest,
  bytes: exportsTable.bytes,
  createdAt: exportsTable.createdAt,
  jobId: exportsTable.jobId,
  status: jobs.status,
  progress: jobs.progress,
  message: jobs.message,
  error: jobs.error,
};

export async function getExport(db: Db, id: string) {
  const [row] = await db.select(exportColumns).from(exportsTable).leftJoin(jobs, eq(jobs.id, exportsTable.jobId)).where(eq(exportsTable.id, id));
  return row ?? null;
}
export type ExportRow = NonNullable<Awaited<ReturnType<typeof getExport>>>;

export const exportListInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** The `seq` of the last row of the previous page (newest first). */
  cursor: z.number().int().nullish(),
});

/** One page of exports, newest first, with their job's status and progress. */
export async function listExports(db: Db, raw: z.input<typeof exportListInput>) {
  const input = exportListInput.parse(raw);
  const rows = await db
    .select(exportColumns)
    .from(exportsTable)
    .leftJoin(jobs, eq(jobs.id, exportsTable.jobId))
    .where(input.cursor == null ? undefined : lt(exportsTable.seq, input.cursor))
    .orderBy(desc(exportsTable.seq))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, bySeq);
}

/** Chunks of a finished export's file from `from` on, a few at a time (a download streams them). */
export async function exportChunksFrom(db: Db, exportId: string, from: number, limit: number) {
  return db
    .select({ n: exportChunks.n, text: exportChunks.text })
    .from(exportChunks)
    .where(and(eq(exportChunks.exportId, exportId), gte(exportChunks.n, from)))
    .orderBy(asc(exportChunks.n))
    .limit(limit);
}

export async function deleteExport(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(exportsTable).where(eq(exportsTable.id, id)).returning({ id: exportsTable.id });
  return deleted.length > 0;
}

/**
 * A finished export's file as a stream of its chunks, read a few at a time so a large export is
 * never held in memory whole; null while it is unfinished (or failed, or deleted).
 */
export async function exportFileStream(db: Db, id: string): Promise<{ manifest: ExportManifest; bytes: number; stream: ReadableStream<Uint8Array> } | null> {
  const [row] = await db.select({ manifest: exportsTable.manifest, bytes: exportsTable.bytes }).from(exportsTable).where(eq(exportsTable.id, id));
  if (!row?.manifest) return null;
  const encoder = new TextEncoder();
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunks = await exportChunksFrom(db, id, next, 4);
      if (chunks.length === 0) return controller.close();
      for (const c of chunks) controller.enqueue(encoder.encode(c.text));
      next = chunks[chunks.length - 1]!.n + 1;
    },
  });
  return { manifest: row.manifest, bytes: row.bytes, stream };
}
