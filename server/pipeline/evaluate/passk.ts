import { seededRandom } from '../kernel/random';

/**
 * pass^k as τ-bench defines it: the chance that k i.i.d. trials of a task all pass, averaged over
 * tasks. From n trials of a task of which c passed, the unbiased estimate is C(c, k) / C(n, k)
 * (drawing k of the n trials without replacement, all of them passing); it needs n ≥ k, so a task
 * with fewer trials is left out of pass^k for that k. pass^1 is the plain pass rate.
 *
 * Confidence intervals: a percentile bootstrap over tasks (tasks drawn with replacement, the mean
 * of their estimates taken again, `resamples` times, from a seeded generator, so the same outcomes
 * give the same interval). Tasks are the unit because trials of one task are not independent of
 * each other in what they measure (a hard task fails every trial), and the spread of per-task
 * estimates already carries the trials' own noise. A normal approximation was set aside: pass^k
 * of a good agent sits near 1 and of a bad one near 0, where it gives intervals past [0, 1].
 */

/** One task's trials: how many ran and how many passed. */
export type TaskTrials = { n: number; c: number };

/** C(c, k) / C(n, k) as a product of ratios (no factorials, so no overflow); 0 when c < k. Needs 0 ≤ c ≤ n and 1 ≤ k ≤ n. */
export function passHatK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || c < 0 || c > n || k < 1 || k > n)
    throw new RangeError(`pass^k needs whole numbers with 0 ≤ c ≤ n and 1 ≤ k ≤ n (got n=${n}, c=${c}, k=${k})`);
  let p = 1;
  for (let i = 0; i < k; i++) {
    if (c - i <= 0) return 0;
    p *= (c - i) / (n - i);
  }
  return p;
}

/** An estimate with its 95% interval; `tasks` is how many tasks it averages (those with n ≥ k). */
export type Estimate = { value: number; low: number; high: number; tasks: number };

export type PassKOptions = {
  /** Bootstrap resamples for the intervals (0: the interval is the value itself). */
  resamples?: number;
  seed?: number;
  /** Two-sided coverage of the interval. */
  level?: number;
};

const DEFAULTS = { resamples: 1000, seed: 1, level: 0.95 };

/** pass^k for k = 1..maxK over tasks, each with its interval; a k no task has enough trials for is left out. */
export function passKCurve(tasks: readonly TaskTrials[], maxK: number, options: PassKOptions = {}): Record<string, Estimate> {
  const { resamples, seed, level } = { ...DEFAULTS, ...options };
  const out: Record<string, Estimate> = {};
  for (let k = 1; k <= maxK; k++) {
    const values = tasks.filter((t) => t.n >= k).map((t) => passHatK(t.n, t.c, k));
    if (values.length === 0) continue;
    const value = mean(values);
    const [low, high] = resamples > 0 ? bootstrapInterval(values, resamples, seededRandom(seed * 7919 + k), level) : [value, value];
    out[String(k)] = { value, low: Math.min(low, value), high: Math.max(high, value), tasks: values.length };
  }
  return out;
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** The percentile interval of the mean over resamples of `values` drawn with replacement. */
function bootstrapInterval(values: readonly number[], resamples: number, random: () => number, level: number): [number, number] {
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(random() * n)]!;
    means[b] = s / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return [at(tail), at(1 - tail)];
}

/** One trial as the summary reads it. */
export type TrialOutcome = { taskId: string; domainId: string | null; domainName: string; passed: boolean };

export type PassKSummary = {
  tasks: number;
  trials: number;
  /** Trials that passed, over all trials (the pass rate the trials show, which pass^1 averages per task). */
  passed: number;
  passk: Record<string, Estimate>;
};

export type EvaluationSummary = PassKSummary & {
  /** Per domain, keyed by domain id (by `name:<name>` for a domain that is gone). */
  domains: Record<string, PassKSummary & { id: string | null; name: string }>;
};

/** Groups trials by task and gives pass^k for k = 1..maxK over all tasks and per domain. */
export function summariseTrials(trials: readonly TrialOutcome[], maxK: number, options: PassKOptions = {}): EvaluationSummary {
  const byTask = new Map<string, { key: string; n: number; c: number }>();
  const domainNames = new Map<string, { id: string | null; name: string }>();
  for (const t of trials) {
    const key = t.domainId ?? `name:${t.domainName}`;
    domainNames.set(key, { id: t.domainId, name: t.domainName });
    const task = byTask.get(t.taskId) ?? { key, n: 0, c: 0 };
    task.n++;
    if (t.passed) task.c++;
    byTask.set(t.taskId, task);
  }
  const summary = (tasks: Array<{ n: number; c: number }>): PassKSummary => ({
    tasks: tasks.length,
    trials: tasks.reduce((s, t) => s + t.n, 0),
    passed: tasks.reduce((s, t) => s + t.c, 0),
    passk: passKCurve(tasks, maxK, options),
  });
  const all = [...byTask.values()];
  const domains: EvaluationSummary['domains'] = {};
  for (const [key, d] of [...domainNames].sort((a, b) => a[1].name.localeCompare(b[1].name))) {
    domains[key] = { ...d, ...summary(all.filter((t) => t.key === key)) };
  }
  return { ...summary(all), domains };
}
