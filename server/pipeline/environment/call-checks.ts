import type { RowChange } from '../state/diff';
import type { State, TableSchema, ToolCode } from './model';
import { isEmptyResult, rowMatchingArgs } from './read-match';
import { argumentsProblem, resultProblem } from './tool-schemas';

/**
 * What a call that went through can still do wrong, each as a sentence naming the tool: sent
 * arguments its own parameters reject, a write that left its table alone, a read that found nothing
 * where a row matches, a result its returns schema rejects. Validation retries on other arguments
 * before failing on any of these, as it does for refusals: a right tool may miss on one row (a
 * listing of open tickets for a customer whose tickets are closed), a wrong one misses on all.
 */

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

const list = (xs: readonly string[]) => (xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

/** Arguments the tool's own parameters reject: a real API would refuse the call before it ran. */
export function argumentsCheck(tool: ToolCode, args: unknown): string | null {
  const problem = argumentsProblem(tool.parameters, args);
  return problem && `${tool.name} was called with arguments its parameters reject: ${problem}`;
}

export function describeChanges(changes: RowChange[]): string {
  const parts = changes.slice(0, 3).map((c) => (c.kind === 'changed' ? `${c.table}.${c.key}.${c.fields.join(',')}` : `${c.table}.${c.key} (${c.kind})`));
  return parts.join(', ') + (changes.length > 3 ? ` and ${changes.length - 3} more` : '');
}

/** A write that changed rows, none of them in the tables its evidence names. */
export function targetCheck(tool: ToolCode, targets: readonly string[], changes: RowChange[]): string | null {
  if (!targets.length || !changes.length || changes.some((c) => targets.includes(c.table))) return null;
  return `${tool.name} changed only ${describeChanges(changes)}, not ${list(targets)}, the table its evidence names`;
}

/** A read that returned nothing although a row of its table matches every argument it was given. */
export function emptyReadCheck(tool: ToolCode, table: TableSchema | null, args: unknown, result: unknown, state: State): string | null {
  if (tool.op !== 'read' || !table || !isEmptyResult(result)) return null;
  const match = rowMatchingArgs(tool.name, tool.parameters, args, table, state);
  if (!match) return null;
  const nothing = Array.isArray(result) ? 'an empty list' : result === null || result === undefined ? 'null' : 'an empty object';
  return `${tool.name} returned nothing (${nothing}) for ${show(args)}, though ${match.table}.${match.key} matches those arguments`;
}

/** A result the tool's returns schema rejects. */
export function returnsCheck(tool: ToolCode, result: unknown): string | null {
  const problem = resultProblem(tool.returns, result);
  return problem && `${tool.name} returned a result its returns schema rejects: ${problem}`;
}
