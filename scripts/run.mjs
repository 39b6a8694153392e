// `npm run cli -- …` and `npm run worker`: runs server/cli.ts or server/worker.ts from its bundle
// (entry-bundle.mjs), made again when a source file changed since the last one.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleEntries, newestChange, ROOT } from './entry-bundle.mjs';

const NAMES = { cli: 'server/cli.ts', worker: 'server/worker.ts' };
const entry = NAMES[process.argv[2]];
if (!entry) {
  process.stderr.write(`usage: node scripts/run.mjs ${Object.keys(NAMES).join('|')} [arguments]\n`);
  process.exit(2);
}
// The entry reads its own arguments from argv[2] on.
process.argv.splice(2, 1);

// Named after the sources' newest change: a changed file makes a new bundle, and a command never
// sees one half-written (each is built beside and renamed into place; two commands started at once
// may both build, and either's is fine).
const SOURCES = ['server', 'lib', 'tsconfig.json', 'package-lock.json', 'scripts/entry-bundle.mjs'];
const stamp = Math.floor(Math.max(...SOURCES.map((s) => newestChange(path.join(ROOT, s)))));
const cache = path.join(ROOT, 'node_modules', '.cache');
const dir = path.join(cache, `studio-entries-${stamp}`);
if (!fs.existsSync(path.join(dir, entry.replace(/\.ts$/, '.cjs')))) {
  fs.mkdirSync(cache, { recursive: true });
  const building = fs.mkdtempSync(path.join(cache, 'studio-entries-building-'));
  await bundleEntries(building);
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true });
  }
  // Earlier bundles are of sources that no longer exist.
  for (const old of fs.readdirSync(cache)) {
    if (/^studio-entries-\d+$/.test(old) && path.join(cache, old) !== dir) fs.rmSync(path.join(cache, old), { recursive: true, force: true });
  }
}
createRequire(import.meta.url)(path.join(dir, entry.replace(/\.ts$/, '.cjs')));
