import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../server/testing/databases';
import { startStudioProcess } from '../server/testing/processes';
import { realTools, replicate, timeImport } from './import';
import { round, type BenchResult } from './report';

const TARGET_TOOLS = 30_000;

/** One `cli graph` as a user runs it: wall time, and the part from the "Saving" progress line to exit. */
async function timeGraph(env: Record<string, string>) {
  const t0 = performance.now();
  const child = startStudioProcess('server/cli.ts', ['graph', '--json', '--no-llm-check'], env);
  let savingAt = NaN;
  child.stderr!.on('data', (d: Buffer) => {
    if (Number.isNaN(savingAt) && /Saving/.test(String(d))) savingAt = performance.now();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const t1 = performance.now();
  const { stdout, stderr } = child.output();
  if (code !== 0) throw new Error(`graph failed (${code}): ${stderr.slice(0, 2000)}`);
  const edges = (JSON.parse(stdout) as { edges: number }).edges;
  return { seconds: (t1 - t0) / 1000, saveSeconds: (t1 - savingAt) / 1000, edges };
}

/**
 * `cli graph` end to end over 30,000 imported tools (issue 15: target < 15 s on PGlite and on
 * Postgres), twice: the first build, and a rebuild that also replaces the first build's edges.
 */
export async function benchGraphCli(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-graph-cli-'));
  const results: BenchResult[] = [];
  try {
    const file = path.join(dir, `tools-${TARGET_TOOLS}.json`);
    fs.writeFileSync(file, JSON.stringify(replicate(realTools(), TARGET_TOOLS)));
    const kinds: Array<'pglite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
    for (const kind of kinds) {
      const t = await createTestDatabase(kind);
      try {
        const imported = await timeImport(file, t.env);
        for (const run of ['first build', 'rebuild']) {
          const r = await timeGraph(t.env);
          const name = (what: string) => `${kind}: CLI graph of ${imported.tools} tools, ${run}, ${what}`;
          results.push(
            { name: name('wall time'), value: round(r.seconds), unit: 's' },
            { name: name('  of which saving (from the "Saving" line to exit)'), value: round(r.saveSeconds), unit: 's' },
            { name: name('edges'), value: r.edges, unit: '' },
          );
        }
      } finally {
        await t.cleanup();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

