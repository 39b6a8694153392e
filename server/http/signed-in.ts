import type { Capability } from '../../lib/auth/roles';
import { requireCapability } from '../auth/require';
import { requestUser, type SessionUser } from '../auth/session';
import { getStudio, type Studio } from '../studio';

/**
 * What every /api route (other than health and sign-in) starts with: the studio, and the person
 * behind the request's API key (`Authorization: Bearer`) or session, who must be able to do `capability` (401 or 403 otherwise, through
 * the routes' error handling). Checked before a body is read, so nobody unknown can make the server
 * read an upload.
 */
export async function signedInStudio(request: Request, capability: Capability): Promise<{ studio: Studio; user: SessionUser }> {
  const studio = await getStudio();
  const user = requireCapability(await requestUser(studio.database.db, studio.config, request.headers), capability);
  return { studio, user };
}
