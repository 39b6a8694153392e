import type { RowChange } from '../kernel/state';

export type FilterResult = { pass: boolean; reason: string };

/**
 * The three filters of the paper, in order, each with its reason. `passed` is the verdict:
 * validity and state alignment must pass; exact match decides for read-only tasks and is
 * informative otherwise. A rollout that did not complete never passes.
 */
export type Verdict = {
  validity: FilterResult;
  /** `diff`: final state against gold, when they differ. */
  state: FilterResult & { diff?: RowChange[] };
  exact: FilterResult & { decisive: boolean };
  passed: boolean;
  /** One line: what decided the verdict (the rollout's ending, or the first filter that rejected). */
  reason?: string;
  /** e.g. "recovered": tool errors on the way, gold state reached. */
  tags: string[];
};
