import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { getEnvironmentVersion, latestEnvironmentVersion, saveEnvironmentVersion, type EnvironmentVersionRow } from '../db/queries/environments';
import { environmentVersions } from '../db/schema';
import { compareVersions, type VersionComparison } from '../pipeline/environment/compare-versions';
import type { EnvironmentContent, EnvironmentSchema, ToolCheck, ValidationReport } from '../pipeline/environment/model';
import type { State } from '../pipeline/kernel/state';
import { validateEnvironment, validateTool, type SandboxLike } from '../pipeline/environment/validate';
import { versionInitialState } from './environment-data';
import { invalid, notFound } from '../kernel/errors';

/**
 * What the environment editor does beyond reading: save an edit (a failing one only when the user
 * confirmed it), restore an old version as a new one, compare two versions file by file, and check
 * one tool's unsaved code while it is typed. Every check runs as a save's validation does, on the
 * state the version starts from, so what the editor says while typing is what saving will say.
 */

/** The seed every manual save validates with (imports and the editor's try panel use it too). */
const SEED = 7;

/**
 * The user's data a grounded version starts from; undefined when the version seeds its own state
 * (validation then seeds it, and judges it as a seeded state, not as the user's data).
 */
async function dataState(db: Db, version: Pick<EnvironmentVersionRow, 'dataId' | 'content'>): Promise<State | undefined> {
  return version.dataId ? versionInitialState(db, version, SEED) : undefined;
}

async function versionByNumber(db: Db, domainId: string, number: number): Promise<EnvironmentVersionRow> {
  const [row] = await db
    .select()
    .from(environmentVersions)
    .where(and(eq(environmentVersions.domainId, domainId), eq(environmentVersions.number, number)));
  if (!row) throw notFound(`Domain ${domainId} has no environment version ${number}.`);
  return row;
}

async function latestOf(db: Db, domainId: string): Promise<EnvironmentVersionRow> {
  const latest = await latestEnvironmentVersion(db, domainId);
  if (!latest) throw notFound(`Domain ${domainId} has no environment yet.`);
  return latest;
}

export type SaveOutcome = { saved: true; version: EnvironmentVersionRow } | { saved: false; validation: ValidationReport };

/**
 * Validates an edit and saves it as the domain's next version, starting from the same data as the
 * version it was edited from. An edit that fails what its parent passed is not saved unless
 * `confirmFailing`: the report comes back instead, so the editor can say which tools fail and ask.
 */
export async function saveEdit(
  db: Db,
  sandbox: SandboxLike,
  input: { domainId: string; parentId: string | null; message: string; content: EnvironmentContent; confirmFailing: boolean },
): Promise<SaveOutcome> {
  const parent = input.parentId ? await getEnvironmentVersion(db, input.parentId) : null;
  if (input.parentId && (!parent || parent.domainId !== input.domainId))
    throw notFound(`Domain ${input.domainId} has no environment version ${input.parentId} to save an edit of.`);
  const dataId = parent?.dataId ?? null;
  const validation = await validateEnvironment(input.content, sandbox, {
    seed: SEED,
    state: parent ? await dataState(db, { dataId, content: input.content }) : undefined,
  });
  if (makesWorse(validation, parent?.validation ?? null) && !input.confirmFailing) return { saved: false, validation };
  const version = await saveEnvironmentVersion(db, {
    domainId: input.domainId,
    parentId: input.parentId,
    generator: 'manual',
    message: input.message || 'Edited',
    content: input.content,
    validation,
    dataId,
  });
  return { saved: true, version };
}

/**
 * Whether an edit fails something its parent version passed: a tool that now fails, or a state that
 * no longer fits. Fixing one tool of a version where another already failed is not a question
 * worth asking; breaking one is. Without a parent (or its report), any failure counts.
 */
function makesWorse(edit: ValidationReport, parent: ValidationReport | null): boolean {
  if (edit.ok) return false;
  if (!parent) return true;
  const failedBefore = new Set(parent.tools.filter((t) => !t.ok).map((t) => t.name));
  return edit.tools.some((t) => !t.ok && !failedBefore.has(t.name)) || (!edit.stateValid && parent.stateValid);
}

/**
 * Makes an old version the newest again: a new version with the same schema, code and data,
 * validated afresh (the checks may have changed since), and a message saying where it came from.
 */
export async function restoreVersion(db: Db, sandbox: SandboxLike, input: { domainId: string; version: number }): Promise<EnvironmentVersionRow> {
  const old = await versionByNumber(db, input.domainId, input.version);
  const latest = await latestOf(db, input.domainId);
  if (latest.id === old.id) throw invalid(`Version ${old.number} is already the latest version of this environment.`);
  const validation = await validateEnvironment(old.content, sandbox, { seed: SEED, state: await dataState(db, old) });
  return saveEnvironmentVersion(db, {
    domainId: input.domainId,
    parentId: latest.id,
    generator: 'manual',
    message: `Restored version ${old.number}`,
    content: old.content,
    validation,
    dataId: old.dataId,
  });
}

export type Comparison = VersionComparison & { from: VersionSummary; to: VersionSummary };
type VersionSummary = { id: string; number: number; message: string; passed: number | null; failed: number | null };

const summary = (v: EnvironmentVersionRow): VersionSummary => ({
  id: v.id,
  number: v.number,
  message: v.message,
  passed: v.validation?.passed ?? null,
  failed: v.validation?.failed ?? null,
});

/** Two versions of a domain (by number) file by file: the schema and each tool's code. */
export async function compareEnvironmentVersions(db: Db, input: { domainId: string; from: number; to: number }): Promise<Comparison> {
  const from = await versionByNumber(db, input.domainId, input.from);
  const to = await versionByNumber(db, input.domainId, input.to);
  return { from: summary(from), to: summary(to), ...compareVersions(from.content, to.content) };
}

/**
 * One tool's unsaved code checked in the sandbox as saving would check it, within the latest
 * version (with the edited schema when one is given, since a draft may change both).
 */
export async function checkToolEdit(
  db: Db,
  sandbox: SandboxLike,
  input: { domainId: string; tool: string; code: string; schema?: EnvironmentSchema },
): Promise<ToolCheck> {
  const latest = await latestOf(db, input.domainId);
  if (!latest.content.tools.some((t) => t.name === input.tool)) throw invalid(`Version ${latest.number} has no tool named ${input.tool}.`);
  const content: EnvironmentContent = {
    schema: input.schema ?? latest.content.schema,
    tools: latest.content.tools.map((t) => (t.name === input.tool ? { ...t, code: input.code } : t)),
  };
  return validateTool(content, input.tool, sandbox, { seed: SEED, state: await dataState(db, latest) });
}
