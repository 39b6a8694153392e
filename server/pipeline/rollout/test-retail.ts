import fs from 'node:fs';
import { sharedData } from '../../testing/shared-data';
import { REFERENCE_DATE } from '../environment/fake-values';
import { generateHeuristic } from '../environment/heuristic';
import type { EnvironmentContent } from '../environment/model';
import type { State } from '../kernel/state';
import { seedState } from '../environment/seed-state';
import type { SandboxLike } from '../environment/validate';
import type { Task } from '../tasks/model';
import { replayGold, taskFingerprint } from '../tasks/replay';
import { importDocuments } from '../tools/import';

/** For tests: τ-bench retail as the heuristic generator builds it, and tasks made by hand on it. */

export function retailContent(): EnvironmentContent {
  const file = sharedData('taubench', 'retail', 'tools.json');
  const { tools } = importDocuments([{ file, bytes: fs.readFileSync(file) }]);
  return generateHeuristic(
    tools.map((t, i) => ({ id: `retail-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns })),
  );
}

export const retailState = (content: EnvironmentContent, seed: number): State => seedState(content.schema, { seed, rows: 20 });

/**
 * A gold run of `calls` made the way the sampler makes one (replayGold): each call executed in a
 * fresh session on the initial state with the task's seed and the reference clock, and one call's
 * refusal probed; a call that fails is a bug in the test.
 */
export async function goldTask(
  sandbox: SandboxLike,
  content: EnvironmentContent,
  {
    seed,
    initialState,
    calls,
    intent = 'Help me.',
  }: { seed: number; initialState: State; calls: Array<{ name: string; arguments: Record<string, unknown> }>; intent?: string },
): Promise<Task> {
  const planned = calls.map((c) => {
    const tool = content.tools.find((t) => t.name === c.name);
    if (!tool) throw new Error(`no tool ${c.name}`);
    return { tool, arguments: c.arguments, derived: [] };
  });
  const gold = await replayGold(sandbox, initialState, planned, { seed, now: REFERENCE_DATE, schema: content.schema });
  if (!gold.ok) throw new Error(gold.reason);
  return {
    seed,
    initialState,
    calls: gold.calls,
    finalState: gold.finalState,
    readOnly: gold.calls.every((c) => c.op === 'read'),
    intent,
    intentWriter: 'template',
    fingerprint: taskFingerprint(initialState, gold.calls),
  };
}

/** The key of the first row of `table` whose `column` is `value`. */
export function keyWhere(state: State, table: string, column: string, value: unknown): string {
  const hit = Object.entries(state[table] ?? {}).find(([, row]) => row[column] === value);
  if (!hit) throw new Error(`no ${table} row with ${column} = ${JSON.stringify(value)}`);
  return hit[0];
}
