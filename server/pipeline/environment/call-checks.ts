import type { RowChange, State } from '../kernel/state';
import type { TableSchema, ToolCode } from './model';
import { isEmptyResult, rowMatchingArgs } from './read-match';
import { argumentsProblem, resultProblem } from './tool-schemas';
import { toolIntent } from './verbs';

/**
 * What a call that went through can still do wrong, each as a sentence naming the tool: sent
 * arguments its own parameters reject, a write that left its table alone or did not set the status
 * its verb names (a `block_card` that no longer blocks), a read that found nothing
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

/**
 * A status verb (`block`, `cancel`) whose table has a column that can hold the status it names
 * (`blocked`, `cancelled`): some row must be left in it. Verbs whose status the data names
 * otherwise (`refund` → "refund requested") have no such column, and are not checked.
 */
export function statusCheck(tool: ToolCode, tables: TableSchema[], changes: RowChange[]): string | null {
  const intent = toolIntent(tool);
  if (intent.op !== 'write' || intent.kind !== 'status' || !intent.statusTarget) return null;
  const status = intent.statusTarget;
  const columns = tables.flatMap((t) =>
    Object.entries(t.columns).flatMap(([column, s]) => (Array.isArray(s.enum) && s.enum.includes(status) ? [{ table: t.name, column }] : [])),
  );
  if (!columns.length) return null;
  const leaves = changes.some(
    (c) =>
      c.kind !== 'removed' && columns.some((x) => x.table === c.table && c.after[x.column] === status && (c.kind === 'added' || c.fields.includes(x.column))),
  );
  if (leaves) return null;
  return `${tool.name} did not set ${list(columns.map((x) => `${x.table}.${x.column}`))} to ${status}, as its name says (it changed ${describeChanges(changes)})`;
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
