import { z } from 'zod';

/**
 * The studio's roles, each able to do what the one before it can and more: a viewer reads, a
 * reviewer also accepts and rejects trajectories, a curator also runs the pipeline (import, graph,
 * domains, environments, tasks, runs, exports), an admin also manages people and settings. One list
 * serves the server's checks and the pages that hide what a role cannot do.
 */
export const ROLES = ['viewer', 'reviewer', 'curator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What a request needs: reading, reviewing, curating, administering; and playing: calling an
 * environment's tools over MCP and running gym episodes on private copies of its state. Playing
 * changes nothing stored but spends the server's sandbox time, so a read-only viewer cannot; it
 * needs no more than a reviewer, so a trainer's key need not be able to change the pipeline.
 */
export type Capability = 'read' | 'play' | 'review' | 'curate' | 'admin';

const NEEDS: Record<Capability, Role> = { read: 'viewer', play: 'reviewer', review: 'reviewer', curate: 'curator', admin: 'admin' };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads everything, changes nothing',
  reviewer: 'reads, accepts or rejects trajectories, and plays environments (MCP tool calls, gym episodes)',
  curator: 'runs the pipeline: import, graph, domains, environments, tasks, runs, exports; also reviews',
  admin: 'everything, and manages people and settings',
};

/** The least role that may do it. */
export function roleFor(capability: Capability): Role {
  return NEEDS[capability];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, capability: Capability): boolean {
  if (!role) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(NEEDS[capability]);
}
