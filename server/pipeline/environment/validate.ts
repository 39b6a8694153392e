import type { CallOutcome, SessionOptions } from '../kernel/calls';
import { diffStates, type State } from '../kernel/state';
import { assignEntities } from './acts-on';
import { tableName } from './entities';
import { REFERENCE_DATE } from './fake-values';
import { argumentsCheck, describeChanges, emptyReadCheck, returnsCheck, statusCheck, targetCheck } from './call-checks';
import type { EnvironmentContent, TableSchema, ToolCheck, ToolCode, ValidationReport } from './model';
import { sampleArgs, type SampleIntent } from './sample-args';
import { sampleFromData } from './grounded/sample-from-data';
import { seedState } from './seed-state';
import { validateState } from './validate-state';
import { toolIntent } from './verbs';

/**
 * Runs every tool of a version once on a seeded state, in the sandbox, with sampled arguments. A
 * tool passes when the call returns (a thrown API error counts against it), its arguments fit its
 * parameters, a write changed the table its evidence names (into the status its verb names, where
 * that table has a column for it), a read changed nothing and did not return nothing where a row
 * matches its arguments, its result fits its returns schema, and the state still fits the schema. An API error or a miss (call-checks.ts) is retried on other rows,
 * since a tool may rightly refuse one (cancelling an order that is already cancelled); crashes,
 * timeouts and reads that write are not, they would not go away.
 */

/** What validation needs of the sandbox (sandbox.ts); calls may be synchronous or not. */
export type SandboxSession = {
  call(code: string, args: unknown): CallOutcome | Promise<CallOutcome>;
  state(): State | Promise<State>;
  close(): void | Promise<void>;
};
export type SandboxLike = { openSession(state: State, opts?: SessionOptions): SandboxSession | Promise<SandboxSession> };

/**
 * `state`: the user's data a grounded version starts from; else a state seeded from the schema.
 * `only`: the names of the tools to check (the one being edited); the others are left out of the
 * report, though every tool still takes part in deciding which table each one acts on.
 */
export type ValidateOptions = { seed: number; rows?: number; attempts?: number; state?: State; only?: readonly string[] };

export async function validateEnvironment(
  content: EnvironmentContent,
  sandbox: SandboxLike,
  { seed, rows = 20, attempts = 10, state: given, only }: ValidateOptions,
): Promise<ValidationReport> {
  const state = given ?? seedState(content.schema, { seed, rows });
  const stateErrors = validateState(content.schema, state);
  const entities = assignEntities(content.tools);
  const tables = new Map(content.schema.tables.map((t) => [t.name, t]));
  const checks: ToolCheck[] = [];
  const wanted = only ? new Set(only) : null;
  for (const [i, tool] of content.tools.entries()) {
    if (wanted && !wanted.has(tool.name)) continue;
    const entity = entities[i];
    const table = (entity && tables.get(tableName(entity))) || null;
    // The tables a write must change: those its generator recorded from the evidence, else the one its name and parameters point at.
    const targets = tool.op !== 'write' ? [] : tool.writes?.length ? tool.writes : table ? [table.name] : [];
    checks.push(await checkTool(tool, { table, targets }, content, state, sandbox, { seed, attempts, grounded: given !== undefined }));
  }
  const passed = checks.filter((c) => c.ok).length;
  return {
    ok: passed === checks.length && stateErrors.length === 0,
    passed,
    failed: checks.length - passed,
    tools: checks,
    stateValid: stateErrors.length === 0,
    stateErrors,
  };
}

/**
 * One tool of a version checked as validateEnvironment checks it, e.g. an unsaved edit of its code
 * (put into `content` by the caller). Throws when the version has no tool of that name.
 */
export async function validateTool(content: EnvironmentContent, name: string, sandbox: SandboxLike, opts: Omit<ValidateOptions, 'only'>): Promise<ToolCheck> {
  if (!content.tools.some((t) => t.name === name)) throw new Error(`validateTool: the environment has no tool named ${name}`);
  const report = await validateEnvironment(content, sandbox, { ...opts, only: [name] });
  return report.tools[0]!;
}

function sampleIntent(tool: ToolCode): SampleIntent {
  const intent = toolIntent(tool);
  if (intent.op === 'read') return 'read';
  return intent.kind === 'create' ? 'create' : intent.kind === 'delete' ? 'delete' : 'change';
}

