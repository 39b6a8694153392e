import { REFERENCE_DATE } from '../environment/fake-values';
import type { EnvironmentContent, State } from '../environment/model';
import type { SandboxLike } from '../environment/validate';
import { referenceDiff } from './diff';
import type { ReplayTask, RowDiff } from './format';

/**
 * Runs tasks' calls, in order, on fresh copies of their starting state in the sandbox: what the
 * simulated API answers to each call, and how the database ends up, as a diff in the references'
 * format. A call naming a tool the environment lacks fails without running; an error thrown by
 * tool code is the API's refusal (ok false), as τ-bench's `Error: …` outputs are.
 */

export type ReplayedCall = { name: string; ok: boolean; output?: unknown; error?: string };
export type ReplayedTask = { id: string | number; calls: ReplayedCall[]; diff: RowDiff[]; finalState: State };

export type ReplayOptions = { seed?: number; now?: string; concurrency?: number; signal?: AbortSignal; onTask?: (done: number, total: number) => void };

/** The tool names a list of tasks calls that the environment does not have. */
export function missingTools(content: EnvironmentContent, tasks: Array<{ calls: Array<{ name: string }> }>): string[] {
  const have = new Set(content.tools.map((t) => t.name));
  return [...new Set(tasks.flatMap((t) => t.calls.map((c) => c.name)).filter((n) => !have.has(n)))];
}

export async function replayTasks(content: EnvironmentContent, baseState: State, tasks: ReplayTask[], sandbox: SandboxLike, opts: ReplayOptions = {}): Promise<ReplayedTask[]> {
  const tools = new Map(content.tools.map((t) => [t.name, t]));
  const out: ReplayedTask[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      opts.signal?.throwIfAborted();
      const i = next++;
      out[i] = await replayOne(tasks[i]!, tools, baseState, sandbox, opts);
      opts.onTask?.(++done, tasks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, tasks.length)) }, worker));
  return out;
}

async function replayOne(task: ReplayTask, tools: Map<string, EnvironmentContent['tools'][number]>, baseState: State, sandbox: SandboxLike, opts: ReplayOptions): Promise<ReplayedTask> {
  const initial = (task.state as State | undefined) ?? baseState;
  const session = await sandbox.openSession(initial, { seed: opts.seed ?? 42, now: opts.now ?? REFERENCE_DATE });
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
    const finalState = await session.state();
    return { id: task.id, calls, diff: referenceDiff(initial, finalState), finalState };
  } finally {
    await Promise.resolve(session.close()).catch(() => {});
  }
}
