import type { JsonSchema } from '../json-schema';

/**
 * A JSON Schema learned from values: every row of a column is observed once, and the schema says
 * what all of them have in common, so the data it was learned from always fits it. Objects whose
 * keys are data rather than names (`payment_methods` keyed by card id, `dates` keyed by day) become
 * dictionaries; strings with a handful of values repeated across many rows become enums; dates,
 * times and emails get their format.
 */

/** At most this many distinct strings make an enum, and each must repeat (see enumOf). */
const ENUM_MAX = 16;
/** Distinct strings kept per path while observing; past this the path is free text. */
const DISTINCT_CAP = 64;

type Observation = {
  count: number;
  types: Set<string>;
  strings: Map<string, number> | null;
  stringCount: number;
  formats: Set<string> | null;
  min: number;
  max: number;
  props: Map<string, Observation>;
  /** Objects observed, and how many keys they had in all. */
  objects: number;
  keyTotal: number;
  /** Objects whose every value is an object with a field equal to its key (`{"c_1": {"id": "c_1"}}`). */
  selfKeyed: Map<string, number>;
  items: Observation | null;
};

const newObservation = (): Observation => ({
  count: 0,
  types: new Set(),
  strings: new Map(),
  stringCount: 0,
  formats: null,
  min: Infinity,
  max: -Infinity,
  props: new Map(),
  objects: 0,
  keyTotal: 0,
  selfKeyed: new Map(),
  items: null,
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function formatOf(s: string): string {
  if (DATE.test(s)) return 'date';
  if (DATE_TIME.test(s)) return 'date-time';
  if (EMAIL.test(s)) return 'email';
  return '';
}

export class SchemaLearner {
  private readonly root = newObservation();

  observe(value: unknown): void {
    observe(this.root, value);
  }

  schema(): JsonSchema {
    return toSchema(this.root);
  }
}

function observe(o: Observation, value: unknown): void {
  o.count++;
  if (value === null) {
    o.types.add('null');
    return;
  }
  if (Array.isArray(value)) {
    o.types.add('array');
    o.items ??= newObservation();
    for (const v of value) observe(o.items, v);
    return;
  }
  switch (typeof value) {
    case 'string': {
      o.types.add('string');
      o.stringCount++;
      if (o.strings) {
        o.strings.set(value, (o.strings.get(value) ?? 0) + 1);
        if (o.strings.size > DISTINCT_CAP) o.strings = null;
      }
      const f = formatOf(value);
      if (o.formats === null) o.formats = new Set([f]);
      else o.formats.add(f);
      return;
    }
    case 'number':
      o.types.add(Number.isInteger(value) ? 'integer' : 'number');
      o.min = Math.min(o.min, value);
      o.max = Math.max(o.max, value);
      return;
    case 'boolean':
      o.types.add('boolean');
      return;
    case 'object': {
      o.types.add('object');
      o.objects++;
      const entries = Object.entries(value as Record<string, unknown>);
      o.keyTotal += entries.length;
      for (const [k, v] of entries) {
        let p = o.props.get(k);
        if (!p) o.props.set(k, (p = newObservation()));
        observe(p, v);
      }
      // Which field of the values, if any, repeats the key: a dictionary of records keyed by id.
      if (entries.length) {
        const first = entries[0]![1];
        if (first && typeof first === 'object' && !Array.isArray(first)) {
          for (const field of Object.keys(first)) {
            if (entries.every(([k, v]) => v && typeof v === 'object' && String((v as Record<string, unknown>)[field]) === k))
              o.selfKeyed.set(field, (o.selfKeyed.get(field) ?? 0) + 1);
          }
        }
      }
      return;
    }
    default:
      o.types.add('string');
  }
}

/**
 * Whether an object's keys are data: many more distinct keys than any one object has, keys that
 * carry digits (ids, dates), or values that repeat their key.
 */
function isDictionary(o: Observation): boolean {
  if (o.props.size === 0) return false;
  const perObject = o.keyTotal / Math.max(1, o.objects);
  const keys = [...o.props.keys()];
  const selfKeyed = [...o.selfKeyed.values()].some((n) => n >= o.objects * 0.9);
  if (selfKeyed && o.objects > 0) return true;
  if (keys.length >= 8 && keys.every((k) => /\d/.test(k))) return true;
  return o.objects >= 4 && keys.length > 12 && keys.length > 2.5 * perObject;
}

/** Strings that are a small closed set: few distinct values, each seen more than once on average. */
function enumOf(o: Observation): string[] | null {
  if (!o.strings || o.strings.size < 2 || o.strings.size > ENUM_MAX) return null;
  if (o.types.size !== 1) return null;
  if (o.stringCount < 3 * o.strings.size || o.stringCount < 10) return null;
  if ([...o.strings.keys()].some((s) => s.length > 40 || s === '')) return null;
  return [...o.strings.keys()].sort();
}

function toSchema(o: Observation): JsonSchema {
  // Integers among numbers are numbers.
  const types = [...o.types].filter((t) => t !== 'integer' || !o.types.has('number'));
  const out: JsonSchema = {};
  if (types.length === 1) out.type = types[0];
  else if (types.length > 1) out.type = types.sort();
  if (types.includes('string')) {
    const values = enumOf(o);
    if (values) out.enum = types.length === 1 ? values : [...values, ...(types.includes('null') ? [null] : [])];
    else if (o.formats && o.formats.size === 1) {
      const [f] = o.formats;
      if (f) out.format = f;
    }
  }
  if (types.includes('object')) {
    if (isDictionary(o)) {
      const values = newObservation();
      for (const p of o.props.values()) merge(values, p);
      out.additionalProperties = toSchema(values);
      const keyField = [...o.selfKeyed.entries()].find(([, n]) => n >= o.objects * 0.9)?.[0];
      if (keyField) out['x-key-field'] = keyField;
    } else {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [k, p] of o.props) {
        properties[k] = toSchema(p);
        if (p.count === o.objects) required.push(k);
      }
      out.properties = properties;
      if (required.length) out.required = required;
      out.additionalProperties = false;
    }
  }
  if (types.includes('array')) out.items = o.items ? toSchema(o.items) : {};
  return out;
}

/** Folds one observation into another (the values of a dictionary into one schema). */
function merge(into: Observation, o: Observation): void {
  into.count += o.count;
  for (const t of o.types) into.types.add(t);
  if (into.strings && o.strings) {
    for (const [s, n] of o.strings) into.strings.set(s, (into.strings.get(s) ?? 0) + n);
    if (into.strings.size > DISTINCT_CAP) into.strings = null;
  } else if (o.stringCount) into.strings = null;
  into.stringCount += o.stringCount;
  if (o.formats) {
    if (into.formats === null && into.stringCount === o.stringCount) into.formats = new Set(o.formats);
    else if (into.formats) for (const f of o.formats) into.formats.add(f);
  }
  into.min = Math.min(into.min, o.min);
  into.max = Math.max(into.max, o.max);
  into.objects += o.objects;
  into.keyTotal += o.keyTotal;
  for (const [k, n] of o.selfKeyed) into.selfKeyed.set(k, (into.selfKeyed.get(k) ?? 0) + n);
  for (const [k, p] of o.props) {
    let q = into.props.get(k);
    if (!q) into.props.set(k, (q = newObservation()));
    merge(q, p);
  }
  if (o.items) {
    into.items ??= newObservation();
    merge(into.items, o.items);
  }
}
