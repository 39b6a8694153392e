import { isRecord } from '../finalize';

type Schema = Record<string, unknown>;

/**
 * A JSON Schema guessed from example values (a Postman body, a saved response, an OpenAPI example
 * with no schema): types, nested objects, array items merged over the listed items, and a string
 * format where every value has it. Bounded, since saved responses can be pages of big records.
 */
const MAX_DEPTH = 6;

/**
 * Set on a `returns` schema guessed from examples rather than declared by the API: one example
 * (often one element of a list) is evidence of fields and types, not a contract a simulated
 * result must meet, so validation checks results only against declared schemas.
 */
export const FROM_EXAMPLES = 'x-from-examples';

/** A guessed returns schema, marked as such. */
export const markedFromExamples = (schema: Schema | null | undefined): Schema | undefined => (schema ? { ...schema, [FROM_EXAMPLES]: true } : undefined);
const MAX_PROPERTIES = 60;
const MAX_ITEMS = 20;

/** Formats that shape seeded values (fake dates, emails); tested strictly so a name is never a "uri". */
const FORMATS: Array<[string, RegExp]> = [
  ['date-time', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  ['email', /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/],
  ['uri', /^https?:\/\/[^\s]+$/],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
];

export function schemaOfExample(value: unknown, depth = 0): Schema {
  if (typeof value === 'string') {
    const format = FORMATS.find(([, re]) => re.test(value))?.[0];
    return format ? { type: 'string', format } : { type: 'string' };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? { type: 'array' } : isRecord(value) ? { type: 'object' } : {};
  if (Array.isArray(value)) return { type: 'array', items: value.length ? schemaOfExamples(value.slice(0, MAX_ITEMS), depth + 1) : {} };
  if (isRecord(value)) {
    const entries = Object.entries(value).slice(0, MAX_PROPERTIES);
    return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaOfExample(v, depth + 1)])) };
  }
  // null says nothing about what else could go there.
  return {};
}

/** One schema for several values of the same place (the items of a list, two saved responses). */
export function schemaOfExamples(values: unknown[], depth = 0): Schema {
  return values.map((v) => schemaOfExample(v, depth)).reduce((a, b) => mergeSchemas(a, b));
}

/**
 * Listed records often differ in their optional keys: the merged object has all of them. Integers
 * and numbers make numbers; different types keep the first (a guess is a starting point); a format
 * survives only where both sides have it.
 */
function mergeSchemas(a: Schema, b: Schema): Schema {
  if (a.type === undefined) return b;
  if (b.type === undefined) return a;
  if (a.type === 'object' && b.type === 'object') {
    const pa = (a.properties ?? {}) as Record<string, Schema>;
    const pb = (b.properties ?? {}) as Record<string, Schema>;
    const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].slice(0, MAX_PROPERTIES);
    return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, pa[k] && pb[k] ? mergeSchemas(pa[k], pb[k]) : (pa[k] ?? pb[k])!])) };
  }
  if (a.type === 'array' && b.type === 'array') return { type: 'array', items: mergeSchemas((a.items ?? {}) as Schema, (b.items ?? {}) as Schema) };
  const numeric = (t: unknown) => t === 'integer' || t === 'number';
  if (numeric(a.type) && numeric(b.type)) return { type: a.type === 'number' || b.type === 'number' ? 'number' : 'integer' };
  if (a.type === 'string' && b.type === 'string') return a.format && a.format === b.format ? a : { type: 'string' };
  return a;
}
