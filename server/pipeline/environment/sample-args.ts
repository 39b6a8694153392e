import { isPlumbing } from '../tools/param-roles';
import { paramRole, tableEntity } from './columns';
import { singular } from '../graph/terms';
import { idParam, tableName } from './entities';
import { withinBounds } from './arg-bounds';
import { fakeValue, seededFaker } from './fake-values';
import { cleanSchema, mainType, type JsonSchema } from './json-schema';
import { nthKey } from './keys';
import { valuesNamed } from './read-match';
import { fitsSchema } from './schema-check';
import { threadRows, threadValues, type Thread } from './thread';
import type { EnvironmentSchema, TableSchema } from './model';
import type { State } from '../kernel/state';

/**
 * Arguments a model could plausibly send: ids of rows that exist (taken from one target row of the
 * tool's table, so an order id and its user id belong together), enum values, values of the right
 * type within the parameter's bounds, every required parameter and about half of the optional ones
 * (never an optional cursor or transport detail: nobody sends `max_id` or `api_key` unasked).
 * Reads and deletes get the target row's own values (nested ones too, and the lookup key of a row
 * it points at: its user's email), so filters and searches find something; other writes get fresh
 * values, so they change something. Attempt n targets the n-th row of a seeded shuffle, so retries
 * walk through different rows (one of them will be the `pending` order a tool insists on). Given a
 * thread (one entity's rows, tasks/walk.ts), rows and keys come from it wherever it has some, so
 * every call of a task is about the same user, their orders, their payment methods.
 */
export type SampleIntent = 'read' | 'create' | 'change' | 'delete';
export type SampleOptions = { seed: number; attempt?: number; table?: string | null; intent?: SampleIntent; thread?: Thread };
export type Sampled = { ok: true; args: Record<string, unknown> } | { ok: false; reason: string };

