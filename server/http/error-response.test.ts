import { describe, expect, it, vi } from 'vitest';
import { conflict } from '../kernel/errors';
import { withErrorHandling } from './error-response';
import { idParam } from './params';

describe('routes’ error handling', () => {
  it('answers a user’s mistake with its status and sentence', async () => {
    const route = withErrorHandling('test', async () => {
      throw conflict('The run is still going.');
    });
    const res = await route();
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'The run is still going.' });
  });

  it('refuses a malformed id before the database sees it (36 dashes used to be a 500)', async () => {
    const route = withErrorHandling('test', async (id: string) => Response.json({ id: idParam(id, 'export') }));
    expect((await route('-'.repeat(36))).status).toBe(404);
    expect(await (await route('-'.repeat(36))).json()).toEqual({ error: `No export ${'-'.repeat(36)}.` });
    const id = '0b4c3f5e-8d1a-4c2b-9f3e-2a1b0c9d8e7f';
    expect(await (await route(id)).json()).toEqual({ id });
  });

  it('answers a failure by the id it was logged under, without its text', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await withErrorHandling('export file', async () => {
        throw new Error('relation "exports" does not exist');
      })();
      expect(res.status).toBe(500);
      const { error } = (await res.json()) as { error: string };
      expect(error).toMatch(/^Something failed on the server \(id [0-9a-f]{8}\)/);
      expect(error).not.toMatch(/relation/);
      expect(String(logged.mock.calls[0]![0])).toContain(error.match(/id ([0-9a-f]{8})/)![1]!);
    } finally {
      logged.mockRestore();
    }
  });
});
