import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { domainGraphTools, getEnvironmentVersion } from '../../db/queries/environments';
import { passedTrajectoriesPage } from '../../db/queries/trajectories';
import { openAiLine, toOpenAiRecord } from '../../pipeline/export/openai';
import { toShareGptRecord } from '../../pipeline/export/sharegpt';
import type { ToolSpec } from '../../pipeline/rollout/model';
import { toolSpecs } from '../../pipeline/rollout/tool-specs';

export const EXPORT_FORMATS = ['openai', 'sharegpt'] as const;

export const exportInput = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    /** 1: general, every domain; 2: vertical, only the target domains. */
    phase: z.union([z.literal(1), z.literal(2)]).default(1),
    targets: z.array(z.uuid()).max(100_000).default([]),
    out: z.string().min(1),
  })
  .refine((i) => i.phase === 1 || i.targets.length > 0, { message: 'phase 2 (vertical) needs the target domains', path: ['targets'] });
export type ExportInput = z.input<typeof exportInput>;

const PAGE = 500;

/**
 * Writes the trajectories that passed verification as SFT data, one JSON record per line, to a
 * temporary file renamed into place at the end: a failure never leaves half a file under the
 * name asked for. Review verdicts arrive with the review queue; until then "passed" is the bar.
 */
export async function runExport(db: Db, raw: ExportInput) {
  const input = exportInput.parse(raw);
  const out = path.resolve(input.out);
  const temp = `${out}.${process.pid}.partial`;
  const tools = new Map<string, Promise<ToolSpec[]>>();
  const toolsOf = (versionId: string) => {
    let t = tools.get(versionId);
    if (!t) {
      t = (async () => {
        const version = await getEnvironmentVersion(db, versionId);
        if (!version) throw new Error(`environment version ${versionId} is gone`);
        const described = version.domainId ? await domainGraphTools(db, version.domainId) : [];
        return toolSpecs(version.content, Object.fromEntries(described.map((x) => [x.id, x.description])));
      })();
      tools.set(versionId, t);
    }
    return t;
  };
  const file = fs.openSync(temp, 'w');
  let records = 0;
  const domains = new Map<string, number>();
  const versions = new Set<string>();
  try {
    for (let after = 0; ; ) {
      const page = await passedTrajectoriesPage(db, { domainIds: input.phase === 2 ? input.targets : undefined, after, limit: PAGE });
      if (page.length === 0) break;
      let text = '';
      for (const t of page) {
        const specs = await toolsOf(t.environmentVersionId);
        text += input.format === 'openai' ? `${openAiLine(toOpenAiRecord(t, specs))}\n` : `${JSON.stringify(toShareGptRecord(t, specs))}\n`;
        records++;
        domains.set(t.domainName, (domains.get(t.domainName) ?? 0) + 1);
        versions.add(t.environmentVersionId);
      }
      fs.writeSync(file, text);
      after = page[page.length - 1]!.seq;
    }
    fs.closeSync(file);
    fs.renameSync(temp, out);
  } catch (e) {
    fs.closeSync(file);
    fs.rmSync(temp, { force: true });
    throw e;
  }
  return { file: out, records, format: input.format, phase: input.phase, domains: Object.fromEntries(domains), environmentVersions: [...versions] };
}
