// The static checks of `npm test` (type check, lint, format) at once: each is one single-threaded
// process, so on a 2-core machine they overlap instead of queueing. Each one's output is printed
// whole when it ends; the exit code is the first failure's.
import { spawn } from 'node:child_process';

const checks = ['typecheck', 'lint', 'format:check'];
const results = await Promise.all(
  checks.map(
    (name) =>
      new Promise((resolve) => {
        const t0 = Date.now();
        const child = spawn('npm', ['run', '-s', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => {
          process.stdout.write(`\n> ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n${out}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exit(results.find((code) => code !== 0) ?? 0);
