import { describe, expect, it } from 'vitest';
import { createRunFor, runRollouts } from '../../stages/rollout';
import type { Studio } from '../../studio';
import { TEST_DATABASE_KINDS } from '../../testing/databases';
import { studioPerTest } from '../../testing/test-studio';
import { retailTasks } from '../../testing/retail-studio';
import { getRun } from './runs';
import { listTrajectories, OUTCOMES, type TrajectoryListInput } from './trajectories';

/** Every row a filter selects, page by page as the run page scrolls. */
async function allRows(db: Studio['database']['db'], input: TrajectoryListInput) {
  const rows = [];
  let cursor: number | null = null;
  do {
    const page = await listTrajectories(db, { ...input, cursor, limit: 7 });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

describe.each(TEST_DATABASE_KINDS)('the run page’s outcome counts on %s', (kind) => {
  const openStudioForTest = studioPerTest(kind);

  it('count exactly the rows each outcome tab shows, during a run and after it', async () => {
    const { studio, db } = await openStudioForTest();
    await retailTasks(db, studio.config, 4);
    const run = await createRunFor(db, studio.config, {
      settings: { noise: ['wrong_argument', 'malformed_call'], noiseRate: 0.5, noiseSeed: 2, concurrency: 4 },
    });

    // While rollouts are still being stored, the first page and its counts are one reading.
    const seen: Array<{ all: number; rows: number }> = [];
    await runRollouts(db, studio.config, run.id, async () => {
      const page = await listTrajectories(db, { runId: run.id, limit: 500 });
      seen.push({ all: page.counts!.all, rows: page.items.length });
    });
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) expect(s.all).toBe(s.rows);

    const first = await listTrajectories(db, { runId: run.id, limit: 7 });
    const counts = first.counts!;
    expect(counts.all).toBe(run.total);
    expect((await getRun(db, run.id))!.counts.done).toBe(counts.all);
    expect(counts.failed).toBeGreaterThan(0);
    expect(counts.passed + counts.failed).toBe(counts.all);
    for (const outcome of OUTCOMES) expect((await allRows(db, { runId: run.id, outcome })).length, outcome).toBe(counts[outcome]);
    expect((await allRows(db, { runId: run.id })).length).toBe(counts.all);
    // Later pages carry rows only: the counts came with the first.
    expect((await listTrajectories(db, { runId: run.id, limit: 7, cursor: first.nextCursor })).counts).toBeNull();
    // A link from before the outcome was called "failed" still filters the same rows.
    expect((await listTrajectories(db, { runId: run.id, outcome: 'rejected' as never, limit: 500 })).items.length).toBe(counts.failed);
  });
});
