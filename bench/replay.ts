import { generateGrounded } from '../server/pipeline/environment/grounded/generate';
import { replayTasks } from '../server/pipeline/reference/replay';
import { scoreReplay } from '../server/pipeline/reference/score';
import { taubench } from '../server/pipeline/reference/taubench-fixture';
import { Sandbox } from '../server/pipeline/sandbox/sandbox';
import type { State } from '../server/pipeline/kernel/state';
import type { BenchResult } from './report';

/**
 * Issue 13, item 7: replay and verify of τ-bench retail's reference tasks on the real db.json
 * (1.2 MB of JSON, about 5 calls a task) against the heuristic grounded environment, as
 * `check` does them: each task's calls in a fresh session on the starting state, its row diff,
 * and the fidelity score over all of them. Target ≥ 55 tasks/s (τ-bench's own Python harness does
 * 10.9/s on this machine).
 */
const ROUNDS = 4;
/** The large-state run: retail's users and orders copied under new keys up to this size (the upload limit is 50 MB). */
const LARGE_BYTES = 45 * 1024 * 1024;
const LARGE_TASKS = 30;

/** Retail's state grown with copies of its users and orders under new keys; the originals, which the reference names, stay. */
function grown(state: State, bytes: number): State {
  const out: State = Object.fromEntries(Object.entries(state).map(([t, rows]) => [t, { ...rows }]));
  let size = Buffer.byteLength(JSON.stringify(state));
  const growable = Object.entries(state).filter(([, rows]) => Object.keys(rows).length >= 100);
  for (let copy = 1; size < bytes; copy++)
    for (const [table, rows] of growable)
      for (const [key, row] of Object.entries(rows)) {
        out[table]![`${key}~${copy}`] = row;
        size += Buffer.byteLength(JSON.stringify(row)) + key.length + 8;
      }
  return out;
}

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

    // The same tasks on a database near the upload limit: lookups parse the rows they read, not the tables.
    const large = grown(data.state, LARGE_BYTES);
    const largeBytes = Buffer.byteLength(JSON.stringify(large));
    const largeRows = Object.values(large).reduce((n, rows) => n + Object.keys(rows).length, 0);
    const subset = reference.tasks.slice(0, LARGE_TASKS);
    await replayTasks(content, large, subset.slice(0, 1), sandbox);
    const t1 = performance.now();
    const largeReplayed = await replayTasks(content, large, subset, sandbox);
    const largeSeconds = (performance.now() - t1) / 1000;
    const largeOk = largeReplayed.reduce((n, t) => n + t.calls.filter((c) => c.ok).length, 0);
    const largeCalls = largeReplayed.reduce((n, t) => n + t.calls.length, 0);
    return [
      {
        name: 'τ-bench retail state (db.json)',
        value: Number((stateBytes / 1024 / 1024).toFixed(2)),
        unit: `MB, ${Object.values(data.state).reduce((n, rows) => n + Object.keys(rows).length, 0)} rows`,
      },
      { name: 'reference tasks replayed per round', value: reference.tasks.length, unit: `tasks, ${(calls / reference.tasks.length).toFixed(1)} calls each` },
      { name: `replay + verify (${ROUNDS} rounds, scored)`, value: Math.round((ROUNDS * reference.tasks.length) / seconds), unit: 'tasks/s' },
      { name: 'tasks changing exactly the real rows', value: rowsAgree, unit: `of ${reference.tasks.length}` },
      { name: 'large state (retail grown)', value: Number((largeBytes / 1024 / 1024).toFixed(1)), unit: `MB, ${largeRows} rows` },
      {
        name: `replay on the large state (${subset.length} tasks)`,
        value: Number((subset.length / largeSeconds).toFixed(1)),
        unit: `tasks/s, ${largeOk} of ${largeCalls} calls succeeded`,
      },
    ];
  } finally {
    await sandbox.close();
  }
}
