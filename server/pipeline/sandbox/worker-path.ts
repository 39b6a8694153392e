import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the worker entry (worker.mjs) is on disk.
 *
 * `new Worker(path)` needs a real file, and this module does not always sit next to it: Next.js
 * compiles server code into `.next/server/chunks/…`, where `import.meta.url` points at a chunk (or,
 * in some bundlers, is rewritten). So:
 *   1. the path given to `setSandboxWorkerPath()` (tests, unusual layouts), else
 *      `$SANDBOX_WORKER_PATH`, is used as is (an error if the file is missing);
 *   otherwise the first of these that exists:
 *   2. `<process.cwd()>/server/pipeline/sandbox/worker.mjs` — every entry point (npm start, next
 *      start, the CLI, tsx, vitest) runs from the project root;
 *   3. next to this module, by `import.meta.url`, then by `__dirname` (when loaded as CommonJS).
 * worker.mjs imports `quickjs-emscripten`, so wherever it is, a node_modules holding that package
 * must be above it.
 */
let override: string | undefined;

export function setSandboxWorkerPath(file: string | undefined): void {
  override = file === undefined ? undefined : path.resolve(file);
}

export function resolveWorkerPath(): string {
  // An explicit choice is taken as is: a wrong path should fail loudly, not fall back silently.
  const chosen = override ?? process.env.SANDBOX_WORKER_PATH;
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`sandbox worker not found at ${chosen}`);
    return chosen;
  }
  const candidates = [path.join(process.cwd(), 'server', 'pipeline', 'sandbox', 'worker.mjs'), ...besideThisModule()];
  for (const file of candidates) if (file && fs.existsSync(file)) return file;
  throw new Error(`sandbox worker not found; looked at ${candidates.join(', ')}. Run from the project root or call setSandboxWorkerPath()`);
}

function besideThisModule(): string[] {
  const found: string[] = [];
  try {
    found.push(path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.mjs'));
  } catch {
    // not a file: URL (bundled), or import.meta unavailable
  }
  if (typeof __dirname === 'string') found.push(path.join(__dirname, 'worker.mjs'));
  return found;
}
