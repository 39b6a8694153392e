import { cleanSchema, mainType } from './json-schema';
import type { EnvironmentSchema, TableSchema } from './model';
import type { State } from '../kernel/state';
import { singular } from '../graph/terms';

/**
 * One entity's situation in the state: an anchor row (a user, an account) and the rows linked to
 * it within a few hops (its orders, the orders' products), so that a task's calls all draw their
 * arguments from the same thread of data instead of from unrelated rows. Links are the schema's
 * `references` both ways, and nested fields named as another table's key (`items[].product_id`).
 */

export type RowRef = { table: string; key: string };
/** Table → keys of the thread's rows in it, nearest to the anchor first. */
export type Thread = Map<string, string[]>;

/** Hops from the anchor: its orders (1), their products (2), what points at those (3). */
const HOPS = 3;
/** Rows kept per table: enough for a user's orders, few enough that the thread stays one story. */
const MAX_PER_TABLE = 8;
/** How deep nested fields are looked into. */
const MAX_DEPTH = 4;

type Row = Record<string, unknown>;
const isRecord = (v: unknown): v is Row => !!v && typeof v === 'object' && !Array.isArray(v);
const asKeys = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string' || typeof x === 'number').map(String);

/**
 * Tables a task may be about, best first: roots of the references, which own rows of other tables
 * and are owned by none (a user owns orders: `orders.user_id` points at one user, `users.orders`
 * lists many orders). Without roots (references only in a cycle), every table something owns.
 */
export function anchorTables(schema: EnvironmentSchema): string[] {
  const owners = new Set<string>();
  const owned = new Set<string>();
  for (const t of schema.tables) {
    for (const ref of t.references) {
      if (ref.table === t.name || !schema.tables.some((x) => x.name === ref.table)) continue;
      const many = mainType(cleanSchema(t.columns[ref.column] ?? {})) === 'array';
      const [owner, child] = many ? [t.name, ref.table] : [ref.table, t.name];
      owners.add(owner);
      owned.add(child);
    }
  }
  const roots = schema.tables.filter((t) => owners.has(t.name) && !owned.has(t.name)).map((t) => t.name);
  return roots.length ? roots : schema.tables.filter((t) => owners.has(t.name)).map((t) => t.name);
}

/** A seeded anchor row of one of `tables` that has rows, or null. */
export function pickAnchor(state: State, tables: string[], rng: () => number): RowRef | null {
  const filled = tables.filter((t) => Object.keys(state[t] ?? {}).length > 0);
  if (filled.length === 0) return null;
  const table = filled[Math.floor(rng() * filled.length)]!;
  const keys = Object.keys(state[table]!).sort();
  return { table, key: keys[Math.floor(rng() * keys.length)]! };
}

/** The anchor and the rows linked to it, as the state is now (a row a write created joins the thread). */
export function threadOf(schema: EnvironmentSchema, state: State, anchor: RowRef): Thread {
  const thread: Thread = new Map();
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const add = (table: string, key: string): boolean => {
    if (!state[table]?.[key]) return false;
    const keys = thread.get(table) ?? [];
    if (keys.includes(key) || keys.length >= MAX_PER_TABLE) return false;
    thread.set(table, [...keys, key]);
    return true;
  };
  if (!add(anchor.table, anchor.key)) return thread;
  // Tables a nested field may name by their key's own name (`product_id`); a bare `id` names nothing.
  const byKey = new Map(schema.tables.filter((t) => t.primaryKey !== 'id').map((t) => [t.primaryKey, t.name]));
  let frontier: RowRef[] = [anchor];
  for (let hop = 0; hop < HOPS && frontier.length; hop++) {
    const next: RowRef[] = [];
    const link = (table: string, key: string) => {
      if (add(table, key)) next.push({ table, key });
    };
    for (const at of frontier) {
      const row = state[at.table]?.[at.key];
      const t = tables.get(at.table);
      if (!row || !t) continue;
      // What the row points at.
      for (const ref of t.references) for (const k of asKeys(row[ref.column])) link(ref.table, k);
      nestedKeys(row, byKey, (table, k) => link(table, k));
      // What points at the row.
      for (const other of schema.tables) {
        for (const ref of other.references) {
          if (ref.table !== at.table) continue;
          for (const [k, r] of sortedRows(state, other.name)) if (asKeys(r[ref.column]).includes(at.key)) link(other.name, k);
        }
      }
    }
    frontier = next;
  }
  return thread;
}

function sortedRows(state: State, table: string): Array<[string, Row]> {
  return Object.entries(state[table] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function nestedKeys(row: Row, byKey: Map<string, string>, found: (table: string, key: string) => void): void {
  const walk = (v: unknown, name: string | null, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) v.forEach((x) => walk(x, name, depth + 1));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
    else if (name && depth > 1) {
      const table = byKey.get(name) ?? byKey.get(singular(name));
      if (table) asKeys(v).forEach((k) => found(table, k));
    }
  };
  walk(row, null, 0);
}

/**
 * Values the thread's rows hold under a parameter's name, nearest row first: a field of that name
 * (or its singular, `item_ids` → `item_id`) at any depth, or an `id` inside a collection the name
 * is about (`payment_method_id` → `payment_methods.*.id`). `first` is looked in before the thread.
 */
export function threadValues(param: string, state: State, thread: Thread, first?: Row | null): unknown[] {
  const names = new Set([param, singular(param)]);
  const out: unknown[] = [];
  const seen = new Set<string>();
  const keep = (v: unknown) => {
    const k = JSON.stringify(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  };
  // `path`: the field names above the value, so an `id` knows the collection it sits in.
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) v.forEach((x) => walk(x, path, depth + 1));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
    else if (path.length && (typeof v === 'string' || typeof v === 'number')) {
      const name = path[path.length - 1]!;
      if (names.has(name) || (name === 'id' && path.slice(0, -1).some((p) => names.has(`${singular(p)}_id`)))) keep(v);
    }
  };
  if (first) walk(first, [], 0);
  for (const [table, keys] of thread) for (const key of keys) walk(state[table]?.[key], [], 0);
  return out;
}

/** The thread's rows of one table that still exist, as `rows` of a sampler would take them. */
export function threadRows(state: State, thread: Thread | undefined, table: TableSchema): Record<string, Row> | null {
  const keys = thread?.get(table.name)?.filter((k) => state[table.name]?.[k]);
  if (!keys?.length) return null;
  return Object.fromEntries(keys.map((k) => [k, state[table.name]![k]!]));
}
