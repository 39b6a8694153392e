import type { Role } from '../../lib/auth/roles';
import { addUser } from '../auth/users';
import type { SessionUser } from '../auth/session';
import type { Studio } from '../studio';

let n = 0;

export const TEST_PASSWORD = 'correct horse battery';

/** A real account of `role` on the test's studio (through the same service the Users page and the CLI use). */
export function addTestUser(studio: Studio, role: Role, name = `${role} ${++n}`): Promise<SessionUser> {
  return addUser(
    { db: studio.database.db, config: studio.config },
    { email: `${name.replace(/\W+/g, '.')}.${Date.now()}@studio.test`.toLowerCase(), name, role, password: TEST_PASSWORD },
  );
}

/** A tRPC context for `createCaller`: the studio, signed in as a new account of `role`. */
export async function contextAs(studio: Studio, role: Role = 'admin') {
  return { studio, user: await addTestUser(studio, role) };
}
