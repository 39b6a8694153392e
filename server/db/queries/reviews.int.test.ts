import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../testing/databases';
import { studioPerTest } from '../../testing/test-studio';
import { retailRun } from '../../testing/retail-studio';
import { addTestUser } from '../../testing/users';
import { assignReviews, countReviewQueue, listReviewQueue, reviewAgreement, reviewHistory, reviewMany, reviewSelection, reviewTrajectory } from './reviews';
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

    // Two reviewers disagree: both verdicts are kept, the trajectory is disputed (and not exported as accepted).
    await reviewTrajectory(db, first!.id, { verdict: 'rejected', reason: 'wrong arguments', comment: 'order id off by one' }, ana);
    await reviewTrajectory(db, first!.id, { verdict: 'accepted' }, ben);
    const history = await reviewHistory(db, first!.id);
    expect(history.map((h) => [h.verdict, h.reviewer, h.reviewerId, h.reason])).toEqual([
      ['accepted', 'ben', ben.id, ''],
      ['rejected', 'ana', ana.id, 'wrong arguments'],
    ]);
    expect(history[0]!.createdAt).toBeInstanceOf(Date);
    let item = (await listReviewQueue(db, { runId: run.id, status: 'disputed' })).items;
    expect(item.map((i) => i.id)).toEqual([first!.id]);
    expect(item[0]!.verdicts.map((v) => [v.reviewer, v.verdict])).toEqual([
      ['ana', 'rejected'],
      ['ben', 'accepted'],
    ]);
    expect(await reviewAgreement(db, { runId: run.id })).toEqual({ reviewed: 1, multiReviewed: 1, agreed: 0, rate: 0 });

    // Ana looked at it before Ben's verdict: her change of mind on that stale view is a conflict, nothing stored.
    const staleSeq = history[1]!.seq;
    await expect(reviewTrajectory(db, first!.id, { verdict: 'accepted', expectedSeq: staleSeq }, ana)).rejects.toMatchObject({
      code: 'conflict',
      message: 'ben accepted this trajectory while you were looking at it: see their verdict, then give yours again.',
    });
    expect(await reviewHistory(db, first!.id)).toHaveLength(2);
    // Seeing Ben's verdict, she agrees: her latest verdict replaces her earlier one, and the two agree.
    await reviewTrajectory(db, first!.id, { verdict: 'accepted', expectedSeq: history[0]!.seq }, ana);
    item = (await listReviewQueue(db, { runId: run.id, status: 'accepted' })).items;
    expect(item.map((i) => i.id)).toEqual([first!.id]);
    expect(item[0]!.verdicts.map((v) => v.verdict)).toEqual(['accepted', 'accepted']);
    expect(await reviewAgreement(db, { runId: run.id })).toEqual({ reviewed: 1, multiReviewed: 1, agreed: 1, rate: 1 });
    expect(await countReviewQueue(db, { runId: run.id, status: 'unreviewed' })).toBe(run.total - 1);
    // "Not reviewed by me": Ana's queue leaves out what she judged; a third reviewer's does not.
    const cy = await addTestUser(studio, 'reviewer', 'cy');
    expect(await countReviewQueue(db, { runId: run.id, scope: 'todo' }, ana.id)).toBe(run.total - 1);
    expect(await countReviewQueue(db, { runId: run.id, scope: 'todo' }, cy.id)).toBe(run.total);

    // Text inside messages finds the trajectory whose conversation holds it, and nothing when no message does.
    const called = (await getTrajectory(db, second!.id))!.trajectory.steps[0]!.name;
    expect((await listReviewQueue(db, { runId: run.id, search: called })).items.map((i) => i.id)).toContain(second!.id);
    expect((await listReviewQueue(db, { runId: run.id, search: 'no message says zqxj' })).items).toEqual([]);

    // Bulk: reject everything that failed validity and is not reviewed yet. Ana's confirmation
    // showed the selection; Ben judges one of them meanwhile, so what she confirmed is stale.
    const failed = { runId: run.id, outcome: 'validity' as const, status: 'unreviewed' as const };
    const failedValidity = await countReviewQueue(db, failed);
    expect(failedValidity).toBeGreaterThan(1);
    const seen = await reviewSelection(db, failed, ana.id);
    expect(seen.count).toBe(failedValidity);
    const [oneFailed] = (await listReviewQueue(db, failed)).items;
    await reviewTrajectory(db, oneFailed!.id, { verdict: 'rejected', reason: 'wrong arguments' }, ben);
    const reject = { verdict: 'rejected' as const, reason: 'unnecessary calls' };
    await expect(reviewMany(db, failed, reject, ana, seen)).rejects.toMatchObject({
      code: 'conflict',
      message: `The selection changed while you were looking at it: it now holds ${failedValidity - 1} trajectories, not ${failedValidity}. Look again, then confirm.`,
    });
    expect(await countReviewQueue(db, failed)).toBe(failedValidity - 1);
    // Over every status the count stays, but a newer verdict on one of them makes the view stale as well.
    const anyStatus = { runId: run.id, outcome: 'validity' as const };
    const before = await reviewSelection(db, anyStatus, ana.id);
    await reviewTrajectory(db, oneFailed!.id, { verdict: 'rejected', reason: 'unnecessary calls' }, cy);
    await expect(reviewMany(db, anyStatus, reject, ana, before)).rejects.toThrow(/Someone gave a verdict on a trajectory in this selection/);
    expect(await reviewHistory(db, oneFailed!.id)).toHaveLength(2);
    // Looking again, she confirms what is there now.
    const n = await reviewMany(db, failed, reject, ana, await reviewSelection(db, failed, ana.id));
    expect(n).toBe(failedValidity - 1);
    expect(await countReviewQueue(db, { runId: run.id, outcome: 'validity', status: 'unreviewed' })).toBe(0);
    // The first one is accepted by both its reviewers; Ben, Cy and the bulk rejected exactly the others.
    expect(await countReviewQueue(db, { runId: run.id, status: 'rejected' })).toBe(failedValidity);
    expect(await countReviewQueue(db, { runId: run.id, status: 'accepted' })).toBe(1);
  });

  it('splits a filtered queue among reviewers, each trajectory to as many as asked, and shows each their share', async () => {
    const { studio, db } = await openStudioForTest();
    const run = await retailRun(db, studio.config, { perDomain: 3 });
    const lead = await addTestUser(studio, 'curator', 'lead');
    const ana = await addTestUser(studio, 'reviewer', 'ana');
    const ben = await addTestUser(studio, 'reviewer', 'ben');
    const cy = await addTestUser(studio, 'reviewer', 'cy');
    const viewer = await addTestUser(studio, 'viewer', 'vic');

    await expect(assignReviews(db, { filter: { runId: run.id }, reviewerIds: [ana.id, viewer.id] }, lead)).rejects.toThrow(/cannot review/);
    await expect(assignReviews(db, { filter: { runId: run.id }, reviewerIds: [ana.id], perTrajectory: 2 }, lead)).rejects.toThrow(
      /cannot go to 2 reviewers when 1 are chosen/,
    );

    const out = await assignReviews(db, { filter: { runId: run.id }, reviewerIds: [ana.id, ben.id, cy.id], perTrajectory: 2 }, lead);
    expect(out.trajectories).toBe(run.total);
    expect(out.assignments).toBe(2 * run.total);
    const shares = [ana, ben, cy].map((r) => out.perReviewer[r.id]!);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(2 * run.total);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    for (const r of [ana, ben, cy]) {
      const mine = (await listReviewQueue(db, { runId: run.id, scope: 'assigned', limit: 500 }, r.id)).items;
      expect(mine.length).toBe(out.perReviewer[r.id]);
      expect(mine.every((i) => i.assignedToMe)).toBe(true);
    }
    // Each trajectory went to two different reviewers.
    const ids = (await listReviewQueue(db, { runId: run.id, limit: 500 })).items.map((i) => i.id);
    const holders = await Promise.all(
      ids.map(
        async (id) =>
          (
            await Promise.all(
              [ana, ben, cy].map(async (r) =>
                (await listReviewQueue(db, { runId: run.id, scope: 'assigned', limit: 500 }, r.id)).items.some((i) => i.id === id),
              ),
            )
          ).filter(Boolean).length,
      ),
    );
    expect(holders.every((h) => h === 2)).toBe(true);
    // Assigning again adds nothing already there.
    expect((await assignReviews(db, { filter: { runId: run.id }, reviewerIds: [ana.id, ben.id, cy.id], perTrajectory: 2 }, lead)).assignments).toBe(0);
  });
});
