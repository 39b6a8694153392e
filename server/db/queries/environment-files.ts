import { asc, eq } from 'drizzle-orm';
import { EnvironmentFileError } from '../../pipeline/environment-file/check';
import { environmentFileName, exportEnvironment } from '../../pipeline/environment-file/export';
import { parseEnvironmentFile } from '../../pipeline/environment-file/import';
import type { EnvironmentContent } from '../../pipeline/environment/model';
import { validateEnvironment, type SandboxLike } from '../../pipeline/environment/validate';
import { sampleSettings } from '../../pipeline/tasks/model';
import type { Db } from '../client';
import { domains, tasks } from '../schema';
import { domainGraphTools, getEnvironmentVersion, latestEnvironmentVersion, saveEnvironmentVersion } from './environments';
import { saveTasks } from './tasks';

/**
 * Environment files (server/pipeline/environment-file) against the database: one version of a
 * domain, with its tasks, written as one JSON file, and such a file read back as a new version of
 * a domain that has the same tools.
 */

/** The seed settings of a version: those its tasks were sampled with, the sampler's defaults when it has none. */
function seedSettings(settings: { seed: number; rows: number } | undefined): { seed: number; rows: number } {
  const { seed, rows } = sampleSettings.parse(settings ? { seed: settings.seed, rows: settings.rows } : {});
  return { seed, rows };
}

/** The version as an environment file: its name (`retail-v3.environment.json`) and text. Null when there is no such version. */
export async function environmentFileOf(db: Db, versionId: string): Promise<{ name: string; text: string } | null> {
  const version = await getEnvironmentVersion(db, versionId);
  if (!version) return null;
  const rows = await db.select().from(tasks).where(eq(tasks.environmentVersionId, versionId)).orderBy(asc(tasks.seq));
  const text = exportEnvironment({
    domain: { name: version.domainName },
    environment: { number: version.number, generator: version.generator, message: version.message, createdAt: version.createdAt, content: version.content },
    seedState: seedSettings(rows[0]?.settings),
    tasks: rows.map((r) => ({
      seed: r.seed,
      initialState: r.initialState,
      calls: r.calls,
      finalState: r.finalState,
      readOnly: r.readOnly,
      intent: r.intent,
      intentWriter: r.intentWriter,
      fingerprint: r.fingerprint,
      split: r.split,
    })),
  });
  return { name: environmentFileName(version.domainName, version.number), text };
}

export type ImportedEnvironment = {
  versionId: string;
  number: number;
  /** Tasks stored with the version (a task the file holds twice is stored once). */
  tasks: number;
  validation: { ok: boolean; passed: number; failed: number };
};

/**
 * Reads an environment file into a new version of a domain. The file's tools are matched to the
 * domain's by name, and every tool id (in the content and in the tasks' gold calls) becomes the
 * domain's; a file tool the domain does not have refuses the whole file. The content is validated
 * as a save is; the version and its tasks are stored in one transaction, so a failure leaves
 * neither behind.
 */
export async function importEnvironmentFile(db: Db, sandbox: SandboxLike, domainId: string, text: string, fileName: string): Promise<ImportedEnvironment> {
  const file = parseEnvironmentFile(text, fileName);
  const [domain] = await db.select({ name: domains.name }).from(domains).where(eq(domains.id, domainId));
  if (!domain) throw new Error(`no domain ${domainId}`);

  const idOf = matchTools(file.environment.content.tools, await domainGraphTools(db, domainId), fileName, domain.name);
  const content: EnvironmentContent = {
    ...file.environment.content,
    tools: file.environment.content.tools.map((t) => ({ ...t, toolId: idOf.get(t.toolId)! })),
  };
  const fileTasks = file.tasks.map((t) => ({ ...t, calls: t.calls.map((c) => ({ ...c, toolId: idOf.get(c.toolId)! })) }));

  // Validation runs in the sandbox, outside the transaction: PGlite's one connection is not held meanwhile.
  const validation = await validateEnvironment(content, sandbox, { seed: 7 });
  const parent = await latestEnvironmentVersion(db, domainId);
  const settings = sampleSettings.parse({ seed: file.seedState.seed, rows: file.seedState.rows });
  const message = [`Imported from ${fileName}`, file.environment.message.trim()].filter(Boolean).join(': ');

  // Everything inside goes through `tx`: on PGlite a write through `db` here would wait on the transaction forever.
  return db.transaction(async (tx) => {
    const version = await saveEnvironmentVersion(tx, {
      domainId,
      parentId: parent?.id ?? null,
      generator: file.environment.generator,
      message,
      content,
      validation,
    });
    const saved = await saveTasks(tx, { environmentVersionId: version.id, domainId, domainName: version.domainName, settings }, fileTasks);
    return {
      versionId: version.id,
      number: version.number,
      tasks: saved.ids.size,
      validation: { ok: validation.ok, passed: validation.passed, failed: validation.failed },
    };
  });
}

/**
 * File tool id → domain tool id, by name. Where the domain has several tools of one name, the one
 * with the file's id is taken first (a file going back to the studio it came from), and no domain
 * tool stands for two file tools.
 */
function matchTools(
  fileTools: EnvironmentContent['tools'],
  domainTools: Array<{ id: string; name: string }>,
  fileName: string,
  domainName: string,
): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const t of domainTools) byName.set(t.name, [...(byName.get(t.name) ?? []), t.id]);
  const used = new Set<string>();
  const idOf = new Map<string, string>();
  const missing: string[] = [];
  const take = (fileId: string, id: string) => {
    used.add(id);
    idOf.set(fileId, id);
  };
  // Same id and name first, so a same-name tool met earlier cannot take another tool's own id.
  for (const t of fileTools) if (byName.get(t.name)?.includes(t.toolId) && !used.has(t.toolId)) take(t.toolId, t.toolId);
  for (const t of fileTools) {
    if (idOf.has(t.toolId)) continue;
    const id = byName.get(t.name)?.find((candidate) => !used.has(candidate));
    if (id) take(t.toolId, id);
    else missing.push(t.name);
  }
  if (missing.length) {
    const absent = [...new Set(missing.filter((n) => !byName.has(n)))];
    const short = [...new Set(missing.filter((n) => byName.has(n)))];
    const quoted = (names: string[]) => names.map((n) => JSON.stringify(n)).join(', ');
    const problems = [];
    if (absent.length) problems.push(`domain “${domainName}” has no tool named ${quoted(absent)} (the file's tools are matched to the domain's by name)`);
    if (short.length) problems.push(`the file has more tools named ${quoted(short)} than domain “${domainName}” has`);
    throw new EnvironmentFileError(fileName, problems);
  }
  return idOf;
}
