import { z } from 'zod';
import type { Db } from '../../db/client';
import { findCollectionsByHash, saveCollection } from '../../db/queries/collections';
import { deleteUploads, loadUploads } from '../../db/queries/uploads';
import { ImportError } from '../../pipeline/tools/errors';
import { importDocuments, type ImportInput } from '../../pipeline/tools/import';
import type { ImportWarning } from '../../pipeline/tools/model';
import type { JobContext } from '../context';
import { plural } from '../../../lib/text/plural';

export const DUPLICATE_POLICIES = ['ask', 'replace', 'keep'] as const;

export type ImportOutcome =
  | { status: 'imported'; collection: { id: string; name: string; format: string; tools: number }; warnings: ImportWarning[]; replaced: string | null }
  | { status: 'duplicate'; existing: Array<{ id: string; name: string }> };

/**
 * Imports files as one collection. The same bytes imported before are not imported again silently:
 * `ask` reports the earlier collection, `replace` swaps it out in the same transaction, `keep`
 * imports a second copy. Throws ImportError (with file and place) when nothing can be read.
 */
export async function importCollection(
  db: Db,
  inputs: ImportInput[],
  opts: {
    name?: string;
    duplicates?: (typeof DUPLICATE_POLICIES)[number];
    onProgress?: (fraction: number, message: string) => Promise<void> | void;
    /**
     * Also report while the tools are saved. Only where the report travels on another connection
     * than the transaction (Postgres): PGlite has one connection, which the transaction holds.
     */
    progressWhileSaving?: boolean;
  } = {},
): Promise<ImportOutcome> {
  await opts.onProgress?.(0.05, `Reading ${inputs.length === 1 ? inputs[0]!.file : `${inputs.length} files`}`);
  const imported = importDocuments(inputs, opts.name);
  const existing = await findCollectionsByHash(db, imported.contentHash);
  const policy = opts.duplicates ?? 'ask';
  if (existing.length && policy === 'ask') return { status: 'duplicate', existing: existing.map(({ id, name }) => ({ id, name })) };
  const replace = policy === 'replace' ? (existing[0]?.id ?? undefined) : undefined;
  await opts.onProgress?.(0.3, `Saving ${plural(imported.tools.length, 'tool')}`);
  const row = await saveCollection(db, imported, {
    name: opts.name,
    replace,
    onProgress: opts.progressWhileSaving ? (done, total) => opts.onProgress?.(0.3 + 0.7 * (done / total), `Saved ${done} of ${plural(total, 'tool')}`) : undefined,
  });
  return {
    status: 'imported',
    collection: { id: row.id, name: row.name, format: row.format, tools: row.toolCount },
    warnings: imported.warnings,
    replaced: replace ?? null,
  };
}

export const importJobInput = z.object({
  uploadIds: z.array(z.uuid()).min(1).max(20_000),
  name: z.string().trim().max(200).optional(),
  duplicates: z.enum(DUPLICATE_POLICIES).default('ask'),
});
export type ImportJobInput = z.infer<typeof importJobInput>;

/** The job behind the upload page: the browser's files were stored as uploads first. */
export async function runImportJob(input: ImportJobInput, ctx: JobContext) {
  const files = await loadUploads(ctx.db, input.uploadIds);
  if (files.length !== input.uploadIds.length) throw new Error('some uploaded files are gone (older than a day, or already imported): upload them again');
  const outcome = await importCollection(ctx.db, files, {
    name: input.name,
    duplicates: input.duplicates,
    onProgress: (f, m) => ctx.progress(f * 100, m),
    progressWhileSaving: ctx.config.database.kind === 'postgres',
  }).catch((e: unknown) => {
    throw e instanceof ImportError ? new Error(e.describe()) : e;
  });
  if (outcome.status === 'imported') await deleteUploads(ctx.db, input.uploadIds);
  return { ...outcome, warnings: outcome.status === 'imported' ? outcome.warnings.slice(0, 200) : [] };
}
