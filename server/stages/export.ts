import { UserError } from '../kernel/errors';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Db } from '../db/client';
import { targetDomains } from '../db/queries/domains';
import { domainGraphTools, getEnvironmentVersion } from '../db/queries/environments';
import {
  appendExportChunk,
  countExportable,
  countHeldOutSkipped,
  createExport,
  discardExportChunks,
  exportablePage,
  finishExport,
  getExportSelection,
  setExportJob,
} from '../db/queries/exports';
import { exportSelection, ManifestTally, type ExportManifest, type ExportSelection } from '../pipeline/export/manifest';
import { openAiLine, toOpenAiRecord } from '../pipeline/export/openai';
import { toShareGptRecord } from '../pipeline/export/sharegpt';
import type { ToolSpec } from '../pipeline/rollout/model';
import { toolSpecs } from '../pipeline/rollout/tool-specs';
import { exportFileInput, type ExportFileInput, type ExportJobInput } from './inputs';
import { plural } from '../../lib/text/plural';

/** Trajectories per page read, and so per chunk written. */
const PAGE = 500;

type Progress = (done: number, total: number) => Promise<void>;

/**
 * Writes a selection's trajectories as SFT records, one JSON line each, a page at a time to
 * `write`, and answers the manifest. Trajectories of held-out tasks are never written: the
 * manifest's `heldOut` counts those left out. Every record is built from the environment version the
 * trajectory ran on, so its `tools` are the ones the agent saw.
 */
export async function writeExport(db: Db, selection: ExportSelection, write: (text: string) => Promise<void>, progress?: Progress): Promise<ExportManifest> {
  const createdAt = new Date();
  const targets = selection.phase === 2 ? await targetDomains(db, selection.targets) : [];
  const total = await countExportable(db, selection);
  const heldOut = await countHeldOutSkipped(db, selection);
  const specs = new Map<string, Promise<ToolSpec[]>>();
  const specsOf = (versionId: string) => {
    let s = specs.get(versionId);
    if (!s) {
      s = (async () => {
        const version = await getEnvironmentVersion(db, versionId);
        if (!version) throw new Error(`environment version ${versionId} is gone`);
        const described = version.domainId ? await domainGraphTools(db, version.domainId) : [];
        return toolSpecs(version.content, Object.fromEntries(described.map((x) => [x.id, x.description])));
      })();
      specs.set(versionId, s);
    }
    return s;
  };
  const tally = new ManifestTally();
  let done = 0;
  for (let after = 0; ;) {
    await progress?.(done, total);
    const page = await exportablePage(db, selection, after, PAGE);
    if (page.length === 0) break;
    let text = '';
    for (const t of page) {
      const tools = await specsOf(t.environmentVersionId);
      text += selection.format === 'openai' ? `${openAiLine(toOpenAiRecord(t, tools))}\n` : `${JSON.stringify(toShareGptRecord(t, tools))}\n`;
      tally.add(honestDomain(t));
    }
    await write(text);
    done += page.length;
    after = page[page.length - 1]!.seq;
  }
  return tally.manifest(selection, targets, createdAt, heldOut);
}

/**
 * A trajectory whose domain a graph rebuild retired (it found no domain like it any more) keeps
 * that domain's id; one whose domain is gone (merges remove some) keeps the name its domain had,
 * but no id. Both are counted under that name marked as coming from a previous build, so the
 * manifest never shows a domain of today and an older namesake as one, nor an unexplained null
 * id; its environment version still says which version they ran on.
 */
export function honestDomain<T extends { domainId: string | null; domainName: string; retired?: boolean }>(t: T): T {
  return t.domainId && !t.retired ? t : { ...t, domainName: `${t.domainName} (from a previous build)` };
}

/** A phase 2 export with no target domains: nothing is named and nothing is marked. */
export class ExportTargetsError extends UserError {
  override name = 'ExportTargetsError';
  constructor(message: string) {
    super('invalid', message);
  }
}

/** The selection with its targets settled: none for phase 1; for phase 2 the named ones, else the marked ones. */
export async function settleTargets(db: Db, selection: ExportSelection): Promise<ExportSelection> {
  if (selection.phase === 1) return { ...selection, targets: [] };
  if (selection.targets.length > 0) return selection;
  const marked = await targetDomains(db);
  if (marked.length === 0)
    throw new ExportTargetsError('phase 2 (vertical) needs target domains, and none is marked as a target: mark some on the Exports page, or name them');
  return { ...selection, targets: marked.map((d) => d.id) };
}

/**
 * The command line's export: the records to a file (written under a temporary name and renamed
 * when complete, so a failure never leaves half a file under the name asked for) and the manifest
 * beside it as `FILE.manifest.json`.
 */
export async function runExport(db: Db, raw: ExportFileInput) {
  const { out: asked, ...parsed } = exportFileInput.parse(raw);
  const selection = await settleTargets(db, parsed);
  const out = path.resolve(asked);
  const temp = `${out}.${process.pid}.partial`;
  const file = fs.openSync(temp, 'w');
  let manifest: ExportManifest;
  try {
    manifest = await writeExport(db, selection, async (text) => {
      fs.writeSync(file, text);
    });
    fs.closeSync(file);
    fs.renameSync(temp, out);
  } catch (e) {
    fs.closeSync(file);
    fs.rmSync(temp, { force: true });
    throw e;
  }
  const manifestFile = `${out}.manifest.json`;
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { file: out, records: manifest.records, manifestFile, manifest };
}

/** Creates the export's row and its job; the Exports page lists it from then on. */
export async function launchExport(db: Db, enqueue: (input: ExportJobInput) => Promise<{ id: string }>, raw: z.input<typeof exportSelection>) {
  const selection = await settleTargets(db, exportSelection.parse(raw));
  const exportId = await createExport(db, selection);
  const job = await enqueue({
    exportId,
    title: `(phase ${selection.phase}, ${selection.format}, ${selection.source === 'accepted' ? 'accepted' : 'accepted or passed'})`,
  });
  await setExportJob(db, exportId, job.id);
  return { exportId, jobId: job.id };
}

/**
 * The export job: the records into the export's chunks, then the manifest, which is what makes
 * the file downloadable. A failed or cancelled attempt leaves no chunks behind.
 */
export async function exportToChunks(db: Db, input: ExportJobInput, progress: (percent: number, message: string) => Promise<void>) {
  const row = await getExportSelection(db, input.exportId);
  if (!row) throw new Error(`export ${input.exportId} was deleted`);
  await discardExportChunks(db, input.exportId);
  let n = 0;
  let bytes = 0;
  try {
    const manifest = await writeExport(
      db,
      row.selection,
      async (text) => {
        await appendExportChunk(db, input.exportId, n++, text);
        bytes += Buffer.byteLength(text);
      },
      (done, total) => progress(total ? (done / total) * 100 : 0, `${done} of ${plural(total, 'trajectory')} written`),
    );
    await finishExport(db, input.exportId, manifest, bytes);
    return { exportId: input.exportId, records: manifest.records, bytes };
  } catch (e) {
    await discardExportChunks(db, input.exportId);
    throw e;
  }
}
