import path from 'node:path';
import { startStudioProcess } from '../server/testing/processes';
import { round, type BenchResult } from './report';

const TARGET_TOOLS = 30_000;

type CaseResult = {
  seconds: number;
  phases: Record<string, number>;
  rssBeforeMb: number;
  tools: number;
  edges: number;
  domains: number;
  unassigned: number;
  largest: number;
  modularity: number;
};

/** One buildGraph in a child process: its figures, and the child's peak resident memory. */
async function runCase(count: number): Promise<CaseResult & { peakMb: number }> {
  const child = startStudioProcess('bench/graph-case.ts', [String(count)], { NODE_OPTIONS: `--import ${path.resolve(__dirname, 'peak-memory.mjs')}` });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const { stdout, stderr } = child.output();
  if (code !== 0) throw new Error(`graph bench failed (${code}): ${stderr.slice(0, 2000)}`);
  const peakKb = Number(/@@peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { ...(JSON.parse(stdout) as CaseResult), peakMb: peakKb / 1024 };
}

/**
 * buildGraph (lexical vectors, edges, directions, domains, names) with the default parameters, over
 * the real tools of the shared data and over 30,000 = those replicated with perturbed names and
 * descriptions. Target at 30,000 on two cores: under 15 s and under 2 GB.
 */
export async function benchGraph(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [label, count] of [
    ['real tools', 0],
    [`${TARGET_TOOLS} tools`, TARGET_TOOLS],
  ] as const) {
    const r = await runCase(count);
    const name = (what: string) => `${label}: ${what}`;
    results.push(
      { name: name('tools'), value: r.tools, unit: 'tools' },
      { name: name('buildGraph wall time'), value: round(r.seconds), unit: 's' },
      ...Object.entries(r.phases).map(([phase, s]) => ({ name: name(`  of which ${phase}`), value: round(s), unit: 's' })),
      { name: name('peak memory (RSS, whole process)'), value: Math.round(r.peakMb), unit: 'MB' },
      { name: name('memory before the build (RSS)'), value: Math.round(r.rssBeforeMb), unit: 'MB' },
      { name: name('edges'), value: r.edges, unit: '' },
      { name: name('domains'), value: r.domains, unit: '' },
      { name: name('unassigned tools'), value: r.unassigned, unit: '' },
      { name: name('largest domain'), value: r.largest, unit: 'tools' },
      { name: name('modularity'), value: round(r.modularity, 3), unit: '' },
    );
  }
  return results;
}
