import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getJob } from '../db/queries/jobs';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, waitFor, type TestDatabase } from '../testing/databases';
import type { SelfcheckResult } from './selfcheck';

describe.each(TEST_DATABASE_KINDS)('jobs on %s', (kind) => {
  let t: TestDatabase;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
    await t?.cleanup();
  });

  const job = (id: string) => getJob(studio!.database.db, id);

  it('runs a job to completion, reporting progress on the way', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 1 });
    const queued = await studio.jobs.enqueue('selfcheck', { probes: 40, probeIntervalMs: 25 });
    expect(queued.status).toBe('queued');

    const seen = new Set<number>();
    const done = await waitFor('completion', async () => {
      const j = await job(queued.id);
      if (j?.status === 'running') seen.add(Math.round(j.progress));
      return j?.status === 'completed' && j;
    });
    expect(done.progress).toBe(100);
    expect(done.attempts).toBe(1);
    // Progress was observed part way, not only at the end.
    expect([...seen].some((p) => p > 0 && p < 100)).toBe(true);
    const result = done.result as SelfcheckResult;
    expect(result.checks.map((c) => c.name)).toEqual(['database', 'migrations', 'storage', 'monaco', 'llm endpoint']);
    expect(result.checks.find((c) => c.name === 'database')!.detail).toMatch(new RegExp(`^${kind}: PostgreSQL`));
    expect(result.latencyMs.p50).toBeLessThanOrEqual(result.latencyMs.max);
  });

  it('cancels a running job at its next progress report', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 1 });
    const queued = await studio.jobs.enqueue('selfcheck', { probes: 2000, probeIntervalMs: 20 });
    await waitFor('the job to be running', async () => {
      const j = await job(queued.id);
      return j?.status === 'running' && j.progress > 20;
    });
    await studio.jobs.cancel(queued.id);
    const ended = await waitFor('cancellation', async () => {
      const j = await job(queued.id);
      return j?.status === 'cancelled' && j;
    });
    expect(ended.progress).toBeLessThan(100);
    expect(ended.result).toBeNull();
  });

  it('cancels a queued job before any worker takes it', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    const queued = await studio.jobs.enqueue('selfcheck', {});
    const cancelled = await studio.jobs.cancel(queued.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelRequested: true, attempts: 0 });
  });

  it('shows the error of a job that fails, without retrying it', async () => {
    // A port that was open a moment ago and is now closed: the LLM check is refused.
    const server = http.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));

    t = await createTestDatabase(kind, { STUDIO_LLM_BASE_URL: `http://127.0.0.1:${port}/v1` }, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 1 });
    const queued = await studio.jobs.enqueue('selfcheck', { probes: 1 });
    const failed = await waitFor('failure', async () => {
      const j = await job(queued.id);
      return j?.status === 'failed' && j;
    });
    expect(failed.error).toMatch(/^Self-check found problems: llm endpoint: fetch failed/);
    expect(failed.error).toContain('ECONNREFUSED');
    expect(failed.attempts).toBe(1);
  });

  it('rejects invalid input before queueing anything', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    await expect(studio.jobs.enqueue('selfcheck', { probes: 0 })).rejects.toThrow(/probes/);
  });
});

describe.each(TEST_DATABASE_KINDS)('abandoned jobs on %s', (kind) => {
  it('are closed as failed once the queue no longer holds them', async () => {
    const t = await createTestDatabase(kind, {}, { migrated: true });
    const studio = await openStudio({ config: t.config, workers: 0 });
    try {
      const kept = await studio.jobs.enqueue('selfcheck', {});
      const lost = await studio.jobs.enqueue('selfcheck', {});
      // As if pg-boss had dropped the job after its last retry: only the studio's record remains.
      await studio.database.db.execute(sql`delete from pgboss.job where id = ${lost.id}`);
      expect(await studio.jobs.reconcile(0)).toBe(1);
      expect(await getJob(studio.database.db, lost.id)).toMatchObject({ status: 'failed', error: 'The job disappeared from the queue' });
      expect(await getJob(studio.database.db, kept.id)).toMatchObject({ status: 'queued' });
    } finally {
      await studio.close();
      await t.cleanup();
    }
  });
});
