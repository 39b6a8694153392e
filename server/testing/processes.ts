import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts one of the studio's entry points (server/cli.ts, server/worker.ts) as its own Node process,
 * the way `npm run` does, but without tsx's extra parent process, so its pid is the one to kill.
 */
export function startStudioProcess(script: string, args: string[], env: Record<string, string>): ChildProcess & { output(): { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...cleanEnv(), ...env },
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

/** The parent's environment without database settings, so each test chooses its own. */
function cleanEnv() {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.STUDIO_DATA_DIR;
  return env;
}
