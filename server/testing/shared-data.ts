import fs from 'node:fs';
import path from 'node:path';

/**
 * The public API collections of ../shared/data (beside the project's root), used as fixtures.
 * SHARED_DATA_DIR overrides where they are.
 */
export function sharedData(...parts: string[]): string {
  const candidates = [process.env.SHARED_DATA_DIR, path.resolve(__dirname, '../../../shared/data'), '/work/shared/data'].filter(Boolean) as string[];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'README.md')));
  if (!dir) throw new Error(`The shared data folder was not found (looked in ${candidates.join(', ')}); set SHARED_DATA_DIR`);
  return path.join(dir, ...parts);
}
