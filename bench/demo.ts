import { createTestDatabase } from '../server/testing/databases';
import { runStudioProcess } from '../server/testing/processes';
import type { BenchResult } from './report';

/** Issue 7: `cli demo --json` on a fresh PGlite data folder, every stage offline (target < 60 s). */
export async function benchDemo(): Promise<BenchResult[]> {
  const t = await createTestDatabase('pglite', {}, { asUser: true });
  try {
    const started = performance.now();
    const r = await runStudioProcess('server/cli.ts', ['demo', '--json'], t.env);
    const seconds = (performance.now() - started) / 1000;
    if (r.code !== 0) throw new Error(`cli demo failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { tools: number; domains: unknown[]; tasks: number; trajectories: number; passed: number; failed: number };
    return [
      { name: 'cli demo on a fresh PGlite folder, wall time', value: Number(seconds.toFixed(1)), unit: 's' },
      { name: '  tools / domains', value: out.tools, unit: `tools in ${out.domains.length} domains` },
      { name: '  tasks / trajectories', value: out.tasks, unit: `tasks, ${out.trajectories} trajectories` },
      // `rejected` in the demo's JSON counts trajectories that failed verification (not a reviewer's rejection).
      { name: '  passed / failed verification', value: out.passed, unit: `passed, ${out.failed} failed` },
    ];
  } finally {
    await t.cleanup();
  }
}
