import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyUser, listApiKeys } from '../auth/api-keys';
import { openStudio } from '../studio';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { addTestUser } from '../testing/users';

describe('cli keys', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  // The one CLI process: add, list and revoke are the same thin command over api-keys.ts, tested in-process there.
  it('keys add --email E --json prints {key} once, a key that acts as that person', { timeout: 60_000 }, async () => {
    t = await createTestDatabase('pglite', {}, { migrated: true });
    let studio = await openStudio({ config: t.config, workers: 0 });
    const user = await addTestUser(studio, 'reviewer');
    await studio.close();

    const add = await runStudioProcess('server/cli.ts', ['keys', 'add', '--email', user.email, '--name', 'trainer', '--json'], t.env);
    expect(add.code, add.stderr).toBe(0);
    const made = JSON.parse(add.stdout) as { key: string; prefix: string; name: string; email: string };
    expect(made).toMatchObject({ name: 'trainer', email: user.email });
    expect(made.key.startsWith(made.prefix)).toBe(true);

    studio = await openStudio({ config: t.config, workers: 0 });
    try {
      expect(await apiKeyUser(studio.database.db, made.key)).toMatchObject({ id: user.id, role: 'reviewer' });
      expect(JSON.stringify(await listApiKeys(studio.database.db))).not.toContain(made.key);
    } finally {
      await studio.close();
    }
  });
});
