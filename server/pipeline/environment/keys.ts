import { numberRange } from './bounds';
import { tableEntity } from './columns';
import { DIGIT_FORMATS, mainType } from './json-schema';
import type { TableSchema } from './model';
import { matchesPattern } from './pattern';

/**
 * How a table's primary keys look, shared by the seeder and the generated `create` code so that new
 * rows continue the seeded sequence: numbers (1, 2, …) for numeric keys, UUIDs where the key says
 * so, strings of digits where the API says the id is one (Discord's snowflakes: `format: snowflake`,
 * `int64` as a string, a pattern of digits or hex), else the entity and a counter (`order_1`). A key
 * column with a pattern gets the first style whose keys match it, so seeded ids fit every tool
 * that takes them.
 */
export type KeyStyle = 'number' | 'uuid' | 'digits' | 'prefixed';

type KeyTable = Pick<TableSchema, 'name' | 'primaryKey' | 'columns'>;

/** Digits in a digit key: as long as a snowflake, unless the pattern wants another length. */
const SNOWFLAKE_DIGITS = 19;

const uuidKey = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/**
 * `11` then n - 1 padded: no leading zero, so `^(0|[1-9][0-9]*)$` holds, sorted like n, and at 19
 * digits a real-looking snowflake (1100000000000000000 is from 2023), past 2^53 as real ones are.
 */
const digitKey = (n: number, length: number) => `11${String(n - 1).padStart(length - 2, '0')}`;

export function keyStyle(table: Pick<TableSchema, 'primaryKey' | 'columns'>): KeyStyle {
  const schema = table.columns[table.primaryKey] ?? {};
  const type = mainType(schema);
  if (type === 'number' || type === 'integer') return 'number';
  const description = typeof schema.description === 'string' ? schema.description : '';
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : null;
  if (pattern) {
    // The pattern decides: the first style whose keys it accepts, early and late in the sequence.
    const fits = (key: (n: number) => string) => [1, 20, 999].every((n) => matchesPattern(key(n), pattern));
    if (fits((n) => digitKey(n, digitLength(table)))) return 'digits';
    if (fits(uuidKey)) return 'uuid';
    return 'prefixed';
  }
  if (schema.format === 'uuid' || /uuid|guid/i.test(table.primaryKey) || /\b(uuid|guid)\b/i.test(description)) return 'uuid';
  if (typeof schema.format === 'string' && DIGIT_FORMATS.has(schema.format)) return 'digits';
  return 'prefixed';
}

/** How many digits a digit key has: a fixed length the pattern or bounds ask for, else a snowflake's. */
export function digitLength(table: Pick<TableSchema, 'primaryKey' | 'columns'>): number {
  const schema = table.columns[table.primaryKey] ?? {};
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : null;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const candidates = [SNOWFLAKE_DIGITS, ...Array.from({ length: 64 }, (_, i) => i + 4)];
  return (
    candidates.find((len) => len >= min && len <= max && (!pattern || [1, 999].every((n) => matchesPattern(digitKey(n, len), pattern)))) ?? SNOWFLAKE_DIGITS
  );
}

export const keyPrefix = (table: Pick<TableSchema, 'name'>) => `${tableEntity(table.name)}_`;

/** The n-th key (n from 1) in the table's style; UUIDs and digit keys are counters too, so they stay deterministic. */
export function nthKey(table: KeyTable, n: number): string | number {
  const style = keyStyle(table);
  if (style === 'number') return numberStart(table) + n - 1;
  if (style === 'uuid') return uuidKey(n);
  if (style === 'digits') return digitKey(n, digitLength(table));
  return `${keyPrefix(table)}${n}`;
}

/** The first numeric key: 1, or the key's `minimum` when it is higher (an answer id from 1 to 10). */
function numberStart(table: Pick<TableSchema, 'primaryKey' | 'columns'>): number {
  const { lo } = numberRange(table.columns[table.primaryKey] ?? {}, true);
  return Number.isFinite(lo) && lo > 1 ? lo : 1;
}

/** How many distinct keys the key column allows (Infinity unless a numeric key has a `maximum`). */
export function keyCapacity(table: Pick<TableSchema, 'primaryKey' | 'columns'>): number {
  if (keyStyle(table) !== 'number') return Infinity;
  const { hi } = numberRange(table.columns[table.primaryKey] ?? {}, true);
  return Number.isFinite(hi) ? Math.max(0, hi - numberStart(table) + 1) : Infinity;
}
