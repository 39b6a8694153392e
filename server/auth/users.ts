import { z } from 'zod';
import { asc, count, eq } from 'drizzle-orm';
import { ROLES, roleSchema, type Role } from '../../lib/auth/roles';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { studioSecrets, users } from '../db/schema';
import { conflict, invalid, notFound, UserError } from '../kernel/errors';
import { MIN_PASSWORD_LENGTH, studioAuth } from './auth';
import type { SessionUser } from './session';

export const newUserInput = z.object({
  email: z.email('must be an email address').trim().toLowerCase().max(254),
  name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  role: roleSchema,
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
});
export type NewUser = z.input<typeof newUserInput>;

export const firstAdminInput = newUserInput.omit({ role: true });

type Parts = { db: Db; config: StudioConfig };

const userColumns = { id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt };

/** Everyone who can sign in, oldest first (a studio has tens of people, not thousands: one page). */
export async function listUsers(db: Db) {
  const rows = await db.select(userColumns).from(users).orderBy(asc(users.createdAt), asc(users.email)).limit(1000);
  return rows.map((r) => ({ ...r, role: roleSchema.catch('viewer').parse(r.role) }));
}

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) > 0;
}

/** Adds a person who signs in with email and password; a second account on one email is refused. */
export async function addUser({ db, config }: Parts, raw: NewUser): Promise<SessionUser> {
  const input = newUserInput.parse(raw);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (taken) throw conflict(`${input.email} already has an account.`);
  const auth = await studioAuth(db, config);
  // No headers: a call from the server itself, which the admin plugin trusts (the caller checked the role).
  const { user } = await auth.api.createUser({
    body: { email: input.email, password: input.password, name: input.name ?? input.email.split('@')[0]!, role: input.role },
  });
  return { id: user.id, email: user.email, name: user.name, role: input.role };
}

const FIRST_ADMIN = 'first-admin';

/**
 * The first visitor of an empty studio makes the admin account. Only once: a marker row is claimed
 * first, so that two people submitting the form at once cannot both become admin.
 */
export async function createFirstAdmin(parts: Parts, raw: z.input<typeof firstAdminInput>): Promise<SessionUser> {
  const input = firstAdminInput.parse(raw);
  const refused = () => conflict('This studio already has an admin: sign in, or ask them for an account.');
  if (await hasUsers(parts.db)) throw refused();
  const claimed = await parts.db.insert(studioSecrets).values({ key: FIRST_ADMIN, value: input.email }).onConflictDoNothing().returning();
  if (claimed.length === 0) throw refused();
  try {
    return await addUser(parts, { ...input, role: 'admin' });
  } catch (e) {
    await parts.db.delete(studioSecrets).where(eq(studioSecrets.key, FIRST_ADMIN));
    throw e;
  }
}

async function adminCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  return Number(row?.n ?? 0);
}

async function existing(db: Db, id: string) {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  if (!row) throw notFound(`No account ${id}: it may have been removed.`);
  return row;
}

/** Changes a person's role; the studio always keeps at least one admin. Takes effect at their next request. */
export async function setUserRole({ db }: Parts, id: string, role: Role) {
  if (!ROLES.includes(role)) throw invalid(`Unknown role "${role}": one of ${ROLES.join(', ')}.`);
  const user = await existing(db, id);
  if (user.role === 'admin' && role !== 'admin' && (await adminCount(db)) <= 1) throw lastAdmin();
  await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
  return { ...user, role };
}

/** Removes an account and signs it out everywhere; its verdicts stay, under the name they were given with. */
export async function removeUser({ db }: Parts, id: string, by: SessionUser) {
  if (id === by.id) throw invalid('You cannot remove your own account: ask another admin.');
  const user = await existing(db, id);
  if (user.role === 'admin' && (await adminCount(db)) <= 1) throw lastAdmin();
  await db.delete(users).where(eq(users.id, id));
  return user;
}

/** Sets a new password for someone and ends their sessions. */
export async function setUserPassword({ db, config }: Parts, id: string, password: string) {
  const parsed = newUserInput.shape.password.safeParse(password);
  if (!parsed.success) throw invalid(`The password ${parsed.error.issues[0]!.message}.`);
  await existing(db, id);
  const auth = await studioAuth(db, config);
  const ctx = await auth.$context;
  await ctx.internalAdapter.updatePassword(id, await ctx.password.hash(parsed.data));
  await ctx.internalAdapter.deleteUserSessions(id);
}

const lastAdmin = () => new UserError('conflict', 'The studio needs at least one admin: make someone else admin first.');
