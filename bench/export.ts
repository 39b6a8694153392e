import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { runDemo } from '../server/stages/demo';
import { exportToChunks, launchExport, runExport } from '../server/stages/export';
import { openStudio } from '../server/studio';
import { createTestDatabase } from '../server/testing/databases';
import type { BenchResult } from './report';

/** Copies of the demo's run: 50 trajectories each. */
const COPIES = 200;

/**
 * Issue 7: export speed. The demo's trajectories copied into 200 runs (10,000 trajectories on
 * PGlite), then exported as OpenAI JSONL to a file (the CLI) and as ShareGPT into the database (the
 * job the Exports page runs), every unreviewed pass included.
 */
export async function benchExport(): Promise<BenchResult[]> {
  const t = await createTestDatabase('pglite', {}, { asUser: true });
  const studio = await openStudio({ config: t.config, workers: 0 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  try {
    const db = studio.database.db;
    const demo = await runDemo(db, studio.config);
    for (let i = 0; i < COPIES - 1; i++) {
      await db.execute(sql`
        with r as (insert into runs (name, settings, task_ids, total) select name || ${` copy ${i}`}, settings, task_ids, total from runs where id = ${demo.run.id} returning id)
        insert into trajectories (run_id, task_id, environment_version_id, domain_id, domain_name, status, error, messages, steps, final_state, verdict, passed, validity, state_aligned, exact, tags, noise_applied, policies, turns, calls, seed, ms)
        select r.id, task_id, environment_version_id, domain_id, domain_name, status, error, messages, steps, final_state, verdict, passed, validity, state_aligned, exact, tags, noise_applied, policies, turns, calls, seed, ms
        from trajectories, r where run_id = ${demo.run.id}`);
    }
    const trajectories = demo.trajectories * COPIES;

    let started = performance.now();
    const file = await runExport(db, { format: 'openai', source: 'accepted_or_passed', out: path.join(dir, 'general.jsonl') });
    const fileSeconds = (performance.now() - started) / 1000;
    const fileBytes = fs.statSync(file.file).size;

    const { exportId } = await launchExport(db, async () => ({ id: crypto.randomUUID() }), { format: 'sharegpt', source: 'accepted_or_passed' });
    started = performance.now();
    const job = await exportToChunks(db, { exportId }, async () => {});
    const jobSeconds = (performance.now() - started) / 1000;

    return [
      { name: `trajectories in the database (demo × ${COPIES})`, value: trajectories, unit: `trajectories, ${file.records} passed` },
      {
        name: 'OpenAI JSONL to a file (CLI export)',
        value: Number(fileSeconds.toFixed(2)),
        unit: `s, ${Math.round(file.records / fileSeconds)} records/s, ${(fileBytes / 1024 / 1024).toFixed(1)} MB`,
      },
      {
        name: 'ShareGPT into the database (export job)',
        value: Number(jobSeconds.toFixed(2)),
        unit: `s, ${Math.round(job.records / jobSeconds)} records/s, ${(job.bytes / 1024 / 1024).toFixed(1)} MB`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await studio.close();
    await t.cleanup();
  }
}
