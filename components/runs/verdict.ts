import type { RolloutStatus } from '@/server/pipeline/rollout/model';
import { ROLLOUT_LABEL } from './format';

type Outcome = { passed: boolean; validity: boolean; stateAligned: boolean; exact: boolean; readOnly: boolean; status: RolloutStatus };

/**
 * Why a trajectory failed verification, in filter order: the filters that failed (exact match only counts
 * for read-only tasks), or that it did not complete.
 */
export function failedBy(t: Outcome): string[] {
  if (t.passed) return [];
  const failed = [!t.validity && 'validity', !t.stateAligned && 'state', !t.exact && t.readOnly && 'exact'].filter((x): x is string => Boolean(x));
  if (t.status !== 'completed') failed.push(ROLLOUT_LABEL[t.status]);
  return failed.length ? failed : ['verdict'];
}
