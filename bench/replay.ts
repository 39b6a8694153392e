import { generateGrounded } from '../server/pipeline/environment/grounded/generate';
import { replayTasks } from '../server/pipeline/reference/replay';
import { scoreReplay } from '../server/pipeline/reference/score';
import { taubench } from '../server/pipeline/reference/taubench-fixture';
import { Sandbox } from '../server/pipeline/sandbox/sandbox';
import type { BenchResult } from './report';

/**
 * Issue 13, item 7: replay and verify of τ-bench retail's reference tasks on the real db.json
 * (1.2 MB of JSON, about 5 calls a task) against the heuristic grounded environment, as
 * `check` does them: each task's calls in a fresh session on the starting state, its row diff,
 * and the fidelity score over all of them. Target ≥ 55 tasks/s (τ-bench's own Python harness does
 * 10.9/s on this machine).
 */
const ROUNDS = 4;

export async function benchReplay(): Promise<BenchResult[]> {
  const { tools, data, reference } = taubench('retail');
  const { content } = generateGrounded(tools, data, 'db.json');
  const stateBytes = Buffer.byteLength(JSON.stringify(data.state));
  const calls = reference.tasks.reduce((n, t) => n + t.calls.length, 0);
  const sandbox = new Sandbox();
  try {
    // Warm-up: starts the workers, sends them the state, lets V8 optimise the host side.
    await replayTasks(content, data.state, reference.tasks, sandbox);
    let rowsAgree = 0;
    const t0 = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const replayed = await replayTasks(content, data.state, reference.tasks, sandbox);
      rowsAgree = scoreReplay(reference, replayed, { schema: content.schema, state: data.state }).rows.agree;
    }
    const seconds = (performance.now() - t0) / 1000;
    return [
      { name: 'τ-bench retail state (db.json)', value: Number((stateBytes / 1024 / 1024).toFixed(2)), unit: `MB, ${Object.values(data.state).reduce((n, rows) => n + Object.keys(rows).length, 0)} rows` },
      { name: 'reference tasks replayed per round', value: reference.tasks.length, unit: `tasks, ${(calls / reference.tasks.length).toFixed(1)} calls each` },
      { name: `replay + verify (${ROUNDS} rounds, scored)`, value: Math.round((ROUNDS * reference.tasks.length) / seconds), unit: 'tasks/s' },
      { name: 'tasks changing exactly the real rows', value: rowsAgree, unit: `of ${reference.tasks.length}` },
    ];
  } finally {
    await sandbox.close();
  }
}
