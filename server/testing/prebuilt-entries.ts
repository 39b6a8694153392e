import fs from 'node:fs';
import path from 'node:path';
import { bundleEntries, ROOT } from '../../scripts/entry-bundle.mjs';

/**
 * Vitest global setup for the integration tests: bundles the studio's entry points once per run
 * (scripts/entry-bundle.mjs, as `npm run cli` does), so the tests' CLI and worker processes start
 * from plain JavaScript instead of compiling every module through tsx's loader on each start. That
 * load is most of a short CLI command's time (on a loaded 2-core machine, seconds per process, and
 * the CLI tests start hundreds). STUDIO_TEST_TSX=1 runs the tests through tsx instead.
 */
export default async function setup() {
  if (process.env.STUDIO_TEST_TSX === '1') return;
  const cache = path.join(ROOT, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const outdir = fs.mkdtempSync(path.join(cache, 'studio-test-entries-'));
  await bundleEntries(outdir);
  // Inherited by the test workers, which start after this setup.
  process.env.STUDIO_TEST_ENTRIES_DIR = outdir;
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
