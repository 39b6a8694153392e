import type { RouterOutputs } from '../trpc';
import type { Outcome } from '@/server/db/queries/trajectories';
import type { RolloutStatus } from '@/server/pipeline/rollout/model';
import type { RunSettings } from '@/server/pipeline/rollout/settings';

/** A run's counts and its job's status, and a run's trajectories counted by outcome, as the runs router answers them. */
export type RunCounts = RouterOutputs['runs']['get']['counts'];
export type JobStatus = NonNullable<RouterOutputs['runs']['get']['jobStatus']>;
export type OutcomeCounts = NonNullable<RouterOutputs['runs']['trajectories']['counts']>;

/** The three filters, in the order they are applied, then the verdict. */
export const FILTERS = [
  { key: 'validity', label: 'Validity' },
  { key: 'state', label: 'State' },
  { key: 'exact', label: 'Exact' },
  { key: 'passed', label: 'Passed' },
] as const satisfies ReadonlyArray<{ key: keyof RunCounts; label: string }>;

/** The verification outcomes a list filters by (run page tabs, review queue); "failed" is the filters' outcome, not a reviewer's rejection. */
export const OUTCOME_OPTIONS = [
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
  { value: 'validity', label: 'Failed validity' },
  { value: 'state', label: 'Failed state' },
  { value: 'exact', label: 'Failed exact' },
  { value: 'recovered', label: 'Recovered' },
] as const satisfies ReadonlyArray<{ value: Outcome; label: string }>;

export const pct = (n: number, of: number) => (of ? Math.round((100 * n) / of) : 0);

/** "n of done (x%)". */
export const rate = (n: number, done: number) => `${n} of ${done} (${pct(n, done)}%)`;

export const ROLLOUT_COLOR: Record<RolloutStatus, string> = { completed: 'teal', max_turns: 'yellow', error: 'red', failed: 'red' };
/** A rollout's ending; its "failed" (an LLM endpoint kept failing) is named apart from failing verification. */
export const ROLLOUT_LABEL: Record<RolloutStatus, string> = { completed: 'completed', max_turns: 'max turns', error: 'error', failed: 'LLM failed' };

type Policy = RunSettings['agent'];
const policy = (p: Policy, offline: string) => (p.kind === 'offline' ? offline : `${p.model} (t ${p.temperature}${p.baseUrl ? `, ${p.baseUrl}` : ''})`);

/** One line: who plays each role, the noise, and the limits. */
export function settingsSummary(s: RunSettings) {
  const parts = [`agent: ${policy(s.agent, 'oracle')}`, `user: ${policy(s.user, 'scripted')}`];
  if (s.noise.length) {
    // Runs stored before noiseEach existed got every switch at once.
    const each = s.noise.length > 1 ? ((s.noiseEach ?? 'all') === 'one' ? ', one each' : ', all at once') : '';
    parts.push(
      `noise: ${s.noise.join(', ')}${s.noiseRate < 1 ? ` at ${Math.round(s.noiseRate * 100)}%` : ''}${each}${s.noiseSeed === undefined ? '' : ` (seed ${s.noiseSeed})`}`,
    );
  }
  parts.push(`max ${s.maxTurns} turns`, `${s.concurrency} at once`);
  return parts.join(' · ');
}
