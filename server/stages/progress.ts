import { plural } from '../../lib/text/plural';

/** How a long stage tells its job how far it got. */
export type Progress = (percent: number, message: string) => Promise<void>;

/**
 * A reporter of `done` out of `total` items that writes at each percent, and at least every quarter
 * second: a job row write per item would cost more than the item (a rollout, a trial).
 */
export function throttledProgress(progress: Progress, total: number, noun: string) {
  const step = Math.max(1, Math.floor(total / 100));
  let lastReport = 0;
  let lastDone = -1;
  return async (done: number, force = false) => {
    const now = performance.now();
    if (!force && done - lastDone < step && now - lastReport < 250) return;
    lastReport = now;
    lastDone = done;
    await progress((done / Math.max(1, total)) * 100, `${done} of ${plural(total, noun)}`);
  };
}
