import { diffStates, type RowChange, sameJson, type State } from '../kernel/state';
import type { FilterResult } from './model';

/**
 * The paper's second filter: the database the rollout left must be the one the gold calls left,
 * exactly. Any extra write, missing write or wrong value shows as a row difference.
 */
export function checkState(finalState: State | null, gold: State): FilterResult & { diff?: RowChange[] } {
  if (finalState === null) return { pass: false, reason: 'no final state to compare: the sandbox session was lost' };
  if (sameJson(finalState, gold)) return { pass: true, reason: 'the final state equals the gold state' };
  const diff = diffStates(gold, finalState);
  return { pass: false, reason: `the final state differs from the gold state: ${describeDiff(diff)}`, diff };
}

const SHOWN = 3;

function describeDiff(diff: RowChange[]): string {
  // Equal JSON but different text can only be table-level shapes diffStates does not report.
  if (!diff.length) return 'same rows, different table layout';
  const parts = diff.slice(0, SHOWN).map((c) => {
    if (c.kind === 'added') return `${c.table}.${c.key} is extra`;
    if (c.kind === 'removed') return `${c.table}.${c.key} is missing`;
    return `${c.table}.${c.key} differs in ${c.fields.join(', ')}`;
  });
  const more = diff.length > SHOWN ? ` and ${diff.length - SHOWN} more` : '';
  return `${diff.length} row${diff.length === 1 ? '' : 's'} (${parts.join('; ')}${more})`;
}
