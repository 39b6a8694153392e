/** Accounts from the command line: how the first admin of a server without a browser is made, and scripts add people. */

import { ZodError } from 'zod';
import { isRole, ROLES } from '../../../lib/auth/roles';
import { addUser, listUsers } from '../../auth/users';
import { UsageError } from '../usage';
import { command, usageIssues, withStudio } from './shared';

type UsersOutput =
  { id: string; email: string; name: string; role: string } | Array<{ id: string; email: string; name: string; role: string; createdAt: string }>;

export const users = command<UsersOutput>({
  summary: `accounts: users add --email E --role ${ROLES.join('|')} --password P [--name N]; users list`,
  options: { email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  run: ({ values, positionals }) => {
    const [action, ...rest] = positionals;
    if (rest.length) throw new UsageError(`users ${action}: unexpected "${rest[0]}"`);
    if (action === 'list') {
      return withStudio('users list', async (studio) => (await listUsers(studio.database.db)).map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })));
    }
    if (action !== 'add') throw new UsageError(action ? `users: unknown action "${action}"; use add or list` : 'users needs an action: add or list');
    for (const key of ['email', 'role', 'password'] as const) if (typeof values[key] !== 'string') throw new UsageError(`users add needs --${key}`);
    if (!isRole(values.role)) throw new UsageError(`--role: "${String(values.role)}" is not a role; one of ${ROLES.join(', ')}`);
    return withStudio('users add', async (studio) => {
      try {
        return await addUser(
          { db: studio.database.db, config: studio.config },
          { email: values.email as string, role: values.role as never, password: values.password as string, name: values.name as string | undefined },
        );
      } catch (e) {
        if (e instanceof ZodError) throw new UsageError(usageIssues(e));
        throw e;
      }
    });
  },
  human: (out) =>
    Array.isArray(out)
      ? out.length
        ? out.map((u) => `${u.role.padEnd(9)} ${u.email}  ${u.name}  [${u.id}]\n`).join('')
        : 'no accounts yet: the first visitor of the studio creates the admin, or run users add\n'
      : `added ${out.email} as ${out.role}  [${out.id}]\n`,
});
