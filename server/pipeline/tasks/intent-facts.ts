import { gluedId, idParam, pluralize } from '../environment/entities';
import type { State } from '../kernel/state';
import { singular } from '../graph/terms';
import { words } from '../kernel/words';
import type { GoldCall } from './model';

/**
 * The facts a user gives a support agent, from a call's arguments: "My name is Ada Lovelace.",
 * "It's order #W123.", "The reason is 'no longer needed'." Labels are the parameter's words in
 * plain English, never the identifier; every value the user knows is said verbatim. Records the
 * user cannot name by id (the agent finds those) are described by what the data says of them:
 * "the Water Bottle (1000ml, glass, blue)".
 */

export type FactCall = Pick<GoldCall, 'name' | 'arguments'> & { result?: unknown; derived?: string[] };
/** One thing the user says; `key` tells repeats apart (the same order number in two calls is said once). */
export type Fact = { key: string; sentence: string };

/** Entities that are the user themself: their id, email or name identifies "my account". */
export const PERSON_WORDS = new Set('user customer client member account profile person patient employee guest passenger owner buyer subscriber'.split(' '));

/** Parts of a postal address given as separate arguments, said as one address. */
const ADDRESS_WORDS = new Set([
  'address',
  'address1',
  'address2',
  'street',
  'city',
  'state',
  'country',
  'zip',
  'zipcode',
  'postcode',
  'postal',
  'province',
  'region',
  'line1',
  'line2',
]);

const FIRST = [['first', 'name'], ['given', 'name'], ['firstname'], ['fname']];
const LAST = [['last', 'name'], ['family', 'name'], ['surname'], ['lastname'], ['lname']];
const endsWith = (ws: string[], tail: string[]) => tail.length <= ws.length && tail.every((w, i) => ws[ws.length - tail.length + i] === w);

/**
 * How a person says a code made of words (`charged_twice`, `basic_economy`): "charged twice". Codes
 * with digits (`credit_card_1`) are names, said as written.
 */
export const spokenCode = (v: string): string => (/^[a-z]+(_[a-z]+)+$/.test(v) ? v.replace(/_/g, ' ') : v);

/** A value as said in a sentence: text verbatim, quoted when it has spaces so its bounds are clear. */
export function sayValue(v: unknown): string {
  if (typeof v === 'string' && spokenCode(v) !== v) return spokenCode(v);
  if (typeof v === 'string') return /\s/.test(v) || v === '' ? `'${v}'` : v;
  // A list of records: "Ada Lovelace, 1990-01-02; Alan Turing, 1985-06-23 and …".
  if (Array.isArray(v)) return v.some((x) => x && typeof x === 'object' && !Array.isArray(x)) ? listing(v.map(sayValue), '; ') : listing(v.map(sayValue));
  if (v && typeof v === 'object') return sayRecord(v as Record<string, unknown>);
  return String(v);
}

/** A record's values in order, a person's first and last name said together ("Ada Lovelace"). */
function sayRecord(row: Record<string, unknown>): string {
  const keys = Object.keys(row).filter((k) => row[k] !== null && row[k] !== undefined && row[k] !== '');
  const first = keys.find((k) => FIRST.some((f) => endsWith(words(k), f)));
  const last = keys.find((k) => LAST.some((f) => endsWith(words(k), f)));
  const name = first && last ? [`${plain(row[first])} ${plain(row[last])}`] : [];
  return [...name, ...keys.filter((k) => !name.length || (k !== first && k !== last)).map((k) => plain(row[k]))].join(', ');
}

/** A value said plainly (names, addresses): no quotes. */
function plain(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return listing(v.map(plain));
  if (v && typeof v === 'object') return sayValue(v);
  return String(v);
}

