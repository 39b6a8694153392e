import { describe, expect, it } from 'vitest';
import { GET as environmentFile } from '../../app/api/environments/[versionId]/file/route';
import { GET as trpc } from '../../app/api/trpc/[trpc]/route';
import { createCallerFactory } from '../api/trpc';
import { keysRouter } from '../api/routers/keys';
import { setUserRole } from './users';
import { serveStudioToRoutes } from '../testing/route-studio';
import { studioPerTest } from '../testing/test-studio';
import { addTestUser } from '../testing/users';
import { addApiKey, apiKeyUser, listApiKeys, revokeApiKey } from './api-keys';

const MISSING = '00000000-0000-4000-8000-000000000000';
const fileRequest = (headers: Record<string, string>) =>
  environmentFile(new Request(`http://127.0.0.1:3000/api/environments/${MISSING}/file`, { headers }), { params: Promise.resolve({ versionId: MISSING }) });
const usersRequest = (key: string) => trpc(new Request('http://127.0.0.1:3000/api/trpc/users.list', { headers: { authorization: `Bearer ${key}` } }));

describe('API keys', () => {
  const openStudio = studioPerTest('pglite');

  it('a key made for a person acts as them, with their current role, until it is revoked; only its hash is stored', async () => {
    const { studio, db } = await openStudio({ migrated: true });
    const served = serveStudioToRoutes(studio);
    try {
      const viewer = await addTestUser(studio, 'viewer');
      const made = await addApiKey(db, { email: viewer.email.toUpperCase(), name: 'trainer' });
      expect(made.key.startsWith(made.prefix)).toBe(true);
      expect(await apiKeyUser(db, made.key)).toMatchObject({ id: viewer.id, role: 'viewer' });
      const [listed] = await listApiKeys(db, viewer.email);
      expect(listed).toMatchObject({ id: made.id, name: 'trainer', prefix: made.prefix, email: viewer.email, revokedAt: null });
      expect(listed!.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(await db.execute('select * from api_keys'))).not.toContain(made.key.slice(made.prefix.length));

      // Through the routes: reading is allowed (a missing version is a 404, not a 401); admin work is not, until the role changes.
      expect((await fileRequest({ authorization: `Bearer ${made.key}` })).status).toBe(404);
      const refused = await usersRequest(made.key);
      expect(refused.status).toBe(403);
      await setUserRole({ db, config: studio.config }, viewer.id, 'admin');
      expect((await usersRequest(made.key)).status).toBe(200);

      const revoked = await revokeApiKey(db, made.prefix);
      expect(revoked.revokedAt).not.toBeNull();
      await expect(apiKeyUser(db, made.key)).rejects.toThrow(/not valid/);
      const after = await fileRequest({ authorization: `Bearer ${made.key}` });
      expect(after.status).toBe(401);
      expect((await after.json()).error).toMatch(/^That API key is not valid: .*\.$/);
    } finally {
      served.release();
    }
  });

  it('a bad key or a malformed header is a 401 sentence, on routes and on tRPC alike', async () => {
    const { studio } = await openStudio({ migrated: true });
    const served = serveStudioToRoutes(studio);
    try {
      const bad = await fileRequest({ authorization: 'Bearer es_not-a-key' });
      expect(bad.status).toBe(401);
      expect((await bad.json()).error).toContain('That API key is not valid');
      const malformed = await fileRequest({ authorization: 'Basic abc' });
      expect(malformed.status).toBe(401);
      expect((await malformed.json()).error).toBe('The Authorization header must be "Bearer <API key>".');
      const viaTrpc = await usersRequest('es_not-a-key');
      expect(viaTrpc.status).toBe(401);
      expect(JSON.stringify(await viaTrpc.json())).toContain('That API key is not valid');
      await expect(addApiKey(studio.database.db, { email: 'nobody@studio.test' })).rejects.toThrow(
        'nobody@studio.test has no account: add it first (users add).',
      );
    } finally {
      served.release();
    }
  });

  it('the signed-in person makes and revokes their own keys in the studio, never with a key', async () => {
    const { studio, db } = await openStudio({ migrated: true });
    const callerOf = createCallerFactory(keysRouter);
    const me = await addTestUser(studio, 'viewer');
    const other = await addTestUser(studio, 'viewer');
    const mine = callerOf({ studio, user: me });
    const made = await mine.create({ name: 'laptop' });
    expect(await apiKeyUser(db, made.key)).toMatchObject({ id: me.id, viaKey: true });
    expect((await mine.mine()).map((k) => k.prefix)).toEqual([made.prefix]);
    const theirs = await callerOf({ studio, user: other }).create({});
    await expect(mine.revoke({ id: theirs.id })).rejects.toThrow(/No API key/);
    const withKey = callerOf({ studio, user: await apiKeyUser(db, made.key) });
    await expect(withKey.create({})).rejects.toThrow('Make and revoke API keys from a signed-in session, not with an API key.');
    expect((await mine.revoke({ id: made.id })).revokedAt).not.toBeNull();
  });
});
