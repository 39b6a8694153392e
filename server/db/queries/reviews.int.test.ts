import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../testing/databases';
import { studioPerTest } from '../../testing/test-studio';
import { retailRun } from '../../testing/retail-studio';
import { addTestUser } from '../../testing/users';
import { countReviewQueue, listReviewQueue, reviewHistory, reviewMany, reviewTrajectory } from './reviews';
import { getTrajectory } from './trajectories';

describe.each(TEST_DATABASE_KINDS)('reviews on %s', (kind) => {
  const openStudioForTest = studioPerTest(kind);

  it('keeps every verdict with who and when, filters the queue by status, outcome and text, and bulk-reviews a filtered selection', async () => {
    const { studio, db } = await openStudioForTest();
    const run = await retailRun(db, studio.config, { perDomain: 4, noise: ['malformed_call'], noiseRate: 0.5 });
    const ana = await addTestUser(studio, 'reviewer', 'ana');
    const ben = await addTestUser(studio, 'reviewer', 'ben');

    const all = (await listReviewQueue(db, { runId: run.id })).items;
    expect(all.length).toBe(run.total);
    expect(all.every((i) => i.verdict === null)).toBe(true);
    const [first, second] = all;

    // A rejection needs a reason; nothing is stored otherwise.
    await expect(reviewTrajectory(db, first!.id, { verdict: 'rejected' }, ana)).rejects.toThrow(/a rejection needs a reason/);
    expect(await reviewHistory(db, first!.id)).toEqual([]);

    await reviewTrajectory(db, first!.id, { verdict: 'rejected', reason: 'wrong arguments', comment: 'order id off by one' }, ana);
    await reviewTrajectory(db, first!.id, { verdict: 'accepted' }, ben);
    const history = await reviewHistory(db, first!.id);
    expect(history.map((h) => [h.verdict, h.reviewer, h.reason])).toEqual([
      ['accepted', 'ben', ''],
      ['rejected', 'ana', 'wrong arguments'],
    ]);
    expect(history[0]!.createdAt).toBeInstanceOf(Date);

    expect((await listReviewQueue(db, { runId: run.id, status: 'accepted' })).items.map((i) => i.id)).toEqual([first!.id]);
    expect(await countReviewQueue(db, { runId: run.id, status: 'unreviewed' })).toBe(run.total - 1);

    // Text inside messages finds the trajectory whose conversation holds it, and nothing when no message does.
    const called = (await getTrajectory(db, second!.id))!.trajectory.steps[0]!.name;
    expect((await listReviewQueue(db, { runId: run.id, search: called })).items.map((i) => i.id)).toContain(second!.id);
    expect((await listReviewQueue(db, { runId: run.id, search: 'no message says zqxj' })).items).toEqual([]);

    // Bulk: reject everything that failed validity and is not reviewed yet.
    const failedValidity = await countReviewQueue(db, { runId: run.id, outcome: 'validity', status: 'unreviewed' });
    expect(failedValidity).toBeGreaterThan(0);
    const n = await reviewMany(db, { runId: run.id, outcome: 'validity', status: 'unreviewed' }, { verdict: 'rejected', reason: 'unnecessary calls' }, ana);
    expect(n).toBe(failedValidity);
    expect(await countReviewQueue(db, { runId: run.id, outcome: 'validity', status: 'unreviewed' })).toBe(0);
    // The first one was accepted by its latest verdict; the bulk rejected exactly the others.
    expect(await countReviewQueue(db, { runId: run.id, status: 'rejected' })).toBe(failedValidity);
    expect(await countReviewQueue(db, { runId: run.id, status: 'accepted' })).toBe(1);
  });
});
