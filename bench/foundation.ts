import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../server/config';
import { getJob } from '../server/db/queries/jobs';
import { openStudio } from '../server/studio';
import { createTestDatabase } from '../server/testing/databases';
import type { BenchResult } from './report';

/** Start-up of the embedded database (cold: create + migrate; warm: reopen) and job round trips. */
export async function benchFoundation(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-'));
  const results: BenchResult[] = [];
  try {
    const config = readConfig({ STUDIO_DATA_DIR: dir });
    let t0 = performance.now();
    const cold = await openStudio({ config });
    results.push({ name: 'pglite cold open + migrations + queue', value: seconds(t0), unit: 's' });
    await cold.close();

    t0 = performance.now();
    const warm = await openStudio({ config, workers: 2 });
    results.push({ name: 'pglite warm open + queue', value: seconds(t0), unit: 's' });
    results.push(...(await jobRoundTrips(warm, 'pglite')));
    await warm.close();

    // On the test server, a database of its own that is dropped afterwards.
    if (process.env.TEST_DATABASE_URL) {
      const t = await createTestDatabase('postgres');
      const pg = await openStudio({ config: t.config, workers: 2 });
      results.push(...(await jobRoundTrips(pg, 'postgres')));
      await pg.close();
      await t.cleanup();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function jobRoundTrips(studio: Awaited<ReturnType<typeof openStudio>>, label: string): Promise<BenchResult[]> {
  const n = 20;
  const t0 = performance.now();
  const ids = await Promise.all(Array.from({ length: n }, () => studio.jobs.enqueue('selfcheck', { probes: 1, probeIntervalMs: 0 }).then((j) => j.id)));
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const j = await getJob(studio.database.db, id);
      if (j && j.status !== 'queued' && j.status !== 'running') pending.delete(id);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const total = seconds(t0);
  return [
    { name: `${label}: ${n} self-check jobs, enqueue → all finished`, value: total, unit: 's' },
    { name: `${label}: job throughput`, value: Math.round((n / total) * 100) / 100, unit: 'jobs/s' },
  ];
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
