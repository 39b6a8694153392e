import type { StepRecord, Trajectory } from '../rollout/model';
import type { GoldCall } from '../tasks/model';
import { signature } from '../verify/exact';
import type { Verdict } from '../verify/model';
import type { FailureKind } from './settings';

/**
 * What an evaluation keeps of one trial: the verdict's filters and what decided it, not the
 * transcript. Evaluation trials are not trajectories: they never enter the review queue nor an
 * export (many of them run on held-out tasks), so they are stored apart and small.
 */

export type TrialRecord = {
  passed: boolean;
  validity: boolean;
  stateAligned: boolean;
  exact: boolean;
  failure: FailureKind | null;
  /** The tool of the first call that went astray (the gold call not made as it should be, or the agent's call beyond them). */
  failedTool: string | null;
  reason: string;
  status: Trajectory['status'];
  calls: number;
  turns: number;
};

export function trialRecord(trajectory: Trajectory, verdict: Verdict, gold: GoldCall[], readOnly: boolean): TrialRecord {
  const failure: FailureKind | null = verdict.passed
    ? null
    : trajectory.status !== 'completed'
      ? 'rollout'
      : !verdict.validity.pass
        ? 'validity'
        : !verdict.state.pass
          ? 'state'
          : readOnly && !verdict.exact.pass
            ? 'exact'
            : 'rollout';
  return {
    passed: verdict.passed,
    validity: verdict.validity.pass,
    stateAligned: verdict.state.pass,
    exact: verdict.exact.pass,
    failure,
    failedTool: failure ? strayTool(trajectory.steps, gold) : null,
    reason: verdict.reason ?? (verdict.passed ? 'passed' : 'failed'),
    status: trajectory.status,
    calls: trajectory.steps.length,
    turns: trajectory.turns,
  };
}

/**
 * The first gold call that the successful calls do not match (the one the agent got wrong or left
 * out), or the first extra call when every gold call was made; null when they all match (the
 * failure lies elsewhere: validity, a rollout that broke off).
 */
export function strayTool(steps: readonly StepRecord[], gold: readonly GoldCall[]): string | null {
  const made = steps.filter((s) => s.ok);
  for (let i = 0; i < Math.max(made.length, gold.length); i++) {
    const want = gold[i];
    const got = made[i];
    if (want && got && signature(want.name, want.arguments) === signature(got.name, got.arguments ?? {})) continue;
    return want?.name ?? got?.name ?? null;
  }
  return null;
}

/** One stored trial as a breakdown reads it. */
export type FailedTrial = { passed: boolean; failure: FailureKind | null; failedTool: string | null; domainName: string };

/** Failed trials counted by what failed them, by tool and by domain, most first. */
export function failureBreakdown(trials: readonly FailedTrial[]) {
  const count = (keys: Array<string | null>) => {
    const m = new Map<string, number>();
    for (const k of keys) if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].map(([name, n]) => ({ name, trials: n })).sort((a, b) => b.trials - a.trials || a.name.localeCompare(b.name));
  };
  const failed = trials.filter((t) => !t.passed);
  return {
    failed: failed.length,
    byFilter: count(failed.map((t) => t.failure ?? 'rollout')),
    byTool: count(failed.map((t) => t.failedTool)),
    byDomain: count(failed.map((t) => t.domainName)),
  };
}
