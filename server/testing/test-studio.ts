import { afterEach } from 'vitest';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, type TestDatabase } from './databases';

/**
 * For the tests of one describe block: the function returned gives a test its own studio on an
 * empty database of `kind`; after each test that studio is closed and its database dropped, even
 * when the test failed half-way.
 */
export function studioPerTest(kind: 'pglite' | 'postgres') {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    await t?.cleanup();
    studio = t = undefined;
  });
  /** `migrated`: PGlite starts from a copy of a migrated database (see createTestDatabase); `env`: settings read as from the environment. */
  return async (opts: { workers?: number; migrated?: boolean; env?: Record<string, string> } = {}) => {
    t = await createTestDatabase(kind, opts.env ?? {}, { migrated: opts.migrated });
    studio = await openStudio({ config: t.config, workers: opts.workers ?? 0 });
    return { studio, db: studio.database.db };
  };
}
