import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { randomUUID } from 'node:crypto';
import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { contextAs } from '../testing/users';
import { appRouter } from './root';
import type { Context } from './trpc';

/** A tRPC call over HTTP as the browser makes it (the route's own handler), answering status and message. */
async function call(ctx: Context, kind: 'query' | 'mutation', path: string, input: unknown) {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req =
    kind === 'query'
      ? new Request(`http://studio.test/api/trpc/${path}?input=${encoded}`)
      : new Request(`http://studio.test/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(superjson.serialize(input)),
        });
  const res = await fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: () => ctx });
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string } } } };
  return { status: res.status, message: body.error?.json.message ?? '', code: body.error?.json.data.code };
}

describe.each(TEST_DATABASE_KINDS)('one error model over tRPC on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close().catch(() => {});
    await t?.cleanup();
    studio = undefined;
    t = undefined;
  });

  it('answers a user’s mistake with its status and sentence, invalid input in words, and a failure by its id alone', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    const ctx = await contextAs(studio, 'admin');

    // Not found, from a router and from deep in a stage (it used to be a 400 there).
    const missing = randomUUID();
    expect(await call(ctx, 'query', 'collections.get', { id: missing })).toMatchObject({ status: 404, code: 'NOT_FOUND', message: `No collection ${missing}` });
    const verdict = await call(ctx, 'mutation', 'reviews.review', { trajectoryId: missing, verdict: { verdict: 'accepted' } });
    expect(verdict).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(verdict.message).toMatch(/^No trajectory /);

    // Invalid input: a sentence naming the field, not zod's JSON.
    const long = await call(ctx, 'mutation', 'domains.rename', { id: missing, name: 'x'.repeat(500) });
    expect(long).toMatchObject({ status: 400, code: 'BAD_REQUEST', message: 'Invalid request: name must be at most 120 characters.' });
    const badId = await call(ctx, 'query', 'collections.get', { id: 'not-an-id' });
    expect(badId).toMatchObject({ status: 400, message: 'Invalid request: id must be a UUID.' });

    // A value JSON cannot hold, as superjson carries it (a BigInt in a tool's parameters): refused,
    // naming the tool, instead of failing when the version is stored.
    const tool = { toolId: 't1', name: 'book_train', op: 'write', parameters: { type: 'object', maximum: 10n }, code: '(db, args) => null' };
    const bigint = await call(ctx, 'mutation', 'environments.save', {
      domainId: missing,
      parentId: null,
      message: '',
      content: { schema: { tables: [] }, tools: [tool] },
    });
    expect(bigint.status).toBe(400);
    expect(bigint.message).toMatch(/^Invalid request: content\.tools\.0: tool book_train holds a value that is not plain JSON \(.*BigInt/);

    // The studio's own failure (here: its database closed under it): logged under an id, and only
    // that id reaches the browser, never the driver's or the SQL's words.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await studio.database.close();
      const failed = await call(ctx, 'query', 'collections.list', undefined);
      expect(failed.status).toBe(500);
      expect(failed.message).toMatch(/^Something failed on the server \(id [0-9a-f]{8}\); its log has the details\.$/);
      const id = failed.message.match(/id ([0-9a-f]{8})/)![1]!;
      expect(logged.mock.calls.some((args) => String(args[0]).includes(id) && String(args[0]).includes('collections.list'))).toBe(true);
    } finally {
      logged.mockRestore();
    }
  });
});
