import { isRole, type Role } from '../../lib/auth/roles';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { studioAuth } from './auth';

/** Who is asking: what the studio needs of a signed-in person. */
export type SessionUser = { id: string; email: string; name: string; role: Role };

/** The signed-in person behind a request's session cookie, or null (no cookie, expired, removed, banned). */
export async function sessionUser(db: Db, config: StudioConfig, headers: Headers): Promise<SessionUser | null> {
  if (!headers.get('cookie')) return null;
  const auth = await studioAuth(db, config);
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, email, name, role } = session.user;
  // A role the studio does not know (edited by hand in the database) grants nothing.
  return { id, email, name, role: isRole(role) ? role : 'viewer' };
}