export function listing(parts: string[], separator = ', '): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(separator)} and ${parts[parts.length - 1]}`;
}

/** An entity in words: `payment_method` → "payment method". */
const entityWords = (entity: string) => entity.split('_').filter(Boolean).join(' ');

/** Words before an id that say which of two records it is (`from_account_id`). */
const QUALIFIERS = new Set(['new', 'old', 'current', 'target', 'source', 'original', 'from', 'to', 'destination', 'origin', 'parent', 'primary', 'secondary']);

/** What a parameter is, in plain words, without id words: `new_item_ids` → "new items". */
function paramLabel(param: string): { label: string; many: boolean; person: boolean; id: boolean } {
  const id = idParam(param);
  if (id?.entity && !id.lookup) {
    const ws = words(param);
    const qualifier = ws.length > 2 && QUALIFIERS.has(ws[0]!) ? `${ws[0]} ` : '';
    const label = entityWords(id.entity);
    return { label: qualifier + (id.many ? entityWords(pluralize(id.entity)) : label), many: id.many, person: PERSON_WORDS.has(id.entity), id: true };
  }
  const ws = words(param);
  // `colisid` said as "colis ID": the glued identifier is how the API writes it, not how a person says it.
  const glued = ws.length === 1 ? gluedId(ws[0]!) : null;
  if (glued) return { label: `${entityWords(glued.entity)} ID${glued.many ? 's' : ''}`, many: glued.many, person: false, id: false };
  return { label: ws.join(' ') || 'value', many: false, person: false, id: !!id };
}

export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The sentences a user says to give a call's known values, and to point at the records they mean. */
export function callFacts(call: FactCall, known: Array<[string, unknown]>, ctx: { state?: State; earlier: FactCall[]; exclude: Set<string> }): Fact[] {
  const facts: Fact[] = [];
  const args = new Map(known);
  const take = (forms: string[][]) => [...args.keys()].find((k) => forms.some((f) => endsWith(words(k), f)));
  const first = take(FIRST);
  const last = take(LAST);
  if (first && last && typeof args.get(first) === 'string' && typeof args.get(last) === 'string') {
    facts.push({ key: `name ${args.get(first)} ${args.get(last)}`, sentence: `My name is ${args.get(first)} ${args.get(last)}.` });
    args.delete(first);
    args.delete(last);
  }
  const place = [...args.keys()].filter(
    (k) => words(k).some((w) => ADDRESS_WORDS.has(w)) && (typeof args.get(k) === 'string' || typeof args.get(k) === 'number'),
  );
  if (place.length >= 3) {
    const values = place.map((k) => String(args.get(k))).filter((v) => v.trim());
    facts.push({ key: `address ${values.join(' ')}`, sentence: `The address is ${values.join(', ')}.` });
    for (const k of place) args.delete(k);
  }
  for (const [param, value] of args) facts.push({ key: `${param} ${JSON.stringify(value)}`, sentence: factSentence(param, value, ctx) });
  for (const param of call.derived ?? []) {
    const said = describeRecords(call.arguments[param], ctx);
    const p = paramLabel(param);
    if (said) facts.push({ key: `about ${said}`, sentence: `The ${p.label} I'm after ${p.many ? 'are' : 'is'} ${said}.` });
  }
  return facts;
}

function factSentence(param: string, value: unknown, ctx: { state?: State; earlier: FactCall[]; exclude: Set<string> }): string {
  const ws = words(param);
  const v = sayValue(value);
  const last = ws[ws.length - 1] ?? '';
  const whose = idParam(param);
  // `attendee_email` is someone else's; `email` and `customer_email` are the user's own.
  const other = whose?.lookup && whose.entity && !PERSON_WORDS.has(whose.entity) ? `The ${entityWords(whose.entity)}'s` : null;
  if (ws.includes('email')) return `${other ?? 'My'} email is ${plain(value)}.`;
  if (ws.includes('zip') || ws.includes('postcode') || (ws.includes('postal') && ws.includes('code'))) return `My zip code is ${plain(value)}.`;
  if (ws.includes('phone')) return `My phone number is ${plain(value)}.`;
  if (last === 'username' || (ws.length === 2 && ws[0] === 'user' && last === 'name')) return `My username is ${plain(value)}.`;
  if (ws.length <= 2 && last === 'name' && (ws.length === 1 || ws[0] === 'full')) return `The name is ${plain(value)}.`;
  if (ws.includes('reason')) return `The reason is ${v}.`;
  const p = paramLabel(param);
  if (p.id) {
    const about = describeRecords(value, ctx);
    const tail = about ? ` (${about})` : '';
    if (p.person && !p.many && !p.label.includes(' ')) return `My ${p.label} ID is ${v}${tail}.`;
    if (/^(from|to) /.test(p.label)) return `It goes ${p.label.replace(/^(from|to) /, (m) => `${m}${p.person ? 'my ' : ''}`)} ${v}${tail}.`;
    if (p.many) return `The ${p.label} are ${v}${tail}.`;
    if (p.label === 'id') return `The ID is ${v}${tail}.`;
    // "product_6" already says it is a product: "It's product product_6" would say it twice.
    const namesItself = words(String(value))[0] === singular(words(p.label).pop() ?? '');
    return namesItself ? `The ${p.label} is ${v}${tail}.` : `It's ${p.label} ${v}${tail}.`;
  }
  if (typeof value === 'boolean') return `${capital(p.label)}: ${value ? 'yes' : 'no'}.`;
  if (value && typeof value === 'object' && !Array.isArray(value)) return `The ${p.label} is ${sayValue(value)}.`;
  // "items" are plural; "status", "address" and "basis" are not.
  const plural = (Array.isArray(value) && value.length > 1) || /[^sui]s$/.test(p.label);
  return `The ${p.label} ${plural ? 'are' : 'is'} ${v}.`;
}

