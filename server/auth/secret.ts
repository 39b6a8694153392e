import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { studioSecrets } from '../db/schema';

const KEY = 'auth-secret';

/**
 * The key that signs session cookies: the configured one, else one made at the first start and kept
 * in the database, so that restarts keep people signed in and every server on one database agrees.
 */
export async function authSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  await db
    .insert(studioSecrets)
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: studioSecrets.value }).from(studioSecrets).where(eq(studioSecrets.key, KEY));
  return row!.value;
}
