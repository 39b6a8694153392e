import { isRole, type Role } from '../../lib/auth/roles';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { UserError } from '../kernel/errors';
import { apiKeyUser, bearerKey } from './api-keys';
import { studioAuth } from './auth';

/** Who is asking: what the studio needs of a signed-in person. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set when the request came with an API key rather than a session. */ viaKey?: true;
};

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

/**
 * Who is asking, by an API key (`Authorization: Bearer <key>`, machine clients) or else the
 * session cookie. A bearer key that is not valid throws a 401 sentence rather than falling back to
 * the cookie or to nobody: a client with a wrong key is told so.
 */
export async function requestUser(db: Db, config: StudioConfig, headers: Headers): Promise<SessionUser | null> {
  const key = bearerKey(headers);
  if (key !== null) return apiKeyUser(db, key);
  return sessionUser(db, config, headers);
}

/** requestUser for a context made before the procedure is known: the refusal is kept, and thrown by a procedure that needs someone. */
export async function requestUserOrRefusal(db: Db, config: StudioConfig, headers: Headers): Promise<{ user: SessionUser | null; refusal?: UserError }> {
  try {
    return { user: await requestUser(db, config, headers) };
  } catch (e) {
    if (e instanceof UserError) return { user: null, refusal: e };
    throw e;
  }
}
