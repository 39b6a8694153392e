import { withinBounds } from '../arg-bounds';
import { fakeValue, seededFaker } from '../fake-values';
import { cleanSchema, mainType, type JsonSchema } from '../json-schema';
import type { State } from '../../kernel/state';
import type { Sampled, SampleIntent } from '../sample-args';

/**
 * Arguments taken from a user's own data, the way a person acting on it would pick them: one
 * anchor row (an invoice, a customer) chosen per attempt, then every other argument from that row,
 * from the rows it points at (its customer, that customer's cards), and only then from anywhere
 * in the data. Names are matched loosely: `item_ids` takes `item_id`s, `new_item_ids` takes them
 * from elsewhere than the anchor, `first_name` finds `name.first_name`. Rows whose values repeat
 * words of the tool's name come first (a `draft` invoice for `edit_draft_invoice`), since a tool
 * named for a status is meant for rows in it. What the data cannot give is faked from the schema.
 */

type Parameters = { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
type Row = Record<string, unknown>;
type Place = { table: string; key: string };
type Index = { values: Map<string, Array<{ at: Place; value: unknown }>>; keyTables: Map<string, string[]>; words: Map<string, Place[]> };

/** Occurrences kept per field name: bounds the index on a 50 MB state. */
const MAX_PER_NAME = 5_000;
const isRecord = (v: unknown): v is Row => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const singular = (s: string) =>
  s
    .replace(/ies$/, 'y')
    .replace(/(ses|xes)$/, (m) => m.slice(0, -2))
    .replace(/([^s])s$/, '$1');
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

const indexes = new WeakMap<State, Index>();

function indexOf(state: State): Index {
  const cached = indexes.get(state);
  if (cached) return cached;
  const index: Index = { values: new Map(), keyTables: new Map(), words: new Map() };
  const add = (name: string, at: Place, value: unknown) => {
    const list = index.values.get(name) ?? [];
    if (list.length < MAX_PER_NAME) list.push({ at, value });
    index.values.set(name, list);
  };
  const walk = (node: unknown, at: Place, depth: number) => {
    if (depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, at, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      const name = snake(k);
      if (isScalar(v)) add(name, at, v);
      else if (Array.isArray(v) && v.every(isScalar)) for (const item of v) add(singular(name), at, item);
      else walk(v, at, depth + 1);
    }
  };
  for (const [table, rows] of Object.entries(state)) {
    for (const [key, row] of Object.entries(rows)) {
      const at = { table, key };
      add(`${singular(snake(table))}_id`, at, key);
      (index.keyTables.get(key) ?? index.keyTables.set(key, []).get(key)!).push(table);
      walk(row, at, 0);
      for (const v of Object.values(row)) {
        if (typeof v !== 'string' || v.length > 40) continue;
        const word = v.toLowerCase();
        (index.words.get(word) ?? index.words.set(word, []).get(word)!).push(at);
      }
    }
  }
  indexes.set(state, index);
  return index;
}

/** The names a parameter may go by in the data: itself, singular, without qualifying words in front. */
function namesFor(param: string): string[] {
  const parts = snake(param).split('_');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts.slice(i).join('_');
    if (name === 'id' && i > 0) break;
    out.push(name, singular(name));
  }
  return [...new Set(out)];
}

/** Scalars under any of `names` inside a row, depth first, in document order. */
function valuesIn(row: unknown, names: string[], out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 6 || !row || typeof row !== 'object') return out;
  if (Array.isArray(row)) {
    for (const item of row) valuesIn(item, names, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(row)) {
    const name = snake(k);
    if (names.includes(name) && isScalar(v)) out.push(v);
    else if (names.includes(singular(name)) && Array.isArray(v) && v.every(isScalar)) out.push(...v);
    else if (typeof v === 'object') valuesIn(v, names, out, depth + 1);
    // A dictionary keyed by id: its keys are the values of the id field its entries carry.
    if (isRecord(v) && Object.keys(v).length && Object.values(v).every(isRecord)) {
      const entries = Object.entries(v) as Array<[string, Row]>;
      const keyed = entries.every(([key, e]) => Object.values(e).includes(key));
      const named =
        names.includes(`${singular(name)}_id`) || entries.every(([key, e]) => Object.entries(e).some(([f, x]) => x === key && names.includes(snake(f))));
      if (keyed && named) out.push(...entries.map(([key]) => key));
    }
  }
  return out;
}

function fit(value: unknown, s: JsonSchema): unknown {
  const type = mainType(s);
  if ((type === 'integer' || type === 'number') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'string' && typeof value === 'number') return String(value);
  return value;
}

function accepts(value: unknown, s: JsonSchema): boolean {
  const type = mainType(s);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return false;
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number';
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  return true;
}

export type DataSampleOptions = { seed: number; attempt?: number; intent?: SampleIntent; toolName?: string };

