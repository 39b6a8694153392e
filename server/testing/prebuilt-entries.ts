import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Vitest global setup for the integration tests: bundles the studio's entry points once per run,
 * so the tests' CLI and worker processes start from plain JavaScript instead of compiling every
 * module through tsx's loader on each start. That load is most of a short CLI command's time (on a
 * loaded 2-core machine, seconds per process, and the CLI tests start hundreds).
 *
 * The bundle is made by the esbuild that tsx itself transpiles with, to CommonJS as tsx does here,
 * with every package left in node_modules, and sits inside the project so those resolve as they do
 * for `npm run cli`. Product code finds its files (migrations, the sandbox worker) from the working
 * directory, so a bundled process behaves as the tsx one. STUDIO_TEST_TSX=1 runs the tests through
 * tsx instead.
 */
export const ENTRIES = ['server/cli.ts', 'server/worker.ts'];
const ROOT = path.resolve(import.meta.dirname, '..', '..');

export default async function setup() {
  if (process.env.STUDIO_TEST_TSX === '1') return;
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild') as typeof import('esbuild');
  const cache = path.join(ROOT, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const outdir = fs.mkdtempSync(path.join(cache, 'studio-test-entries-'));
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    outbase: ROOT,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    keepNames: true,
    logLevel: 'warning',
  });
  // Inherited by the test workers, which start after this setup.
  process.env.STUDIO_TEST_ENTRIES_DIR = outdir;
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
