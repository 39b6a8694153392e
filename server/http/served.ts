import type { Capability } from '../../lib/auth/roles';
import type { SessionUser } from '../auth/session';
import type { Studio } from '../studio';
import { isCrossSite } from './read-body';
import { signedInStudio } from './signed-in';
import { UserError } from '../kernel/errors';

/**
 * What the routes serving environments to the outside (MCP, gym) start with: the person behind the
 * request's API key or session, able to do `capability`. A request carrying the session cookie
 * from another site's page is refused (a machine client sends its key and no page origin).
 */
export async function servedStudio(request: Request, capability: Capability): Promise<{ studio: Studio; user: SessionUser }> {
  if (!request.headers.get('authorization') && isCrossSite(request))
    throw new UserError('forbidden', `The studio refused this ${request.method} request from another site's page: send an API key (Authorization: Bearer).`);
  return signedInStudio(request, capability);
}