type Parameters = { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;

export function sampleArgs(parameters: Parameters, state: State, schema: EnvironmentSchema, opts: SampleOptions): Sampled {
  const attempt = opts.attempt ?? 0;
  const intent = opts.intent ?? 'read';
  const f = seededFaker((opts.seed * 7919 + attempt * 104729) >>> 0);
  const props = (parameters?.properties && typeof parameters.properties === 'object' ? parameters.properties : {}) as Record<string, Record<string, unknown>>;
  const required = new Set(Array.isArray(parameters?.required) ? parameters.required : []);
  const table = schema.tables.find((t) => t.name === opts.table) ?? null;
  const picked = table ? targetRow(threadRows(state, opts.thread, table) ?? state[table.name] ?? {}, opts.seed, attempt) : null;
  // A row keyed without carrying its key (τ-bench-style `users[id]`) still has one to send.
  const target = picked && table && !(table.primaryKey in picked.row) ? { ...picked.row, [table.primaryKey]: picked.key } : (picked?.row ?? null);

  const args: Record<string, unknown> = {};
  const skippedColumns: string[] = [];
  for (const [param, raw] of Object.entries(props)) {
    const clean = cleanSchema(raw);
    const isRequired = required.has(param);
    if (!isRequired && isPlumbing(param)) continue;
    const role = table ? paramRole(param, raw ?? {}, table) : ({ role: 'none' } as const);
    if (!isRequired && !f.datatype.boolean()) {
      if (role.role === 'column') skippedColumns.push(param);
      continue;
    }
    let value = sampleOne(param, raw ?? {}, clean, role, { table, target, state, schema, intent, f, attempt, thread: opts.thread });
    // A value the API's own schema refuses (a row's value kept from another tool): a fresh one
    // from the schema, else none (a made-up key names no row: validation then says the tool
    // finds nothing where the API's own ids would be).
    if (value !== NO_VALUE && !fitsSchema(value, raw)) {
      const fresh = fakeValue(f, param, clean, { entity: table ? tableEntity(table.name) : undefined });
      value = fitsSchema(fresh, raw) ? fresh : NO_VALUE;
      if (value === NO_VALUE && isRequired) return { ok: false, reason: `cannot sample ${param} to fit its schema` };
    }
    if (value === NO_VALUE) {
      if (isRequired) return { ok: false, reason: noValueReason(param, raw ?? {}, table, state) };
      continue;
    }
    args[param] = value;
  }
  // A change that sets no column changes nothing: take one optional column the dice left out.
  const setsColumn = table && Object.keys(args).some((p) => paramRole(p, props[p] ?? {}, table).role === 'column');
  if (intent === 'change' && !setsColumn && skippedColumns[0]) {
    const p = skippedColumns[0];
    const role = paramRole(p, props[p] ?? {}, table!);
    const value = sampleOne(p, props[p] ?? {}, cleanSchema(props[p]), role, { table, target, state, schema, intent, f, attempt, thread: opts.thread });
    if (value !== NO_VALUE && fitsSchema(value, props[p])) args[p] = value;
  }
  return { ok: true, args };
}

const NO_VALUE = Symbol('no value');
/** Keys tried for a row that does not exist yet before giving up. */
const FRESH_KEY_TRIES = 1000;

type Ctx = {
  table: TableSchema | null;
  target: Record<string, unknown> | null;
  state: State;
  schema: EnvironmentSchema;
  intent: SampleIntent;
  f: ReturnType<typeof seededFaker>;
  attempt: number;
  thread?: Thread;
};

/**
 * The row attempt n works on: the n-th of a shuffle fixed by the seed, taking the rows' statuses in
 * turn, so that a tool that applies to resolved cases only meets one within as many attempts as
 * there are statuses, however few of the rows are delivered.
 */
function targetRow(rows: Record<string, Record<string, unknown>>, seed: number, attempt: number): { key: string; row: Record<string, unknown> } | null {
  const keys = Object.keys(rows).sort();
  if (keys.length === 0) return null;
  const order = seededFaker(seed).helpers.shuffle(keys);
  const groups = new Map<string, string[]>();
  for (const k of order) {
    const status = rows[k]?.status;
    const g = typeof status === 'string' ? status : '';
    const group = groups.get(g);
    if (group) group.push(k);
    else groups.set(g, [k]);
  }
  const turns = [...groups.values()];
  const group = turns[attempt % turns.length]!;
  const key = group[Math.floor(attempt / turns.length) % group.length]!;
  return rows[key] ? { key, row: rows[key] } : null;
}

/** A key or list of keys in the parameter's type: `[key]` for a list, a number for a numeric id. */
function asParam(keys: Array<string | number>, clean: JsonSchema): unknown {
  const type = mainType(clean);
  const one = (k: string | number, s: JsonSchema) => {
    const t = mainType(s);
    if ((t === 'number' || t === 'integer') && Number.isFinite(Number(k))) return Number(k);
    return t === 'string' ? String(k) : k;
  };
  if (type === 'array') return keys.map((k) => one(k, (clean.items ?? {}) as JsonSchema));
  return one(keys[0]!, clean);
}

/** Existing keys of a table, one or (for a list) one or two; each as its row holds it (a number stays a number). */
function pickKeys(ctx: Ctx, tableName: string, many: boolean): Array<string | number> | null {
  const table = ctx.schema.tables.find((t) => t.name === tableName);
  const rows = (table && threadRows(ctx.state, ctx.thread, table)) ?? ctx.state[tableName] ?? {};
  const pk = table?.primaryKey ?? '';
  const keys = Object.keys(rows)
    .sort()
    .map((k) => (rows[k]?.[pk] ?? k) as string | number);
  if (keys.length === 0) return null;
  return many ? ctx.f.helpers.arrayElements(keys, Math.min(keys.length, ctx.f.number.int({ min: 1, max: 2 }))) : [ctx.f.helpers.arrayElement(keys)];
}

function sampleOne(param: string, raw: Record<string, unknown>, clean: JsonSchema, role: ReturnType<typeof paramRole>, ctx: Ctx): unknown {
  const many = mainType(clean) === 'array';
  const t = ctx.table;
  if (t && role.role === 'key') {
    if (ctx.intent === 'create') {
      // A key for a row that does not exist yet.
      // Bounded: a key style that repeats itself (or a table full of future keys) must not hang
      // the walk; no fresh key then means no value, and the attempt is reported.
      const rows = ctx.state[t.name] ?? {};
      const start = Object.keys(rows).length + 1 + ctx.attempt;
      for (let n = start; n < start + FRESH_KEY_TRIES; n++) if (!(String(nthKey(t, n)) in rows)) return asParam([nthKey(t, n)], clean);
      return NO_VALUE;
    }
    if (!ctx.target) return NO_VALUE;
    return asParam([ctx.target[t.primaryKey] as string | number], clean);
  }
  if (t && role.role === 'column') {
    const ref = t.references.find((r) => r.column === role.column);
    const own = ctx.target?.[role.column];
    const matching = ctx.intent === 'read' || ctx.intent === 'delete';
    if (ref) {
      if (matching && own !== undefined && own !== null) {
        const list = Array.isArray(own) ? own : [own];
        // As the parameter types it: a numeric key stays a number only where the API takes one.
        if (list.length) return asParam(list as Array<string | number>, clean);
      }
      const keys = pickKeys(ctx, ref.table, many);
      return keys ? asParam(keys, clean) : NO_VALUE;
    }
    if (matching && own !== undefined && own !== null && fits(own, clean)) return own;
    const fromRows = rowBacked(param, clean, ctx);
    if (fromRows !== NO_VALUE) return fromRows;
    const usual = categories(ctx.state[t.name], role.column).filter((v) => fits(v, clean));
    if (usual.length) return ctx.f.helpers.arrayElement(usual);
    const column = t.columns[role.column] ?? clean;
    // The parameter's own enum first; else the column's (a status the tool will accept).
    return withinBounds(
      fakeValue(ctx.f, role.column, Array.isArray(clean.enum) || !Array.isArray(column.enum) ? clean : column, { entity: tableEntity(t.name) }),
      raw,
      ctx.f,
    );
  }
  // A field the table keeps nested or under a longer name (`zip` in `address.zip`): a read filters by the target's own.
  if (t && role.role === 'none' && (ctx.intent === 'read' || ctx.intent === 'delete') && ctx.target) {
    const own = valuesNamed(ctx.target, param, t).find((v) => fits(v, clean));
    if (own !== undefined) return own;
  }
  if (t && role.role === 'query' && ctx.intent === 'read' && ctx.target) {
    const text = Object.entries(ctx.target).find(([k, v]) => k !== t.primaryKey && typeof v === 'string' && /[a-z]{3}/i.test(v))?.[1] as string | undefined;
    const word = text?.match(/[A-Za-z]{3,}/)?.[0];
    if (word && mainType(clean) === 'string') return word;
  }
  if (role.role === 'limit' || role.role === 'page' || role.role === 'offset') {
    const n = role.role === 'limit' ? ctx.f.number.int({ min: 1, max: 10 }) : role.role === 'page' ? 1 : 0;
    return mainType(clean) === 'string' ? String(n) : withinBounds(n, raw, ctx.f);
  }
  // An id of some other table: one that exists.
  const id = idParam(param, typeof raw.description === 'string' ? raw.description : '');
  const lookup = id?.lookup ? lookupValue(id.entity!, id.lookup, clean, ctx) : NO_VALUE;
  if (lookup !== NO_VALUE) return lookup;
  const other = id?.entity && !id.lookup ? ctx.schema.tables.find((x) => x.name === tableName(id.entity!)) : undefined;
  if (other) {
    const keys = pickKeys(ctx, other.name, many);
    return keys ? asParam(keys, clean) : NO_VALUE;
  }
  // An id no table keeps (a payment method inside a user), or a value a read filters by: the thread's own.
  if (ctx.thread && (id || ctx.intent === 'read' || ctx.intent === 'delete')) {
    const found = threadValues(param, ctx.state, ctx.thread, ctx.target).filter((v) => fits(v, many ? ((clean.items ?? {}) as JsonSchema) : clean));
    if (found.length) return many ? [found[ctx.attempt % found.length]] : found[ctx.attempt % found.length];
  }
  // The API's own example is the most plausible value there is.
  if (raw.default !== undefined && raw.default !== null && fits(raw.default, clean)) return raw.default;
  const fromRows = rowBacked(param, clean, ctx);
  if (fromRows !== NO_VALUE) return fromRows;
  return withinBounds(fakeValue(ctx.f, param, clean, { entity: t ? tableEntity(t.name) : undefined }), raw, ctx.f);
}

const categoriesOf = new WeakMap<object, Map<string, Array<string | number>>>();

/**
 * The values a column takes in the user's data when they repeat (a station code, a room type, a
 * colour): a few values shared by many rows are the column's categories, and a new row is more
 * plausible with one of them than with a made-up word. Names, emails and ids do not repeat.
 */
function categories(rows: Record<string, Record<string, unknown>> | undefined, column: string): Array<string | number> {
  if (!rows) return [];
  let byColumn = categoriesOf.get(rows);
  if (!byColumn) categoriesOf.set(rows, (byColumn = new Map()));
  const cached = byColumn.get(column);
  if (cached) return cached;
  const values = Object.values(rows)
    .map((r) => r?.[column])
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  const distinct = [...new Set(values)].sort();
  const out = values.length >= 4 && distinct.length <= values.length / 2 ? distinct : [];
  byColumn.set(column, out);
  return out;
}

/**
 * Objects named after a table (`trains: [{train_number, date}]`): the fields a row of that table
 * has come from the row (a train number that exists), the rest are made up as usual.
 */
function rowBacked(param: string, clean: JsonSchema, ctx: Ctx): unknown {
  const many = mainType(clean) === 'array';
  const item = cleanSchema(many ? clean.items : clean);
  const props = item.properties && typeof item.properties === 'object' ? (item.properties as Record<string, unknown>) : null;
  if (mainType(item) !== 'object' || !props) return NO_VALUE;
  const table = ctx.schema.tables.find((t) => t.name === param || t.name === tableName(singular(param)));
  if (!table || table.name === ctx.table?.name) return NO_VALUE;
  // The thread's own rows first (the user's trains); a thread that holds none takes the table's.
  const threaded = threadRows(ctx.state, ctx.thread, table);
  const rows = Object.values(threaded && Object.keys(threaded).length ? threaded : (ctx.state[table.name] ?? {}));
  if (rows.length === 0) return NO_VALUE;
  const make = (row: Record<string, unknown>) => {
    const made = fakeValue(ctx.f, singular(param), item, { entity: tableEntity(table.name) });
    if (!made || typeof made !== 'object' || Array.isArray(made)) return made;
    const out = made as Record<string, unknown>;
    for (const [k, schema] of Object.entries(props)) if (row[k] !== undefined && row[k] !== null && fits(row[k], cleanSchema(schema))) out[k] = row[k];
    return out;
  };
  if (!many) return make(ctx.f.helpers.arrayElement(rows));
  const n = Math.min(rows.length, ctx.f.number.int({ min: 1, max: 2 }));
  return ctx.f.helpers.arrayElements(rows, n).map(make);
}

/**
 * A lookup key of another table (`customer_email` on an orders tool): the value a row of that
 * table has, the row the target points at when it points at one, so a filter finds the target.
 */
function lookupValue(entity: string, column: string, clean: JsonSchema, ctx: Ctx): unknown {
  const other = ctx.schema.tables.find((x) => x.name === tableName(entity));
  if (!other || !(column in other.columns)) return NO_VALUE;
  const rows = ctx.state[other.name] ?? {};
  const ref = ctx.table?.references.find((r) => r.table === other.name);
  const pointed = ref && ctx.target ? ctx.target[ref.column] : undefined;
  const threaded = threadRows(ctx.state, ctx.thread, other);
  const own =
    (typeof pointed === 'string' || typeof pointed === 'number' ? rows[String(pointed)] : undefined) ?? (threaded ? Object.values(threaded)[0] : undefined);
  const keys = pickKeys(ctx, other.name, false);
  const row = own ?? (keys ? rows[String(keys[0])] : undefined);
  const value = row?.[column];
  return value !== undefined && value !== null && fits(value, clean) ? value : NO_VALUE;
}

/** Whether a value has the schema's type (enough to reuse a row's value as an argument). */
function fits(value: unknown, clean: JsonSchema): boolean {
  if (Array.isArray(clean.enum)) return clean.enum.includes(value);
  const type = mainType(clean);
  if (type === 'array') return Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'object') return !!value && typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}

function noValueReason(param: string, raw: Record<string, unknown>, table: TableSchema | null, state: State): string {
  const id = idParam(param, typeof raw.description === 'string' ? raw.description : '');
  const name = table && (!id?.entity || tableName(id.entity) === table.name) ? table.name : id?.entity ? tableName(id.entity) : table?.name;
  const count = name ? Object.keys(state[name] ?? {}).length : 0;
  return `cannot sample ${param}: ${name ? `${name} has ${count} rows to take it from` : 'no table holds it'}`;
}
