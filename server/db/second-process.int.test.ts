import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { openStudio } from '../studio';
import { collections } from './schema';

describe('a second process on the same PGlite data folder', () => {
  let t: TestDatabase;
  afterEach(() => t?.cleanup());

  it('exits with a clear message, and the folder still opens afterwards with its data', async () => {
    t = await createTestDatabase('pglite');
    const studio = await openStudio({ config: t.config, command: 'first studio' });
    await studio.database.db.insert(collections).values({ name: 'kept', format: 'openai', contentHash: 'h1' });

    const second = await runStudioProcess('server/cli.ts', ['status', '--json'], t.env);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`already in use by process ${process.pid} (first studio`);
    expect(second.stderr).toMatch(/stop that process first, or set DATABASE_URL/);

    await studio.close();

    const reopened = await openStudio({ config: t.config });
    const rows = await reopened.database.db.select().from(collections);
    expect(rows.map((r) => r.name)).toEqual(['kept']);
    await reopened.close();

    const third = await runStudioProcess('server/cli.ts', ['status', '--json'], t.env);
    expect(third.stderr).toBe('');
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ database: 'pglite', migration: expect.stringMatching(/^\d{4}_/) });
  });
});
