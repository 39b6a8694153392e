// The server the e2e suite runs against: a production build (`next build` + `next start`) on a
// fresh temporary data folder, removed again when the suite stops it.
import { spawn, spawnSync } from 'node:child_process';

// The studio works offline: Next.js's anonymous usage reports stay off.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '3100';
const host = process.env.HOST || '127.0.0.1';
const next = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

if (!process.env.E2E_SKIP_BUILD) {
  // `npm test` type-checked the code just before the e2e suite: the build does not check it again.
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, STUDIO_BUILD_SKIP_TYPECHECK: '1' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-e2e-'));
const env = { ...process.env, STUDIO_DATA_DIR: dataDir, PORT: port };
delete env.DATABASE_URL;
const server = spawn(process.execPath, ['--no-wasm-code-gc', next, 'start', '-p', port, '-H', host], { stdio: 'inherit', env });

const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.kill(signal);
  });
}
server.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
