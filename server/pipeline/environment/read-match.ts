import { singular } from '../graph/terms';
import { words } from '../kernel/words';
import { metaRole } from '../tools/param-roles';
import { columnName, isKeyParam, tableEntity } from './columns';
import { idParam, nameNouns } from './entities';
import type { TableSchema } from './model';
import type { State } from '../kernel/state';

/**
 * Whether a read's arguments pick out a row of its table, so that returning nothing is wrong: a
 * lookup by an email a customer has must find that customer. Decided only when every filtering
 * argument can be found in the row (its key, a field of the same name at any depth or in a row it
 * references, a word of a free-text query); an argument the row says nothing about (a date range,
 * a flag) leaves the question open, and then nothing is flagged. Paging and transport arguments
 * filter nothing.
 */

export type RowMatch = { table: string; key: string };

type Row = Record<string, unknown>;
type Filter = { param: string; value: unknown; kind: 'key' | 'field' | 'query'; names: string[] };

/** Words that make an argument a bound, not a value to equal (`max_price`, `created_after`). */
const BOUNDS = new Set(
  'min max minimum maximum from to since until before after start end earliest latest lower upper least most over under above below'.split(' '),
);
/** How deep nested fields are looked for (`name.first_name`, `address.zip`). */
const MAX_DEPTH = 4;
/** Rows looked at: enough for any seeded table, bounded on a user's 50 MB state. */
const MAX_ROWS = 20_000;

const isRecord = (v: unknown): v is Row => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const same = (a: unknown, b: unknown) =>
  a === b || ((typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number') && String(a) === String(b));

/** Whether a result is nothing at all: an empty list, an empty object, null. */
export function isEmptyResult(result: unknown): boolean {
  if (result === null || result === undefined) return true;
  if (Array.isArray(result)) return result.length === 0;
  return isRecord(result) && Object.keys(result).length === 0;
}

/** The field names an argument may go by in a row: itself, without the entity's prefix, its lookup word, its trailing words. */
function namesFor(param: string, table: TableSchema): string[] {
  const ws = words(param);
  const out = new Set([param, ws.join('_'), columnName(param, tableEntity(table.name))]);
  const id = idParam(param);
  if (id?.lookup) out.add(id.lookup);
  // `customer_email` finds `email`, `first_name` finds `name.first_name` (kept whole), `zip_code` finds `zip_code`.
  for (let i = 1; i < ws.length; i++) if (!['id', 'ids'].includes(ws.slice(i).join('_'))) out.add(ws.slice(i).join('_'));
  return [...out].flatMap((n) => [n, singular(n)]);
}

/** The values a row holds under the names an argument may go by (`zip` → `address.zip`). */
export function valuesNamed(row: Row, param: string, table: TableSchema): unknown[] {
  return valuesIn(row, new Set(namesFor(param, table)));
}

function filtersOf(args: Row, parameters: Row, table: TableSchema): Filter[] | null {
  const props = isRecord(parameters.properties) ? parameters.properties : {};
  const out: Filter[] = [];
  for (const [param, value] of Object.entries(args)) {
    const meta = metaRole(param);
    if (meta && meta !== 'query') continue;
    if (meta === 'query') {
      if (typeof value !== 'string' || !value.trim()) return null;
      out.push({ param, value, kind: 'query', names: [] });
      continue;
    }
    if (words(param).some((w) => BOUNDS.has(w))) return null;
    const schema = isRecord(props[param]) ? (props[param] as Row) : {};
    const description = typeof schema.description === 'string' ? schema.description : '';
    const key = isKeyParam(param, description, table);
    out.push({ param, value, kind: key ? 'key' : 'field', names: key ? [] : namesFor(param, table) });
  }
  return out;
}

/** Scalars under any of `names` in a row, nested objects and lists included. */
function valuesIn(node: unknown, names: Set<string>, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > MAX_DEPTH || !node || typeof node !== 'object') return out;
  for (const [k, v] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
    const named = typeof k === 'string' && (names.has(k) || names.has(words(k).join('_')));
    if (named && isScalar(v)) out.push(v);
    else if (named && Array.isArray(v) && v.every(isScalar)) out.push(...v);
    else valuesIn(v, names, out, depth + 1);
  }
  return out;
}

function hasText(node: unknown, text: string, depth = 0): boolean {
  if (typeof node === 'string') return node.toLowerCase().includes(text);
  if (depth > MAX_DEPTH || !node || typeof node !== 'object') return false;
  return (Array.isArray(node) ? node : Object.values(node)).some((v) => hasText(v, text, depth + 1));
}

/** The rows a row points at through its table's references (an order's user). */
function referenced(row: Row, table: TableSchema, state: State): Row[] {
  const out: Row[] = [];
  for (const ref of table.references) {
    const v = row[ref.column];
    for (const k of Array.isArray(v) ? v : [v]) {
      const target = (typeof k === 'string' || typeof k === 'number') && state[ref.table]?.[String(k)];
      if (target) out.push(target);
    }
  }
  return out;
}

function satisfies(f: Filter, key: string, row: Row, table: TableSchema, state: State): boolean {
  if (f.kind === 'query') return hasText(row, (f.value as string).toLowerCase());
  const values = Array.isArray(f.value) ? f.value : [f.value];
  if (values.length === 0 || !values.every(isScalar)) return false;
  if (f.kind === 'key') return values.some((v) => same(v, key) || same(v, row[table.primaryKey]));
  const names = new Set(f.names);
  let found = valuesIn(row, names);
  // `user_email` on an orders tool: the email of the user the order points at.
  if (found.length === 0) found = referenced(row, table, state).flatMap((r) => valuesIn(r, names));
  return values.every((v) => found.some((x) => same(x, v)));
}

/**
 * A row of `table` that the arguments pick out, or null when none does or it cannot be told. A
 * status the tool's name carries (`list_open_tickets`) must be one of the row's values too.
 */
export function rowMatchingArgs(toolName: string, parameters: Row, args: unknown, table: TableSchema, state: State): RowMatch | null {
  if (!isRecord(args)) return null;
  const filters = filtersOf(args, parameters, table);
  if (!filters || filters.length === 0) return null;
  const statuses = nameNouns(toolName).statuses;
  let seen = 0;
  for (const [key, row] of Object.entries(state[table.name] ?? {})) {
    if (++seen > MAX_ROWS) break;
    if (statuses.length && !statuses.some((s) => Object.values(row).includes(s))) continue;
    if (filters.every((f) => satisfies(f, key, row, table, state))) return { table: table.name, key };
  }
  return null;
}