export function sampleFromData(parameters: Parameters, state: State, opts: DataSampleOptions): Sampled {
  const attempt = opts.attempt ?? 0;
  const index = indexOf(state);
  const f = seededFaker((opts.seed * 7919 + attempt * 104729) >>> 0);
  const props = (isRecord(parameters?.properties) ? parameters.properties : {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(parameters?.required) ? parameters.required : []);
  const params = Object.keys(props).filter((p) => required.has(p) || f.datatype.boolean());
  const row = (at: Place) => state[at.table]?.[at.key];
  const writes = opts.intent === 'change' || opts.intent === 'create';

  const anchor = chooseAnchor(params, index, state, opts, attempt);
  const near: Row[] = [];
  if (anchor) {
    near.push(row(anchor.at)!);
    // The rows the anchor points at: an invoice's customer, and through it that customer's cards.
    for (const v of scalarsOf(row(anchor.at)))
      for (const table of index.keyTables.get(String(v)) ?? []) if (table !== anchor.at.table) near.push(state[table]![String(v)]!);
  }

  const args: Record<string, unknown> = {};
  const taken = new Map<string, unknown[]>();
  // A write's descriptive fields (a new address) come from one other row, so they belong together.
  let donor: Row | null = null;
  for (const param of params) {
    const raw = (props[param] ?? {}) as Parameters;
    const s = cleanSchema(raw);
    const names = namesFor(param);
    const isList = mainType(s) === 'array';
    const itemRaw = (isList ? (raw.items ?? {}) : raw) as Parameters;
    const item = cleanSchema(itemRaw);
    const idLike = /(_ids?|Ids?)$/.test(param);
    const usable = (vs: unknown[]) => vs.map((v) => fit(v, item)).filter((v) => accepts(v, item));
    // `new_item_ids` beside `item_ids`: the new ones come from elsewhere than what the row holds.
    const qualified = names.slice(2).some((n) => params.includes(n));
    let values: unknown[] = [];
    if (anchor?.param === param) values = usable([...valuesIn(row(anchor.at), names.slice(0, 2)), anchor.at.key]).slice(0, 1);
    else if (!qualified && (idLike || !writes)) values = usable(near.flatMap((r) => valuesIn(r, names)));
    if (values.length === 0 && writes && !idLike && donor) values = usable(valuesIn(donor, names));
    if (values.length === 0 && mainType(item) === 'object' && isRecord(itemRaw.properties)) {
      // A list of objects (legs with a number and a date): each field from the data by its name.
      const sub = sampleFromData(itemRaw, state, { ...opts, intent: 'read' });
      if (sub.ok) values = [sub.args];
    }
    if (values.length === 0) {
      const avoid = new Set([...taken.values(), near.flatMap((r) => valuesIn(r, names))].flat().map(String));
      const everywhere = names.flatMap((n) => index.values.get(n) ?? []).filter((o) => accepts(fit(o.value, item), item));
      const fresh = everywhere.filter((o) => !avoid.has(String(o.value)));
      const pool = fresh.length ? fresh : everywhere;
      if (pool.length) {
        const pick = pool[(attempt * 7 + f.number.int({ min: 0, max: pool.length - 1 })) % pool.length]!;
        values = [fit(pick.value, item)];
        if (writes && !idLike && !donor) donor = row(pick.at) ?? null;
      }
    }
    if (Array.isArray(item.enum) && values.length === 0) values = [item.enum[(attempt + param.length) % item.enum.length]];
    if (values.length === 0) {
      if (!required.has(param)) continue;
      args[param] = withinBounds(fakeValue(f, param, s), raw, f);
      continue;
    }
    const unique = [...new Set(values.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown);
    if (isList) {
      const sibling = [...taken.entries()].find(([p]) => p !== param && namesFor(p).some((n) => names.includes(n)))?.[1];
      const count = Math.min(unique.length, sibling?.length ?? 1 + (attempt % 2));
      args[param] = unique.slice(0, Math.max(1, count));
    } else args[param] = unique[writes && idLike ? attempt % unique.length : 0];
    taken.set(param, isList ? (args[param] as unknown[]) : [args[param]]);
  }
  return { ok: true, args };
}

function scalarsOf(row: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 4 || !row || typeof row !== 'object') return out;
  for (const v of Array.isArray(row) ? row : Object.values(row)) {
    if (typeof v === 'string' || typeof v === 'number') out.push(v);
    else scalarsOf(v, out, depth + 1);
  }
  return out;
}

/**
 * The row this attempt works on: one a key-like parameter names (an `invoice_id` is an invoice), else
 * one holding the first parameter's value (a user with that first name). Rows repeating a word of
 * the tool's name are tried first; attempts walk through the candidates in a seeded order.
 */
function chooseAnchor(params: string[], index: Index, state: State, opts: DataSampleOptions, attempt: number): { param: string; at: Place } | null {
  const ordered = [...params].sort((a, b) => Number(!/(_id|Id)$/.test(a)) - Number(!/(_id|Id)$/.test(b)));
  for (const param of ordered) {
    const names = namesFor(param).slice(0, 2);
    const places = names.flatMap((n) => index.values.get(n) ?? []).map((o) => o.at);
    if (places.length === 0) continue;
    const unique = [...new Map(places.map((p) => [`${p.table}\0${p.key}`, p])).values()];
    const words = (opts.toolName ?? '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2);
    const favoured = new Set(words.flatMap((w) => index.words.get(w) ?? []).map((p) => `${p.table}\0${p.key}`));
    const preferred = unique.filter((p) => favoured.has(`${p.table}\0${p.key}`));
    const pool = preferred.length ? preferred : unique;
    const shuffled = seededFaker(opts.seed + param.length).helpers.shuffle(pool);
    const pick = shuffled[attempt % shuffled.length]!;
    if (state[pick.table]?.[pick.key]) return { param, at: pick };
  }
  return null;
}