// --- records described by their data ---------------------------------------------------------

type Described = { name: string; attributes: string[] };

/** Per key name: whether it holds an id, and its words (a state repeats a few key names a million times). */
const keyWords = new Map<string, { id: boolean; said: string }>();
function keyInfo(k: string): { id: boolean; said: string } {
  let info = keyWords.get(k);
  if (!info) {
    const ws = words(k);
    info = { id: ws[ws.length - 1] === 'id' || ws[ws.length - 1] === 'ids' || k === 'key' || k === 'uuid', said: ws.join(' ') };
    if (keyWords.size < 10_000) keyWords.set(k, info);
  }
  return info;
}
const ID_KEY = (k: string) => keyInfo(k).id;
const NAME_KEYS = new Set(['name', 'title', 'label']);
/** Attribute values a person would say ("blue", "XL"), not codes, dates or prices. */
const sayable = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 30 && !/\d{4}/.test(v) && !/[@/_]/.test(v);

const indexes = new WeakMap<object, Map<string, Described>>();

/** Every object in a value that carries an id, by that id, with its name (or its parent's) and its sayable attributes. */
function indexValues(roots: unknown[], state?: State): Map<string, Described> {
  const cached = state && indexes.get(state);
  if (cached) return cached;
  const index = new Map<string, Described>();
  const visit = (node: unknown, parentName: string | null, depth: number, ownKey: string | null, field: string | null) => {
    if (depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, parentName, depth + 1, null, field);
      return;
    }
    const row = node as Record<string, unknown>;
    const nameKey = Object.keys(row).find((k) => NAME_KEYS.has(k.toLowerCase()) && sayable(row[k]));
    const name = nameKey ? (row[nameKey] as string) : parentName;
    // Only named things are worth describing ("the Water Bottle"); an order is told by its number.
    if (name) {
      // The row's own id gets its attributes (the blue one); ids it points at get the name alone.
      const own = field ? `${singular(field.toLowerCase())} id` : null;
      for (const [k, v] of Object.entries(row)) {
        if (!ID_KEY(k) || (typeof v !== 'string' && typeof v !== 'number')) continue;
        const primary = k === 'id' || keyInfo(k).said === own;
        if (!index.has(String(v)) || primary) index.set(String(v), { name, attributes: primary ? attributesOf(row) : [] });
      }
      if (ownKey) index.set(ownKey, { name, attributes: attributesOf(row) });
    }
    // Keys of a keyed collection ({"credit_card_1": {...}}) are ids; field names ("address") are not.
    for (const [k, v] of Object.entries(row))
      if (v && typeof v === 'object') visit(v, name, depth + 1, !Array.isArray(v) && /\d/.test(k) ? k : null, /\d/.test(k) ? field : k);
  };
  for (const root of roots) visit(root, null, 0, null, null);
  if (state) for (const [table, rows] of Object.entries(state)) for (const [key, row] of Object.entries(rows)) visit(row, null, 1, key, table);
  if (state) indexes.set(state, index);
  return index;
}

/** The values of an options-like object nested one level down ({color: "blue", size: "M"}). */
function attributesOf(row: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || ID_KEY(k)) continue;
    const values = Object.entries(v as Record<string, unknown>)
      .filter(([kk]) => !ID_KEY(kk))
      .map(([, x]) => x);
    if (values.length && values.length <= 6 && values.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) {
      out.push(...values.filter(sayable));
    }
  }
  return out.slice(0, 4);
}

/** "the Water Bottle (1000ml, glass, blue)" for an id the data describes, or null. */
export function describeRecords(value: unknown, ctx: { state?: State; earlier: FactCall[]; exclude: Set<string> }): string | null {
  const ids = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  if (!ids.length) return null;
  const fromResults = indexValues(ctx.earlier.map((c) => c.result));
  const fromState = ctx.state ? indexValues([], ctx.state) : null;
  const said: string[] = [];
  for (const id of ids) {
    const d = fromResults.get(id) ?? fromState?.get(id);
    if (!d) return null;
    const attributes = d.attributes.filter((a) => !ctx.exclude.has(a.toLowerCase()));
    if (ctx.exclude.has(d.name.toLowerCase())) return null;
    said.push(`the ${d.name}${attributes.length ? ` (${attributes.join(', ')})` : ''}`);
  }
  return listing(said);
}
