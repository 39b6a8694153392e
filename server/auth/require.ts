import { can, roleFor, type Capability } from '../../lib/auth/roles';
import { UserError } from '../kernel/errors';
import type { SessionUser } from './session';

const DOING: Record<Capability, string> = {
  read: 'see the studio',
  play: 'run environments (MCP tool calls, gym episodes)',
  review: 'review trajectories',
  curate: 'change the pipeline (import, graph, domains, environments, tasks, runs, exports)',
  admin: 'manage people and settings',
};

/**
 * The check every procedure and route makes: nobody signed in is 401, a role below what is asked
 * is 403, each said as a sentence. Returns the person, now known to be signed in.
 */
export function requireCapability(user: SessionUser | null | undefined, capability: Capability): SessionUser {
  if (!user) throw new UserError('unauthorized', 'Sign in to use the studio: your session is missing or has expired.');
  if (!can(user.role, capability)) {
    throw new UserError('forbidden', `Your role (${user.role}) cannot ${DOING[capability]}: that needs ${roleFor(capability)} or above. Ask an admin.`);
  }
  return user;
}
