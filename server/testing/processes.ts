import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts one of the studio's entry points (server/cli.ts, server/worker.ts) as its own Node process,
 * the way `npm run` does, but without tsx's extra parent process, so its pid is the one to kill.
 * Under vitest it runs the bundle prebuilt for this run (see prebuilt-entries.ts) when there is one.
 * Node's compile cache keeps the modules' bytecode between the many processes a test run starts.
 */
export function startStudioProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
): ChildProcess & { output(): { stdout: string; stderr: string } } {
  // --liftoff-only, --no-wasm-code-gc: see vitest.config.mts.
  const child = spawn(process.execPath, ['--liftoff-only', '--no-wasm-code-gc', ...entry(script), ...args], {
    cwd: ROOT,
    env: { NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'studio-test-compile-cache'), ...cleanEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return Object.assign(child, { output: () => ({ stdout, stderr }) });
}

export async function runStudioProcess(script: string, args: string[], env: Record<string, string>) {
  const child = startStudioProcess(script, args, env);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, ...child.output() };
}

/** The test run's bundle (prebuilt-entries.ts); else as `npm run cli` / `npm run worker` start it (benchmarks); tsx if asked. */
function entry(script: string): string[] {
  const prebuilt = process.env.STUDIO_TEST_ENTRIES_DIR && path.join(process.env.STUDIO_TEST_ENTRIES_DIR, script.replace(/\.ts$/, '.cjs'));
  if (prebuilt && fs.existsSync(prebuilt)) return [prebuilt];
  const name = /^server\/(cli|worker)\.ts$/.exec(script)?.[1];
  return name && process.env.STUDIO_TEST_TSX !== '1' ? [path.join(ROOT, 'scripts', 'run.mjs'), name] : ['--import', 'tsx', path.join(ROOT, script)];
}

/** The parent's environment without database settings, so each test chooses its own. */
function cleanEnv() {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.STUDIO_DATA_DIR;
  delete env.STUDIO_TEST_ENTRIES_DIR;
  return env;
}
