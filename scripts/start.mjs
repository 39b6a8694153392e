// `npm start`: builds the studio when there is no build or the sources changed since the last one,
// then serves it with `next start` (PORT, default 3000; HOST, default 127.0.0.1) on the configured database.
import { spawn, spawnSync } from 'node:child_process';

// The studio works offline: Next.js's anonymous usage reports stay off.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
import fs from 'node:fs';
import path from 'node:path';
import { newestChange } from './entry-bundle.mjs';

const root = process.cwd();
const buildId = path.join(root, '.next', 'BUILD_ID');
const SOURCES = ['app', 'components', 'lib', 'server', 'drizzle', 'public', 'instrumentation.ts', 'next.config.js', 'package-lock.json'];

const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((s) => newestChange(path.join(root, s))));
if (changedAt > builtAt) {
  console.log(builtAt ? 'Sources changed since the last build: rebuilding…' : 'First start: building the studio (a minute or two)…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
// Loopback unless told otherwise: the studio has no sign-in yet, so only this machine may reach it.
const host = process.env.HOST || '127.0.0.1';
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
// --no-wasm-code-gc: Node 24's V8 can abort when Wasm code GC frees PGlite's code (nodejs/node#66366).
const server = spawn(process.execPath, ['--no-wasm-code-gc', next, 'start', '-p', port, '-H', host], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
