import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { isRole } from '../../lib/auth/roles';
import type { Db } from '../db/client';
import { apiKeys, users } from '../db/schema';
import { notFound, UserError } from '../kernel/errors';
import type { SessionUser } from './session';

/**
 * API keys for machine clients (MCP clients, trainers): a key acts as the person it was made for,
 * with their role at each request, so changing their role or removing them holds for their keys
 * too. The key is shown once, when made; only its sha-256 is stored, and its first characters
 * (`prefix`) to tell keys apart. Our own small table rather than Better Auth's api-key plugin
 * (@better-auth/api-key): that one is a separate package with a wide table of its own (refills,
 * per-key rate limits on by default, permissions, metadata), none of which the studio needs.
 */

const KEY_PREFIX = 'es_';
/** Characters of a key shown in lists: `es_` and 8 of its random ones. */
const SHOWN = KEY_PREFIX.length + 8;
/** A key's last use is written at most this often (a trainer sends many requests a second). */
const LAST_USED_EVERY_MS = 60_000;

export const newKeyInput = z.object({
  email: z.email('must be an email address').trim().toLowerCase().max(254),
  name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
});

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export type ApiKeyInfo = { id: string; name: string; prefix: string; email: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** Makes a key for the person with this email; the key itself is in the answer and nowhere else. */
export async function addApiKey(db: Db, raw: z.input<typeof newKeyInput>): Promise<{ key: string; id: string; prefix: string; name: string; email: string }> {
  const input = newKeyInput.parse(raw);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (!user) throw notFound(`${input.email} has no account: add it first (users add).`);
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const name = input.name ?? `key ${new Date().toISOString().slice(0, 10)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ userId: user.id, name, prefix: key.slice(0, SHOWN), hash: hashOf(key) })
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
  return { key, id: row!.id, prefix: row!.prefix, name, email: input.email };
}

/** Every key (or one person's), oldest first, without the keys themselves. */
export async function listApiKeys(db: Db, email?: string): Promise<ApiKeyInfo[]> {
  const columns = {
    id: apiKeys.id,
    name: apiKeys.name,
    prefix: apiKeys.prefix,
    email: users.email,
    createdAt: apiKeys.createdAt,
    lastUsedAt: apiKeys.lastUsedAt,
    revokedAt: apiKeys.revokedAt,
  };
  const query = db.select(columns).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId));
  return (email ? query.where(eq(users.email, email.trim().toLowerCase())) : query).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id)).limit(1000);
}

/** Refuses the key from now on (by its id or its shown prefix; `ownerId`: only one of theirs); it stays in the list as revoked. */
export async function revokeApiKey(db: Db, idOrPrefix: string, ownerId?: string): Promise<ApiKeyInfo> {
  const isId = z.uuid().safeParse(idOrPrefix).success;
  const match = and(isId ? eq(apiKeys.id, idOrPrefix) : eq(apiKeys.prefix, idOrPrefix), ownerId ? eq(apiKeys.userId, ownerId) : undefined);
  const found = await db.select({ id: apiKeys.id }).from(apiKeys).where(match).limit(2);
  if (found.length === 0) throw notFound(`No API key ${idOrPrefix}: see keys list.`);
  if (found.length > 1) throw new UserError('conflict', `More than one key starts with ${idOrPrefix}: revoke it by its id (keys list).`);
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, found[0]!.id), isNull(apiKeys.revokedAt)));
  const [info] = (await listApiKeys(db)).filter((k) => k.id === found[0]!.id);
  return info!;
}

const badKey = () =>
  new UserError('unauthorized', 'That API key is not valid: it is unknown, revoked, or its account is gone or banned. Make a new one (cli keys add).');

/**
 * The person behind `Authorization: Bearer <key>`, with their current role; a key that is
 * unknown, revoked or whose account is banned is a 401 sentence (never a silent anonymous request).
 */
export async function apiKeyUser(db: Db, key: string): Promise<SessionUser> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) throw badKey();
  const [row] = await db
    .select({ keyId: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt, id: users.id, email: users.email, name: users.name, role: users.role, banned: users.banned })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.hash, hashOf(key)), isNull(apiKeys.revokedAt)));
  if (!row || row.banned) throw badKey();
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    const stale = new Date(now - LAST_USED_EVERY_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(apiKeys.id, row.keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return { id: row.id, email: row.email, name: row.name, role: isRole(row.role) ? row.role : 'viewer', viaKey: true };
}

/** The key of an `Authorization: Bearer …` header; null when there is no such header. */
export function bearerKey(headers: Headers): string | null {
  const header = headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UserError('unauthorized', 'The Authorization header must be "Bearer <API key>".');
  return match[1]!;
}
