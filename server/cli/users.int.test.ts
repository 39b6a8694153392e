import { afterEach, describe, expect, it } from 'vitest';
import { studioAuth } from '../auth/auth';
import { openStudio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { signIn } from '../testing/sign-in';

describe.each(TEST_DATABASE_KINDS)('cli users on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('adds an account that signs in with its role, refuses a taken email (exit 1) and an unknown role (exit 2), and lists them', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const add = await runStudioProcess(
      'server/cli.ts',
      ['users', 'add', '--email', 'Lead@Studio.test', '--role', 'admin', '--password', 'long enough pass', '--name', 'Lead', '--json'],
      t.env,
    );
    expect(add.code, add.stderr).toBe(0);
    const made = JSON.parse(add.stdout) as { id: string; email: string; role: string };
    expect(made).toMatchObject({ email: 'lead@studio.test', name: 'Lead', role: 'admin' });

    const taken = await runStudioProcess(
      'server/cli.ts',
      ['users', 'add', '--email', 'lead@studio.test', '--role', 'viewer', '--password', 'another long one'],
      t.env,
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('lead@studio.test already has an account.');
    const role = await runStudioProcess(
      'server/cli.ts',
      ['users', 'add', '--email', 'x@studio.test', '--role', 'boss', '--password', 'another long one'],
      t.env,
    );
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role: "boss" is not a role; one of viewer, reviewer, curator, admin');

    // The account is real: it signs in through the studio's own sign-in, with the role given.
    const studio = await openStudio({ config: t.config, workers: 0 });
    try {
      const cookie = await signIn(studio, 'lead@studio.test', 'long enough pass');
      const session = await (await studioAuth(studio.database.db, studio.config)).api.getSession({ headers: new Headers({ cookie }) });
      expect(session?.user).toMatchObject({ id: made.id, role: 'admin' });
    } finally {
      await studio.close();
    }
    const list = await runStudioProcess('server/cli.ts', ['users', 'list', '--json'], t.env);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ email: string; role: string }>).map((u) => [u.email, u.role])).toEqual([['lead@studio.test', 'admin']]);
  });
});
