import type { EnvironmentContent } from '../environment/model';
import { argumentsProblem } from '../kernel/arguments';
import type { State } from '../kernel/state';
import type { GoldCall } from './model';

/** A row key as an argument gives it. */
export type KeyValue = string | number;
type Value = KeyValue;

/**
 * The call with one row id replaced by an id no row has, or null if it names no row. The arguments
 * must still fit the schema: the refusal has to come from the tool, or validity would reject.
 */
export function missingRowArguments(call: GoldCall, parameters: Record<string, unknown>, keys: KeyIndex): Record<string, unknown> | null {
  for (const [name, value] of Object.entries(call.arguments)) {
    const table = keys.tableOf(name, value);
    if (table === null) continue;
    const args = { ...call.arguments, [name]: keys.missingKey(table, value as Value) };
    if (!argumentsProblem(parameters, args)) return args;
  }
  return null;
}

/** Which table a value is a row key of, over the task's initial and final states. */
export class KeyIndex {
  private readonly tables: Map<string, string[]>;
  private readonly primaryKeys: Map<string, string>;

  constructor(content: Pick<EnvironmentContent, 'schema'>, states: State[]) {
    this.tables = new Map();
    for (const state of states) {
      for (const [table, rows] of Object.entries(state)) {
        const known = this.tables.get(table) ?? [];
        for (const key of Object.keys(rows ?? {})) if (!known.includes(key)) known.push(key);
        this.tables.set(table, known);
      }
    }
    this.primaryKeys = new Map(content.schema.tables.map((t) => [t.primaryKey, t.name]));
  }

  /** The table `value` keys a row of: the one whose primary key is named like the argument, else the first that has it. */
  tableOf(argument: string, value: unknown): string | null {
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    const key = String(value);
    const named = this.primaryKeys.get(argument);
    if (named && this.tables.get(named)?.includes(key)) return named;
    for (const [table, keys] of this.tables) if (keys.includes(key)) return table;
    return null;
  }

  /** Other keys of the table, starting after `value`, in the value's own type. */
  otherKeys(table: string, value: Value): Value[] {
    const keys = this.tables.get(table) ?? [];
    const at = keys.indexOf(String(value));
    const rotated = [...keys.slice(at + 1), ...keys.slice(0, Math.max(at, 0))];
    if (typeof value === 'string') return rotated;
    return rotated.map(Number).filter((n) => Number.isFinite(n));
  }

  /** A key of the same shape that no row has (order_7 → order_21 when there are 20). */
  missingKey(table: string, value: Value): Value {
    const keys = new Set(this.tables.get(table) ?? []);
    // Each loop is bounded by the number of keys: past 2^53 `n++` on a number changes nothing, and
    // a loop waiting for it to would block the walk for good (snowflake-sized ids).
    if (typeof value === 'number') {
      let n = Math.max(value, ...[...keys].map(Number).filter(Number.isFinite)) + 1;
      for (let i = 0; i <= keys.size && keys.has(String(n)); i++) n++;
      return n;
    }
    const digits = /(\d+)$/.exec(value);
    const stem = digits ? value.slice(0, digits.index) : `${value}_`;
    // Digits as a BigInt: a snowflake plus one is another snowflake, not the same float.
    let n = digits ? BigInt(digits[1]!) + 1n : 1n;
    for (let i = 0; i <= keys.size && keys.has(`${stem}${n}`); i++) n++;
    return `${stem}${n}`;
  }
}
