import { afterEach, describe, expect, it } from 'vitest';
import { getJob } from '../db/queries/jobs';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, waitFor, type TestDatabase } from '../testing/databases';
import { startStudioProcess } from '../testing/processes';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!onPostgres)('a worker killed in the middle of a job (Postgres)', () => {
  let t: TestDatabase;
  let studio: Studio | undefined;
  const children: Array<ReturnType<typeof startStudioProcess>> = [];
  afterEach(async () => {
    children.splice(0).forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
    await studio?.close();
    await t?.cleanup();
  });

  it('leaves the job to be retried and finished by another worker', async () => {
    t = await createTestDatabase('postgres', { STUDIO_JOB_MONITOR_SECONDS: '1' });
    // This process only enqueues and watches; the work happens in the worker processes.
    studio = await openStudio({ config: t.config, workers: 0 });
    const queued = await studio.jobs.enqueue('selfcheck', { probes: 150, probeIntervalMs: 40 });
    const job = () => getJob(studio!.database.db, queued.id);

    const first = startStudioProcess('server/worker.ts', [], t.env);
    children.push(first);
    await waitFor('the first worker to be half-way', async () => {
      const j = await job();
      return j?.worker?.endsWith(`:${first.pid}`) && j.progress > 40;
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const abandoned = await job();
    expect(abandoned).toMatchObject({ status: 'running', attempts: 1 });

    const second = startStudioProcess('server/worker.ts', [], t.env);
    children.push(second);
    const done = await waitFor(
      'the second worker to finish the job',
      async () => {
        const j = await job();
        return j?.status === 'completed' && j;
      },
      90_000,
    );
    expect(done.worker).toMatch(new RegExp(`:${second.pid}$`));
    expect(done.attempts).toBe(2);
    expect(done.progress).toBe(100);
    expect(done.result).toMatchObject({ ok: true });
  });
});

describe('npm run worker', () => {
  it('refuses to run on the embedded database', async () => {
    const pglite = await createTestDatabase('pglite');
    try {
      const child = startStudioProcess('server/worker.ts', [], pglite.env);
      const code = await new Promise((r) => child.on('exit', r));
      expect(code).toBe(2);
      expect(child.output().stderr).toMatch(/npm run worker needs DATABASE_URL/);
    } finally {
      await pglite.cleanup();
    }
  });
});
