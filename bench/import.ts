import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocument } from '../server/pipeline/tools/import';
import type { RawTool } from '../server/pipeline/tools/model';
import { createTestDatabase } from '../server/testing/databases';
import { startStudioProcess } from '../server/testing/processes';
import { sharedData } from '../server/testing/shared-data';
import { round, type BenchResult } from './report';

const TARGET_TOOLS = 30_000;

/** Real tools from the shared collections (OpenAPI, Postman, ToolBench, BFCL, ACEBench, τ-bench), as read. */
export function realTools(): RawTool[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/.test(entry.name) && !/environment|v1\.postman|db\.json|tasks/.test(entry.name)) files.push(p);
    }
  };
  walk(sharedData());
  const tools: RawTool[] = [];
  for (const file of files) {
    try {
      tools.push(...readDocument({ file, bytes: fs.readFileSync(file) }).raw);
    } catch {
      // Not a collection (licences, τ-bench tasks): not part of the benchmark's tool pool.
    }
  }
  return tools;
}

/** An OpenAI tool list of `n` tools: the real ones again and again, each copy under a new name. */
export function replicate(pool: ReturnType<typeof realTools>, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const t = pool[i % pool.length]!;
    const copy = Math.floor(i / pool.length);
    return { type: 'function', function: { name: copy ? `${t.name}_copy${copy}` : t.name, description: t.description, parameters: t.parameters } };
  });
}

export async function timeImport(file: string, env: Record<string, string>) {
  const t0 = performance.now();
  const child = startStudioProcess('server/cli.ts', ['import', '--json', file], {
    ...env,
    NODE_OPTIONS: `--import ${path.resolve(__dirname, 'peak-memory.mjs')}`,
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - t0) / 1000;
  const { stdout, stderr } = child.output();
  if (code !== 0) throw new Error(`import failed (${code}): ${stderr.slice(0, 2000)}`);
  const tools = (JSON.parse(stdout) as { collections: Array<{ tools: number }> }).collections[0]!.tools;
  const peakKb = Number(/@@peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { seconds, tools, peakMb: peakKb / 1024 };
}

/** `import` of 30,000 tools through the CLI, as a user would run it: wall time and peak memory. */
export async function benchImport(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-import-'));
  const results: BenchResult[] = [];
  try {
    const pool = realTools();
    const file = path.join(dir, `tools-${TARGET_TOOLS}.json`);
    fs.writeFileSync(file, JSON.stringify(replicate(pool, TARGET_TOOLS)));
    results.push({ name: `real tools in the pool (replicated to ${TARGET_TOOLS})`, value: pool.length, unit: 'tools' });
    results.push({ name: 'input file', value: round(fs.statSync(file).size / 2 ** 20), unit: 'MB' });

    const kinds: Array<'pglite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
    for (const kind of kinds) {
      const t = await createTestDatabase(kind, {}, { asUser: true });
      try {
        const r = await timeImport(file, t.env);
        results.push({ name: `${kind}: CLI import of ${r.tools} tools, wall time`, value: round(r.seconds), unit: 's' });
        results.push({ name: `${kind}: CLI import peak memory (RSS)`, value: Math.round(r.peakMb), unit: 'MB' });
      } finally {
        await t.cleanup();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
