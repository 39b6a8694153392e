import type { Db } from './db/client';
import { findCollectionsByHash } from './db/queries/collections';
import { purgeStaleUploads, saveUpload } from './db/queries/uploads';
import { ImportError, type LocatedError } from './pipeline/tools/errors';
import { importDocuments } from './pipeline/tools/import';
import type { ImportWarning, SourceFormat } from './pipeline/tools/model';

/** What the upload page shows for one file before anything is imported. */
export type UploadPreview = {
  uploadId: string;
  file: string;
  size: number;
  /** Null when the file cannot be imported; `error` then says where and why. */
  preview: { format: SourceFormat; title: string; tools: number; reads: number; writes: number; sample: string[]; warnings: ImportWarning[] } | null;
  error: LocatedError | null;
  /** Collections imported before from the same bytes. */
  duplicates: Array<{ id: string; name: string }>;
};

/**
 * Stores each uploaded file and reads it once to preview it: format, tool count, warnings, or the
 * located error. Nothing becomes a collection until the import job runs.
 */
export async function receiveUploads(db: Db, files: Array<{ name: string; bytes: Uint8Array }>): Promise<UploadPreview[]> {
  await purgeStaleUploads(db);
  const out: UploadPreview[] = [];
  for (const { name, bytes } of files) {
    const saved = await saveUpload(db, name, bytes);
    const base = { uploadId: saved.id, file: name, size: bytes.length, duplicates: [] as UploadPreview['duplicates'] };
    try {
      const imported = importDocuments([{ file: name, bytes }]);
      const reads = imported.tools.filter((t) => t.op === 'read').length;
      out.push({
        ...base,
        preview: {
          format: imported.format,
          title: imported.title,
          tools: imported.tools.length,
          reads,
          writes: imported.tools.length - reads,
          sample: imported.tools.slice(0, 8).map((t) => t.name),
          warnings: imported.warnings.slice(0, 200),
        },
        error: null,
        duplicates: (await findCollectionsByHash(db, imported.contentHash)).map(({ id, name: n }) => ({ id, name: n })),
      });
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      out.push({ ...base, preview: null, error: e.toJSON() });
    }
  }
  return out;
}