async function checkTool(
  tool: ToolCode,
  { table, targets }: { table: TableSchema | null; targets: readonly string[] },
  content: EnvironmentContent,
  state: State,
  sandbox: SandboxLike,
  { seed, attempts, grounded }: { seed: number; attempts: number; grounded: boolean },
): Promise<ToolCheck> {
  const base = { toolId: tool.toolId, name: tool.name };
  const intent = sampleIntent(tool);
  const misses: string[] = [];
  let last: { args: unknown; result?: unknown } = { args: undefined };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const sampled = grounded
      ? sampleFromData(tool.parameters, state, { seed, attempt, intent, toolName: tool.name })
      : sampleArgs(tool.parameters, state, content.schema, { seed, attempt, table: table?.name ?? null, intent });
    if (!sampled.ok) return { ...base, ok: false, detail: `not checked: ${sampled.reason}` };
    last = { args: sampled.args };
    const badArgs = argumentsCheck(tool, sampled.args);
    if (badArgs) {
      misses.push(badArgs);
      continue;
    }
    const { outcome, after } = await callOnce(sandbox, state, tool.code, sampled.args, seed);
    last = { args: sampled.args, result: outcome.ok ? outcome.result : undefined };
    if (!outcome.ok) {
      if (outcome.error.kind !== 'tool') return { ...base, ok: false, detail: `${outcome.error.kind}: ${outcome.error.message}`, args: sampled.args };
      misses.push(`threw: ${outcome.error.message}`);
      continue;
    }
    const changes = diffStates(state, after);
    if (tool.op === 'read' && changes.length) return { ...base, ok: false, detail: `read tool changed ${describeChanges(changes)}`, ...last };
    if (tool.op === 'write' && !changes.length && tool.writes?.length === 0) {
      return { ...base, ok: true, detail: 'changed nothing, as expected: its evidence names no table to write', ...last };
    }
    if (tool.op === 'write' && !changes.length) {
      misses.push(NO_CHANGE);
      continue;
    }
    const invalid = validateState(content.schema, after);
    if (invalid.length) return { ...base, ok: false, detail: `state invalid after the call: ${invalid.slice(0, 3).join('; ')}`, ...last };
    const miss =
      targetCheck(tool, targets, changes) ??
      statusCheck(
        tool,
        content.schema.tables.filter((t) => targets.includes(t.name)),
        changes,
      ) ??
      emptyReadCheck(tool, table, sampled.args, outcome.result, state) ??
      returnsCheck(tool, outcome.result);
    if (miss) {
      misses.push(miss);
      continue;
    }
    const what = tool.op === 'write' ? `changed ${describeChanges(changes)}` : `returned ${describeResult(outcome.result)}`;
    const retried = misses.length ? ` (attempt ${attempt + 1}; before: ${unique(misses).join('; ')})` : '';
    return { ...base, ok: true, detail: what + retried, ...last };
  }
  const reasons = unique(misses);
  const detail = reasons.length === 1 && reasons[0] === NO_CHANGE ? 'write tool did not change the state' : reasons.join('; ');
  return { ...base, ok: false, detail: `${detail} (on all ${attempts} sampled argument sets)`, ...last };
}

const NO_CHANGE = 'did not change the state';

/**
 * One call in a fresh session on a copy of the seeded state, so attempts cannot affect each other.
 * After a fatal error (timeout, memory) the sandbox does not trust the session's state: there is
 * none to compare, and none is needed, since such a call fails the tool anyway.
 */
async function callOnce(sandbox: SandboxLike, state: State, code: string, args: unknown, seed: number): Promise<{ outcome: CallOutcome; after: State }> {
  const session = await sandbox.openSession(structuredClone(state), { seed, now: REFERENCE_DATE });
  try {
    const outcome = await session.call(code, args);
    const usable = outcome.ok || outcome.error.kind === 'tool';
    return { outcome, after: usable ? await session.state() : state };
  } finally {
    await Promise.resolve(session.close()).catch(() => {});
  }
}

/**
 * Up to three different reasons, the first of each kind: the same miss on ten rows differs only in
 * its values and ids ("got \"order_3\"", "users.user_8"), and one sentence says it.
 */
function unique(xs: string[]): string[] {
  const kinds = new Map<string, string>();
  for (const x of xs) {
    const kind = x.replace(/\(got .*?\)|for \{.*\}, though|"[^"]*"|[\w.#-]*\d[\w.#-]*/g, '');
    if (!kinds.has(kind)) kinds.set(kind, x);
  }
  return [...kinds.values()].slice(0, 3);
}

function describeResult(result: unknown): string {
  if (Array.isArray(result)) return `${result.length} item${result.length === 1 ? '' : 's'}`;
  if (result && typeof result === 'object') return `an object (${Object.keys(result).slice(0, 4).join(', ')})`;
  return JSON.stringify(result)?.slice(0, 60) ?? 'nothing';
}
