import type { Db } from '../db/client';
import { getDomain } from '../db/queries/domains';
import { insertReferenceCheck } from '../db/queries/environment-data';
import { getEnvironmentVersion, type EnvironmentVersionRow } from '../db/queries/environments';
import { environmentVersions } from '../db/schema';
import type { State } from '../pipeline/kernel/state';
import type { SandboxLike } from '../pipeline/environment/validate';
import { applyDiff } from '../pipeline/reference/diff';
import { describeIssue, referenceFile, replayTasks as replayTasksFile, type ReferenceFile, type ReplayTask } from '../pipeline/reference/format';
import { missingTools, replayTasks, type ReplayedTask } from '../pipeline/reference/replay';
import { scoreReplay, type FidelityScore } from '../pipeline/reference/score';
import { and, desc, eq } from 'drizzle-orm';
import { versionInitialState } from './environment-data';
import { invalid, notFound } from '../kernel/errors';

/**
 * Replays and reference checks (server/pipeline/reference) on a stored environment version: the
 * version's own data is every task's starting state unless the task brings one.
 */

/** A domain's version by number, or its latest. */
export async function domainVersion(db: Db, domainId: string, number?: number): Promise<EnvironmentVersionRow> {
  const domain = await getDomain(db, domainId);
  if (!domain) throw notFound(`No domain ${domainId}.`);
  const [row] = await db
    .select({ id: environmentVersions.id })
    .from(environmentVersions)
    .where(and(eq(environmentVersions.domainId, domainId), number === undefined ? undefined : eq(environmentVersions.number, number)))
    .orderBy(desc(environmentVersions.number))
    .limit(1);
  const version = row ? await getEnvironmentVersion(db, row.id) : null;
  if (!version)
    throw notFound(
      number === undefined ? `Domain ${domain.name} has no environment yet: generate one first.` : `Domain ${domain.name} has no version ${number}.`,
    );
  return version;
}

/** JSON text read into a schema's shape, every mistake named with its file and place. */
function readJson<T>(
  text: string,
  fileName: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
): T {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) throw invalid(`${fileName}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

/** A reference file read and checked, its mistakes named with the file and place. */
export const readReference = (text: string, fileName: string): ReferenceFile => readJson<ReferenceFile>(text, fileName, referenceFile);

function refuseMissingTools(version: EnvironmentVersionRow, tasks: Array<{ calls: Array<{ name: string }> }>, fileName: string) {
  const missing = missingTools(version.content, tasks);
  if (missing.length)
    throw invalid(
      `${fileName} calls ${missing.length === 1 ? 'a tool' : 'tools'} version ${version.number} of ${version.domainName} does not have: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}.`,
    );
}

export type ReplayOutput = Array<Omit<ReplayedTask, 'finalState'>>;

export async function replayOnVersion(
  db: Db,
  sandbox: SandboxLike,
  v: { version: EnvironmentVersionRow; text: string; fileName: string; signal?: AbortSignal; onTask?: (done: number, total: number) => void },
): Promise<ReplayOutput> {
  const tasks = readJson<ReplayTask[]>(v.text, v.fileName, replayTasksFile);
  refuseMissingTools(v.version, tasks, v.fileName);
  const base = await versionInitialState(db, v.version);
  const replayed = await replayTasks(v.version.content, base, tasks, sandbox, { signal: v.signal, onTask: v.onTask });
  return replayed.map(({ finalState: _, ...rest }) => rest);
}

export type CheckOutcome = { checkId: string | null; version: { id: string; number: number }; fileName: string; tasks: number; score: FidelityScore };

/** Replays a reference's calls on the version and scores them against the real outcomes; kept with the version when `store`. */
export async function checkReference(
  db: Db,
  sandbox: SandboxLike,
  v: { version: EnvironmentVersionRow; text: string; fileName: string; store?: boolean; signal?: AbortSignal; onTask?: (done: number, total: number) => void },
): Promise<CheckOutcome> {
  const reference = readReference(v.text, v.fileName);
  refuseMissingTools(v.version, reference.tasks, v.fileName);
  const base = await versionInitialState(db, v.version);
  const tasks = reference.tasks.map((t) => ({ id: t.id, calls: t.calls, state: t.initial_diff.length ? startState(base, t.initial_diff, t.id) : undefined }));
  const replayed = await replayTasks(v.version.content, base, tasks, sandbox, { signal: v.signal, onTask: v.onTask });
  const score = scoreReplay(reference, replayed, { schema: v.version.content.schema, state: base });
  const stored =
    v.store === false
      ? null
      : await insertReferenceCheck(db, { environmentVersionId: v.version.id, fileName: v.fileName, tasks: reference.tasks.length, score });
  return { checkId: stored?.id ?? null, version: { id: v.version.id, number: v.version.number }, fileName: v.fileName, tasks: reference.tasks.length, score };
}

function startState(base: State, diff: ReferenceFile['tasks'][number]['initial_diff'], id: string | number): State {
  try {
    return applyDiff(base, diff);
  } catch (e) {
    throw invalid(`task ${id}: its initial_diff does not apply to the data (${(e as Error).message})`);
  }
}
