import type { RolloutStatus } from '@/server/pipeline/rollout/model';

type Outcome = { passed: boolean; validity: boolean; stateAligned: boolean; exact: boolean; readOnly: boolean; status: RolloutStatus };

/**
 * Why a trajectory was rejected, in filter order: the filters that failed (exact match only counts
 * for read-only tasks), or that it did not complete.
 */
export function rejectedBy(t: Outcome): string[] {
  if (t.passed) return [];
  const failed = [!t.validity && 'validity', !t.stateAligned && 'state', !t.exact && t.readOnly && 'exact'].filter((x): x is string => Boolean(x));
  if (t.status !== 'completed') failed.push(t.status === 'max_turns' ? 'max turns' : t.status);
  return failed.length ? failed : ['verdict'];
}
