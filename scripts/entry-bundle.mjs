// The studio's Node entry points (the CLI, the worker) bundled into CommonJS files by the esbuild
// tsx itself transpiles with: a command then starts from plain JavaScript instead of compiling
// hundreds of modules through tsx's loader each time (about a second and a half of every command).
// Used by `npm run cli` / `npm run worker` (scripts/run.mjs) and by the integration tests
// (server/testing/prebuilt-entries.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ENTRIES = ['server/cli.ts', 'server/worker.ts'];

// Packages are bundled too (resolving zod's, drizzle's and better-auth's files one by one took a
// second of every process), except the ones that load WebAssembly or data files from beside their
// own code (PGlite, QuickJS) and the tool chain. The bundle sits inside the project, so what it
// leaves out resolves as it does from the sources; product code finds its own files (migrations,
// the sandbox worker) from the working directory.
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'quickjs-emscripten', '@jitl/*', 'pg-native', 'esbuild', 'tsx', 'next', 'typescript'];

/** Bundles ENTRIES into `outdir` (server/cli.cjs, server/worker.cjs). */
export async function bundleEntries(outdir) {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
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
}

/** The newest modification time under `p`, directories included (so a deleted file counts); 0 if absent. */
export function newestChange(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'monaco' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(path.join(p, entry)));
  }
  return newest;
}
