import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins/admin';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { accounts, sessions, users, verifications } from '../db/schema';
import { ROLES } from '../../lib/auth/roles';
import { authSecret } from './secret';

export const MIN_PASSWORD_LENGTH = 8;

/**
 * Better Auth over the studio's own tables: email and password only, no public sign-up (the first
 * admin is made by the first-run form, everyone else by an admin or `cli users add`), sessions in
 * the database so that removing a person or changing their role holds at their next request. The
 * admin plugin brings user management (create, set role, set password, remove) with its own checks;
 * the studio's roles map onto it with only admins holding its permissions.
 */
function createAuth(db: Db, config: StudioConfig, secret: string) {
  const ac = createAccessControl(defaultStatements);
  const noPermissions = ac.newRole({ user: [], session: [] });
  const adminRole = ac.newRole(adminAc.statements);
  return betterAuth({
    appName: 'Environment Studio',
    secret,
    baseURL: config.auth.publicUrl,
    basePath: '/api/auth',
    // A sign-in is accepted from the studio's own pages: the page's origin must be the host the
    // request was sent to (the URL a server sees can name another, e.g. localhost behind -H 127.0.0.1).
    trustedOrigins: (request) => {
      const host = request?.headers.get('host');
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    database: drizzleAdapter(db, { provider: 'pg', schema: { user: users, session: sessions, account: accounts, verification: verifications } }),
    // The origin and CSRF checks hold under tests too (Better Auth turns them off when NODE_ENV is test).
    advanced: { database: { generateId: 'uuid' }, disableOriginCheck: false, disableCSRFCheck: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: 256 },
    session: { expiresIn: config.auth.sessionDays * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    // Requests are limited per address, sign-in attempts to 10 a minute (Better Auth's default of 3 in
    // 10 s trips a team signing in from one office address); the store is the process's memory.
    rateLimit: { enabled: process.env.NODE_ENV === 'production', window: 60, max: 300, customRules: { '/sign-in/email': { window: 60, max: 10 } } },
    telemetry: { enabled: false },
    // Its warnings are for a hosted app (no base URL: the studio takes it from each request, on purpose).
    logger: { level: 'error' },
    plugins: [
      admin({
        defaultRole: 'viewer',
        adminRoles: ['admin'],
        ac,
        roles: Object.fromEntries(ROLES.map((role) => [role, role === 'admin' ? adminRole : noPermissions])),
      }),
    ],
  });
}

export type StudioAuth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Db, Promise<StudioAuth>>();

/** The studio's auth, made once per database handle (tests open many studios in one process). */
export function studioAuth(db: Db, config: StudioConfig): Promise<StudioAuth> {
  let auth = instances.get(db);
  if (!auth) {
    auth = authSecret(db, config.auth.secret).then((secret) => createAuth(db, config, secret));
    instances.set(db, auth);
  }
  return auth;
}
