import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { randomUUID } from 'node:crypto';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { GET as exportFile } from '@/app/api/exports/[id]/file/route';
import { GET as environmentFile } from '@/app/api/environments/[versionId]/file/route';
import { POST as domainData } from '@/app/api/domains/[domainId]/data/route';
import { studioAuth } from '../auth/auth';
import type { Studio } from '../studio';
import { TEST_DATABASE_KINDS } from '../testing/databases';
import { serveStudioToRoutes } from '../testing/route-studio';
import { ORIGIN, signIn, signedInAs } from '../testing/sign-in';
import { studioPerTest } from '../testing/test-studio';
import { TEST_PASSWORD } from '../testing/users';
import { createContext } from './context';
import { appRouter } from './root';

type Answer = { status: number; code?: string; message: string; data?: unknown };

/** A tRPC call over HTTP as the browser makes it, with the session cookie the browser would send. */
async function call(studio: Studio, cookie: string | null, kind: 'query' | 'mutation', path: string, input?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
  const body = JSON.stringify(superjson.serialize(input));
  const req =
    kind === 'query'
      ? new Request(`${ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers })
      : new Request(`${ORIGIN}/api/trpc/${path}`, { method: 'POST', headers, body });
  const res = await fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: () => createContext(studio, req) });
  const json = (await res.json()) as { result?: { data: unknown }; error?: { json: { message: string; data: { code: string } } } };
  return {
    status: res.status,
    code: json.error?.json.data.code,
    message: json.error?.json.message ?? '',
    data: json.result ? superjson.deserialize(json.result.data as never) : undefined,
  };
}

const params = <K extends string>(key: K, id: string) => ({ params: Promise.resolve({ [key]: id } as Record<K, string>) });

describe.each(TEST_DATABASE_KINDS)('roles over tRPC and the file routes on %s', (kind) => {
  const openStudio = studioPerTest(kind);

  it('the first visitor creates the admin once; nobody signed in gets 401 everywhere but the status', async () => {
    const { studio } = await openStudio({ migrated: true });
    expect((await call(studio, null, 'query', 'account.status')).data).toEqual({ needsSetup: true, user: null });
    const made = await call(studio, null, 'mutation', 'account.setup', { email: 'Lead@Studio.test', name: 'Lead', password: 'long enough pass' });
    expect(made.status).toBe(200);
    expect(made.data).toMatchObject({ email: 'lead@studio.test', role: 'admin' });
    // A second visitor cannot become admin too.
    const again = await call(studio, null, 'mutation', 'account.setup', { email: 'other@studio.test', password: 'long enough pass' });
    expect(again).toMatchObject({ status: 409, code: 'CONFLICT', message: 'This studio already has an admin: sign in, or ask them for an account.' });

    const cookie = await signIn(studio, 'lead@studio.test', 'long enough pass');
    expect((await call(studio, cookie, 'query', 'account.status')).data).toMatchObject({
      needsSetup: false,
      user: { email: 'lead@studio.test', name: 'Lead', role: 'admin' },
    });

    for (const [k, path] of [
      ['query', 'collections.list'],
      ['query', 'reviews.count'],
      ['mutation', 'graph.build'],
      ['query', 'users.list'],
    ] as const) {
      const answer = await call(studio, null, k, path, k === 'query' && path === 'reviews.count' ? {} : undefined);
      expect(answer, path).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: 'Sign in to use the studio: your session is missing or has expired.' });
    }
    const served = serveStudioToRoutes(studio);
    try {
      const id = randomUUID();
      expect((await exportFile(new Request(`${ORIGIN}/api/exports/${id}/file`), params('id', id))).status).toBe(401);
      expect((await environmentFile(new Request(`${ORIGIN}/api/environments/${id}/file`), params('versionId', id))).status).toBe(401);
      // Signed in, the same download is looked up (and is not there): past the check.
      expect((await exportFile(new Request(`${ORIGIN}/api/exports/${id}/file`, { headers: { cookie } }), params('id', id))).status).toBe(404);
    } finally {
      served.release();
    }
  });

  it('viewers read, reviewers also give verdicts, curators also run the pipeline, admins also manage people', async () => {
    const { studio } = await openStudio({ migrated: true });
    const viewer = await signedInAs(studio, 'viewer');
    const reviewer = await signedInAs(studio, 'reviewer');
    const curator = await signedInAs(studio, 'curator');
    const admin = await signedInAs(studio, 'admin');
    const missing = randomUUID();
    const verdict = { trajectoryId: missing, verdict: { verdict: 'accepted' } };

    // Reading: everyone.
    for (const who of [viewer, reviewer, curator, admin]) expect((await call(studio, who.cookie, 'query', 'collections.list')).status).toBe(200);

    // A verdict: not a viewer (403, before the trajectory is even looked up); a reviewer gets past the check (404: no such trajectory).
    expect(await call(studio, viewer.cookie, 'mutation', 'reviews.review', verdict)).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Your role (viewer) cannot review trajectories: that needs reviewer or above. Ask an admin.',
    });
    expect(await call(studio, reviewer.cookie, 'mutation', 'reviews.review', verdict)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await call(studio, curator.cookie, 'mutation', 'reviews.review', verdict)).toMatchObject({ status: 404 });

    // Importing and building: curators and admins only.
    const importInput = { uploadIds: [missing] };
    for (const who of [viewer, reviewer]) {
      expect(await call(studio, who.cookie, 'mutation', 'collections.import', importInput)).toMatchObject({
        status: 403,
        message: expect.stringMatching(/cannot change the pipeline/),
      });
    }
    expect((await call(studio, curator.cookie, 'mutation', 'collections.import', importInput)).status).toBe(200);

    // People: admins only.
    const newcomer = { email: 'new@studio.test', role: 'reviewer', password: 'long enough pass' };
    expect(await call(studio, curator.cookie, 'mutation', 'users.add', newcomer)).toMatchObject({
      status: 403,
      message: 'Your role (curator) cannot manage people and settings: that needs admin or above. Ask an admin.',
    });
    expect(await call(studio, admin.cookie, 'mutation', 'users.add', newcomer)).toMatchObject({
      status: 200,
      data: { email: 'new@studio.test', role: 'reviewer' },
    });
    expect(await call(studio, admin.cookie, 'mutation', 'users.add', newcomer)).toMatchObject({
      status: 409,
      message: 'new@studio.test already has an account.',
    });
    const people = (await call(studio, admin.cookie, 'query', 'users.list')).data as Array<{ email: string; role: string }>;
    expect(people.map((p) => p.role).sort()).toEqual(['admin', 'curator', 'reviewer', 'reviewer', 'viewer']);

    // The file routes follow the same roles: a viewer may download, not upload a domain's data.
    const served = serveStudioToRoutes(studio);
    try {
      const post = (cookie: string) =>
        domainData(
          new Request(`${ORIGIN}/api/domains/${missing}/data`, {
            method: 'POST',
            headers: { cookie, host: '127.0.0.1:3000', 'content-type': 'application/json' },
            body: '{}',
          }),
          params('domainId', missing),
        );
      const refused = await post(viewer.cookie);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatch(/^Your role \(viewer\) cannot change the pipeline/);
      expect(
        (await exportFile(new Request(`${ORIGIN}/api/exports/${missing}/file`, { headers: { cookie: viewer.cookie } }), params('id', missing))).status,
      ).toBe(404);
    } finally {
      served.release();
    }
  });

  it('signs in from the studio’s own page whatever URL the server sees, and refuses a sign-in posted from another site', async () => {
    const { studio } = await openStudio({ migrated: true });
    const { user } = await signedInAs(studio, 'viewer');
    const auth = await studioAuth(studio.database.db, studio.config);
    // A browser that already holds a cookie of the studio (so Better Auth checks the origin).
    const { cookie } = await signedInAs(studio, 'viewer');
    const post = (origin: string) =>
      auth.handler(
        // Next builds the request URL from its own listen address, which need not be the host the browser used.
        new Request('http://localhost:3000/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', origin, cookie },
          body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
        }),
      );
    expect((await post('http://127.0.0.1:3000')).status).toBe(200);
    const evil = await post('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.getSetCookie()).toEqual([]);
  });

  it('a role change holds at the next request; a removed account and a signed-out session are refused', async () => {
    const { studio } = await openStudio({ migrated: true });
    const admin = await signedInAs(studio, 'admin');
    const ana = await signedInAs(studio, 'reviewer');
    const verdict = { trajectoryId: randomUUID(), verdict: { verdict: 'accepted' } };
    expect((await call(studio, ana.cookie, 'mutation', 'reviews.review', verdict)).status).toBe(404);

    expect((await call(studio, admin.cookie, 'mutation', 'users.setRole', { id: ana.user.id, role: 'viewer' })).status).toBe(200);
    expect((await call(studio, ana.cookie, 'mutation', 'reviews.review', verdict)).status).toBe(403);

    // The last admin stays admin, and cannot remove themselves.
    expect(await call(studio, admin.cookie, 'mutation', 'users.setRole', { id: admin.user.id, role: 'curator' })).toMatchObject({
      status: 409,
      message: 'The studio needs at least one admin: make someone else admin first.',
    });
    expect(await call(studio, admin.cookie, 'mutation', 'users.remove', { id: admin.user.id })).toMatchObject({ status: 400 });

    expect((await call(studio, admin.cookie, 'mutation', 'users.remove', { id: ana.user.id })).status).toBe(200);
    expect((await call(studio, ana.cookie, 'query', 'collections.list')).status).toBe(401);
    await expect(signIn(studio, ana.user.email)).rejects.toThrow(/answered 401/);

    // Sign-out ends the session on the server, not only in the browser.
    const auth = await studioAuth(studio.database.db, studio.config);
    const out = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, {
        method: 'POST',
        headers: { cookie: admin.cookie, origin: ORIGIN, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(out.status).toBe(200);
    expect((await call(studio, admin.cookie, 'query', 'collections.list')).status).toBe(401);
  });
});
