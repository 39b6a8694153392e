import { REFERENCE_DATE } from '../environment/fake-values';
import type { EnvironmentContent } from '../environment/model';
import type { State } from '../kernel/state';
import type { SandboxLike, SandboxSession } from '../environment/validate';
import type { Session } from '../sandbox/sandbox';
import type { StateSnapshot } from '../sandbox/snapshot';
import { isTracking } from '../sandbox/tracking';
import type { StateChange } from '../kernel/calls';
import { referenceDiff } from './diff';
import type { ReplayTask, RowDiff } from './format';

/**
 * Runs tasks' calls, in order, on fresh copies of their starting state in the sandbox: what the
 * simulated API answers to each call, and how the database ends up, as a diff in the references'
 * format. A call naming a tool the environment lacks fails without running; an error thrown by
 * tool code is the API's refusal (ok false), as τ-bench's `Error: …` outputs are.
 *
 * Real databases are megabytes, and a task's calls touch a few rows of them. With the sandbox's own
 * sessions, the shared starting state is snapshotted once (each worker keeps it; a session parses
 * only the rows its tools read), and the diff is made from the rows the worker reports changed,
 * not from the whole final state; `finalState` is then built from them only when read.
 */

export type ReplayedCall = { name: string; ok: boolean; output?: unknown; error?: string };
/** `finalState` may be a getter that builds the state when first read (see above). */
export type ReplayedTask = { id: string | number; calls: ReplayedCall[]; diff: RowDiff[]; finalState: State };

export type ReplayOptions = { seed?: number; now?: string; concurrency?: number; signal?: AbortSignal; onTask?: (done: number, total: number) => void };

/** The tool names a list of tasks calls that the environment does not have. */
export function missingTools(content: EnvironmentContent, tasks: Array<{ calls: Array<{ name: string }> }>): string[] {
  const have = new Set(content.tools.map((t) => t.name));
  return [...new Set(tasks.flatMap((t) => t.calls.map((c) => c.name)).filter((n) => !have.has(n)))];
}

type ReplaySession = SandboxSession & Partial<Pick<Session, 'changes'>>;

export async function replayTasks(
  content: EnvironmentContent,
  baseState: State,
  tasks: ReplayTask[],
  sandbox: SandboxLike,
  opts: ReplayOptions = {},
): Promise<ReplayedTask[]> {
  const tools = new Map(content.tools.map((t) => [t.name, t]));
  // Only tasks without a state of their own start from the base: snapshot it if any do.
  const base = isTracking(sandbox) && tasks.some((t) => !t.state) ? sandbox.snapshot(baseState) : undefined;
  const out: ReplayedTask[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      opts.signal?.throwIfAborted();
      const i = next++;
      out[i] = await replayOne(tasks[i]!, tools, baseState, base, sandbox, opts);
      opts.onTask?.(++done, tasks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, tasks.length)) }, worker));
  return out;
}

async function replayOne(
  task: ReplayTask,
  tools: Map<string, EnvironmentContent['tools'][number]>,
  baseState: State,
  base: StateSnapshot | undefined,
  sandbox: SandboxLike,
  opts: ReplayOptions,
): Promise<ReplayedTask> {
  const initial = (task.state as State | undefined) ?? baseState;
  const sessionOpts = { seed: opts.seed ?? 42, now: opts.now ?? REFERENCE_DATE };
  const session: ReplaySession =
    base && !task.state && isTracking(sandbox) ? await sandbox.openSession(base, sessionOpts) : await sandbox.openSession(initial, sessionOpts);
  try {
    const calls: ReplayedCall[] = [];
    for (const c of task.calls) {
      const tool = tools.get(c.name);
      if (!tool) {
        calls.push({ name: c.name, ok: false, error: `no tool named ${c.name} in this environment` });
        continue;
      }
      const outcome = await session.call(tool.code, c.arguments);
      calls.push(outcome.ok ? { name: c.name, ok: true, output: outcome.result } : { name: c.name, ok: false, error: outcome.error.message });
    }
    if (!session.changes) {
      const finalState = await session.state();
      return { id: task.id, calls, diff: referenceDiff(initial, finalState), finalState };
    }
    // After a fatal outcome (a timeout, memory) the session is reset and its rows are unknown: the
    // calls say why, and the task changed nothing that can be shown.
    const changes = await Promise.resolve(session.changes()).catch(() => [] as StateChange[]);
    const replayed = { id: task.id, calls, diff: diffOfChanges(changes) } as ReplayedTask;
    let finalState: State | undefined;
    Object.defineProperty(replayed, 'finalState', { enumerable: true, get: () => (finalState ??= withChanges(initial, changes)) });
    return replayed;
  } finally {
    await Promise.resolve(session.close()).catch(() => {});
  }
}

/** The reference diff of a whole state, from only its changed rows: the rows left out are equal. */
function diffOfChanges(changes: StateChange[]): RowDiff[] {
  const before: State = {};
  const after: State = {};
  for (const c of changes) {
    if (c.before) (before[c.table] ??= {})[c.key] = c.before;
    if (c.after) (after[c.table] ??= {})[c.key] = c.after;
  }
  return referenceDiff(before, after);
}

/** A state with changes applied; tables and rows nobody changed are shared with `state`. */
function withChanges(state: State, changes: StateChange[]): State {
  const out: State = { ...state };
  const copied = new Set<string>();
  for (const c of changes) {
    if (!copied.has(c.table)) {
      out[c.table] = { ...(out[c.table] ?? {}) };
      copied.add(c.table);
    }
    if (c.after) out[c.table]![c.key] = c.after;
    else delete out[c.table]![c.key];
  }
  return out;
}
