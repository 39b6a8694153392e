import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StudioConfig } from '../server/config';
import { studioStatus } from '../server/db/queries/health';
import { previewGraph } from '../server/stages/graph/preview';
import { graphParams } from '../server/pipeline/graph/model';
import { openStudio } from '../server/studio';
import { createTestDatabase } from '../server/testing/databases';
import { startStudioProcess } from '../server/testing/processes';
import { realTools, replicate, timeImport } from './import';
import { round, type BenchResult } from './report';

/** BENCH_GRAPH_CLI_TOOLS runs it smaller, to try it; the scale is 30,000. */
const TARGET_TOOLS = Number(process.env.BENCH_GRAPH_CLI_TOOLS ?? 30_000);

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
      const t = await createTestDatabase(kind, {}, { asUser: true });
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
        results.push(...(await benchPreview(t.config, `${kind}: preview of ${imported.tools} tools`)));
      } finally {
        await t.cleanup();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * The build form's preview over the imported tools: the first (the similarity pass and a clustering,
 * on the preview thread), another τ (the clustering only), the same τ again (kept). Meanwhile the
 * health check's own query runs every 20 ms on the server's thread, as /api/health does: its worst
 * answer time is what a health probe would have waited (beside the same with no preview running).
 */
async function benchPreview(config: StudioConfig, label: string): Promise<BenchResult[]> {
  const studio = await openStudio({ config, workers: 0, command: 'bench' });
  try {
    const db = studio.database.db;
    const out: BenchResult[] = [];
    for (const [what, threshold] of [
      ['no preview (1 s)', null],
      ['first, τ 0.3', 0.3],
      ['another τ (0.35)', 0.35],
      ['τ 0.35 again', 0.35],
    ] as const) {
      let worst = 0;
      let probes = 0;
      let running = true;
      const probing = (async () => {
        while (running) {
          const t0 = performance.now();
          await studioStatus(studio);
          worst = Math.max(worst, performance.now() - t0);
          probes++;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const t0 = performance.now();
      const preview = threshold === null ? null : await previewGraph(db, graphParams.parse({ threshold }));
      if (!preview) await new Promise((r) => setTimeout(r, 1000));
      const seconds = (performance.now() - t0) / 1000;
      running = false;
      await probing;
      if (preview) out.push({ name: `${label}, ${what}: time (${preview.domains} domains)`, value: round(seconds), unit: 's' });
      out.push({ name: `${label}, ${what}: worst health answer over ${probes} probes`, value: Math.round(worst), unit: 'ms' });
    }
    return out;
  } finally {
    await studio.close();
  }
}
