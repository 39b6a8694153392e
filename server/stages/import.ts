import type { Db } from '../db/client';
import { findCollectionsByHash, saveCollection } from '../db/queries/collections';
import { deleteUploads, loadUploads } from '../db/queries/uploads';
import { ImportError } from '../pipeline/tools/errors';
import { importDocuments, type ImportInput } from '../pipeline/tools/import';
import type { ImportWarning } from '../pipeline/tools/model';
import type { StudioConfig } from '../config';
import type { DUPLICATE_POLICIES, ImportJobInput } from './inputs';
import { plural } from '../../lib/text/plural';

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
    onProgress: opts.progressWhileSaving
      ? (done, total) => opts.onProgress?.(0.3 + 0.7 * (done / total), `Saved ${done} of ${plural(total, 'tool')}`)
      : undefined,
  });
  return {
    status: 'imported',
    collection: { id: row.id, name: row.name, format: row.format, tools: row.toolCount },
    warnings: imported.warnings,
    replaced: replace ?? null,
  };
}

/**
 * The import behind the upload page: the browser's files were stored as uploads first, and are
 * deleted once imported. An ImportError becomes a plain message (file and place in it).
 */
export async function importUploads(db: Db, config: StudioConfig, input: ImportJobInput, progress: (percent: number, message: string) => Promise<void>) {
  const files = await loadUploads(db, input.uploadIds);
  if (files.length !== input.uploadIds.length) throw new Error('some uploaded files are gone (older than a day, or already imported): upload them again');
  const outcome = await importCollection(db, files, {
    name: input.name,
    duplicates: input.duplicates,
    onProgress: (f, m) => progress(f * 100, m),
    progressWhileSaving: config.database.kind === 'postgres',
  }).catch((e: unknown) => {
    throw e instanceof ImportError ? new Error(e.describe()) : e;
  });
  if (outcome.status === 'imported') await deleteUploads(db, input.uploadIds);
  return { ...outcome, warnings: outcome.status === 'imported' ? outcome.warnings.slice(0, 200) : [] };
}
