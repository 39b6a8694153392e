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
 * and sits inside the project so what it leaves out resolves as it does for `npm run cli`. Packages
 * are bundled too: resolving the hundreds of files of zod, drizzle and better-auth one by one took
 * a second of every process (a `cli domains` 3.0 s → 1.6 s). Left out are the ones that load
 * WebAssembly or data files from beside their own code (PGlite, QuickJS) and the tool chain. Product code finds its files (migrations, the sandbox worker) from the working
 * directory, so a bundled process behaves as the tsx one. STUDIO_TEST_TSX=1 runs the tests through
 * tsx instead.
 */
export const ENTRIES = ['server/cli.ts', 'server/worker.ts'];
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'quickjs-emscripten', '@jitl/*', 'pg-native', 'esbuild', 'tsx', 'next', 'typescript'];
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
    external: EXTERNAL,
    keepNames: true,
    logLevel: 'warning',
  });
  // Inherited by the test workers, which start after this setup.
  process.env.STUDIO_TEST_ENTRIES_DIR = outdir;
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
