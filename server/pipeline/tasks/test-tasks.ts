import { expect } from 'vitest';
import { REFERENCE_DATE } from '../environment/fake-values';
import type { EnvironmentContent } from '../environment/model';
import type { Sandbox } from '../sandbox/sandbox';
import { canonicalJson } from '../kernel/state';
import { missingValues } from './intent';
import type { SampleSettings, Task, WalkEdge } from './model';
import { taskFingerprint } from './replay';

/**
 * For tests: everything a sampled batch promises, checked the way a rollout will rely on it — the
 * gold calls repeated by hand in a fresh sandbox session reach exactly the gold results and state.
 */
export async function expectSoundTasks(
  tasks: Task[],
  content: EnvironmentContent,
  edges: WalkEdge[],
  settings: SampleSettings,
  sandbox: Sandbox,
  label = '',
): Promise<void> {
  const tools = new Map(content.tools.map((t) => [t.toolId, t]));
  const linked = new Set(edges.flatMap((e) => (e.direction === 'both' ? [`${e.source} ${e.target}`, `${e.target} ${e.source}`] : [`${e.source} ${e.target}`])));
  expect(new Set(tasks.map((t) => t.fingerprint)).size, `${label} fingerprints`).toBe(tasks.length);
  for (const task of tasks) {
    const where = `${label} ${task.calls.map((c) => c.name).join(' > ')}`;
    expect(task.calls.length, where).toBeGreaterThanOrEqual(settings.minCalls);
    expect(task.calls.length, where).toBeLessThanOrEqual(settings.maxCalls);
    for (const [i, call] of task.calls.entries()) {
      const tool = tools.get(call.toolId);
      expect(tool && { name: tool.name, op: tool.op }, where).toEqual({ name: call.name, op: call.op });
      if (i > 0) expect(linked.has(`${task.calls[i - 1]!.toolId} ${call.toolId}`), `${where}: step ${i + 1} follows an edge`).toBe(true);
    }
    expect(task.fingerprint, where).toBe(taskFingerprint(task.initialState, task.calls));
    expect(task.readOnly, where).toBe(task.calls.every((c) => c.op === 'read'));
    const unchanged = canonicalJson(task.finalState) === canonicalJson(task.initialState);
    expect(unchanged, `${where}: the state changes exactly when a call writes`).toBe(task.readOnly);
    expect(missingValues(task.intent, task.calls), where).toEqual([]);

    const session = await sandbox.openSession(structuredClone(task.initialState), { seed: task.seed, now: REFERENCE_DATE });
    try {
      for (const call of task.calls) {
        const outcome = await session.call(tools.get(call.toolId)!.code, call.arguments);
        expect(outcome.ok, `${where}: ${call.name} on replay`).toBe(true);
        if (outcome.ok) expect(canonicalJson(outcome.result), `${where}: ${call.name} result`).toBe(canonicalJson(call.result));
      }
      expect(canonicalJson(await session.state()), `${where}: final state`).toBe(canonicalJson(task.finalState));
    } finally {
      await session.close();
    }
  }
}
