import { describe, expect, it } from 'vitest';
import { uploads } from '@/server/db/schema';
import { multipartRequest } from '@/server/testing/multipart-body';
import { serveStudioToRoutes } from '@/server/testing/route-studio';
import { signedInAs } from '@/server/testing/sign-in';
import { studioPerTest } from '@/server/testing/test-studio';
import { POST } from './route';

const MB = 1024 * 1024;
const OPENAPI = JSON.stringify({
  openapi: '3.0.0',
  info: { title: 'Trains', version: '1' },
  paths: { '/trains': { get: { operationId: 'list_trains', responses: { 200: { description: 'ok' } } } } },
});

describe('POST /api/uploads', () => {
  const openStudio = studioPerTest('pglite');

  /** The routes on a fresh studio; `cookie` is a signed-in curator's (uploading is curating). */
  async function withRoutes<T>(
    fn: (count: () => Promise<number>, cookie: string, as: (role: 'reviewer' | 'viewer') => Promise<string>) => Promise<T>,
  ): Promise<T> {
    const { studio, db } = await openStudio({ migrated: true });
    const served = serveStudioToRoutes(studio);
    try {
      const { cookie } = await signedInAs(studio, 'curator');
      return await fn(
        async () => (await db.select({ id: uploads.id }).from(uploads)).length,
        cookie,
        async (role) => (await signedInAs(studio, role)).cookie,
      );
    } finally {
      served.release();
    }
  }

  it('accepts a same-origin upload and previews it', async () => {
    await withRoutes(async (count, cookie) => {
      const res = await POST(
        multipartRequest('http://127.0.0.1:3000/api/uploads', [{ name: 'trains.json', text: OPENAPI }], {
          origin: 'http://127.0.0.1:3000',
          host: '127.0.0.1:3000',
          'sec-fetch-site': 'same-origin',
          cookie,
        }),
      );
      expect(res.status).toBe(200);
      const [preview] = await res.json();
      expect(preview).toMatchObject({ file: 'trains.json', preview: { format: 'openapi', tools: 1 } });
      expect(await count()).toBe(1);
    });
  });

  it('refuses a cross-origin upload with 403 and stores nothing', async () => {
    await withRoutes(async (count) => {
      const attempts: Array<Record<string, string>> = [
        { origin: 'http://evil.example', host: '127.0.0.1:3000' },
        { origin: 'http://evil.example', host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'cross-site', host: '127.0.0.1:3000' },
      ];
      for (const headers of attempts) {
        const res = await POST(multipartRequest('http://127.0.0.1:3000/api/uploads', [{ name: 'trains.json', text: OPENAPI }], headers));
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(/^The studio refused this POST request because it came from another site's page/);
      }
      expect(await count()).toBe(0);
    });
  });

  it('refuses an upload from nobody signed in (401) and from a role that cannot import (403), before reading it', async () => {
    await withRoutes(async (count, _curator, as) => {
      const send = (headers: Record<string, string>) =>
        POST(multipartRequest('http://127.0.0.1:3000/api/uploads', [{ name: 'trains.json', text: OPENAPI }], { host: '127.0.0.1:3000', ...headers }));
      const nobody = await send({});
      expect(nobody.status).toBe(401);
      expect((await nobody.json()).error).toBe('Sign in to use the studio: your session is missing or has expired.');
      const forged = await send({ cookie: 'better-auth.session_token=forged.value' });
      expect(forged.status).toBe(401);
      for (const role of ['viewer', 'reviewer'] as const) {
        const res = await send({ cookie: await as(role) });
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(new RegExp(`^Your role \\(${role}\\) cannot change the pipeline \\(import, graph`));
      }
      expect(await count()).toBe(0);
    });
  });

  it('refuses a 100 MB upload with 413 while it streams and stores nothing', async () => {
    await withRoutes(async (count, cookie) => {
      const idle = process.memoryUsage().rss;
      let peak = idle;
      const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      let res: Response;
      try {
        res = await POST(multipartRequest('http://127.0.0.1:3000/api/uploads', [{ name: 'huge.json', bytes: 100 * MB }], { host: '127.0.0.1:3000', cookie }));
      } finally {
        clearInterval(watch);
      }
      expect(res.status).toBe(413);
      expect((await res.json()).error).toBe('The upload is larger than the 64 MB limit for one file ("huge.json"), so nothing was stored.');
      console.log(`100 MB upload: 413, RSS grew ${((peak - idle) / MB).toFixed(0)} MB at most`);
      expect(peak - idle).toBeLessThan(300 * MB);
      expect(await count()).toBe(0);
    });
  });

  it('answers 400 with a sentence when the body is not a form', async () => {
    await withRoutes(async (_count, cookie) => {
      const res = await POST(
        new Request('http://127.0.0.1:3000/api/uploads', { method: 'POST', headers: { 'content-type': 'text/plain', cookie }, body: 'hello' }),
      );
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('The upload is not multipart/form-data: send one or more "files" as a form.');
    });
  });
});
