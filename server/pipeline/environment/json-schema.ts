import { canGenerate } from './pattern';

/**
 * Parameter schemas from real collections are loose: `"type": "str"`, `"required": true` on a
 * property, defaults that break their own type, patterns no generator can meet. A column keeps only
 * what it needs to hold, validate and fake a value: type, enum (also from `const` and from `oneOf`
 * lists of constants, as Discord writes its enums), a known format, a pattern the generator can
 * meet, the bounds (`minimum`, `maxLength`, `multipleOf`, `maxItems`, …), items, properties and
 * which of them are required. Values made from it then pass the API's own schema.
 */

export type JsonSchema = Record<string, unknown>;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const TYPE_ALIASES: Record<string, string> = {
  str: 'string',
  text: 'string',
  int: 'integer',
  long: 'integer',
  float: 'number',
  double: 'number',
  decimal: 'number',
  bool: 'boolean',
  dict: 'object',
  map: 'object',
  list: 'array',
  date: 'string',
  datetime: 'string',
};
export const FORMATS = new Set(['email', 'date', 'date-time', 'uri', 'url', 'uuid', 'ipv4']);
/** Formats of integers written as strings: their values are digits (Discord's snowflakes). */
export const DIGIT_FORMATS = new Set(['int64', 'snowflake', 'int32', 'uint64']);
const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const;
/** Deepest nesting kept: request bodies nest objects in arrays in objects. */
const MAX_DEPTH = 6;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function typeOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function cleanType(t: unknown): string | null {
  if (typeof t !== 'string') return null;
  const lower = t.toLowerCase();
  return TYPES.has(lower) ? lower : (TYPE_ALIASES[lower] ?? null);
}

/** A valid, small JSON Schema for one value, from any parameter schema (never throws). */
export function cleanSchema(raw: unknown, depth = 0): JsonSchema {
  const s = isRecord(raw) ? raw : {};
  // anyOf/oneOf: the first branch that says something is as good as a heuristic gets.
  const branch = [s.anyOf, s.oneOf].find(Array.isArray) as unknown[] | undefined;
  const consts = constants(s);
  if (branch && !s.type) {
    // A branch that is a schema of its own (not a bare `{const}` of a list of constants).
    const first = branch.find((b) => isRecord(b) && b.type !== 'null' && (!consts || 'type' in b));
    if (first) return cleanSchema({ ...first, description: s.description ?? (first as JsonSchema).description }, depth);
  }
  const out: JsonSchema = {};
  let type: string | string[] | null = Array.isArray(s.type) ? s.type.map(cleanType).filter((t): t is string => !!t) : cleanType(s.type);
  if (Array.isArray(type) && type.length === 0) type = null;
  const enumValues = (consts ?? []).filter((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  if (enumValues.length) {
    // An enum whose values break the declared type: the values are the better evidence.
    const valueTypes = new Set(
      enumValues
        .filter((v) => v !== null)
        .map(typeOfValue)
        .map((t) => (t === 'integer' ? 'number' : t)),
    );
    const declared = Array.isArray(type) ? type : type ? [type] : [];
    const fits = [...valueTypes].every((vt) => declared.some((d) => d === vt || (d === 'integer' && vt === 'number')));
    if (!fits) type = valueTypes.size === 1 ? [...valueTypes][0]! : valueTypes.size === 0 ? 'null' : null;
    out.enum = enumValues;
  }
  if (!type && !enumValues.length) type = isRecord(s.properties) ? 'object' : s.items ? 'array' : 'string';
  if (type) out.type = type;
  if (typeof s.description === 'string' && s.description) out.description = s.description.slice(0, 300);
  const main = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  if (main === 'string' && typeof s.format === 'string' && (FORMATS.has(s.format) || DIGIT_FORMATS.has(s.format)))
    out.format = s.format === 'url' ? 'uri' : s.format;
  if (main === 'string' && typeof s.pattern === 'string' && canGenerate(s.pattern)) out.pattern = s.pattern;
  if (!enumValues.length) Object.assign(out, bounds(s));
  // The API's own values (`default`, `example`, `examples`): the most plausible there are.
  const examples = [s.default, s.example, ...(Array.isArray(s.examples) ? s.examples : [])].filter(
    // Long opaque strings (an encoded token) are values nobody types or says: not examples.
    (v, i, all) =>
      (typeof v === 'string' ? v.trim() !== '' && v.length <= 60 : typeof v === 'number') &&
      (main === 'string' ? typeof v === 'string' : main === 'integer' ? Number.isInteger(v) : main === 'number' ? typeof v === 'number' : false) &&
      all.indexOf(v) === i,
  );
  if (!enumValues.length && examples.length) out.examples = examples.slice(0, 5);
  if (main === 'array') {
    out.items = depth < MAX_DEPTH ? cleanSchema(s.items, depth + 1) : {};
    if (s.uniqueItems === true) out.uniqueItems = true;
  }
  if (main === 'object' && isRecord(s.properties) && depth < MAX_DEPTH) {
    const props = Object.entries(s.properties).slice(0, 40);
    out.properties = Object.fromEntries(props.map(([k, v]) => [k, cleanSchema(v, depth + 1)]));
    const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string' && r in (out.properties as object)) : [];
    if (required.length) out.required = required;
  }
  return out;
}

/**
 * The allowed values when the schema lists them: `enum`, `const`, a `oneOf`/`anyOf` of constants
 * (`{"title": "ONE_HOUR", "const": 60}`), narrowed by each `allOf` branch that lists its own; null
 * when nothing lists values.
 */
function constants(s: Record<string, unknown>): unknown[] | null {
  const lists: unknown[][] = [];
  if (Array.isArray(s.enum) && s.enum.length) lists.push(s.enum);
  if ('const' in s) lists.push([s.const]);
  for (const branch of [s.oneOf, s.anyOf]) {
    if (!Array.isArray(branch) || branch.length === 0) continue;
    const values: unknown[] = [];
    const all = branch.every((b) => {
      if (!isRecord(b)) return false;
      if (b.type === 'null' && Object.keys(b).length === 1) return true;
      const inner = constants(b);
      if (inner) values.push(...inner);
      return inner !== null;
    });
    if (all && values.length) lists.push(values);
  }
  for (const b of Array.isArray(s.allOf) ? s.allOf : []) {
    const inner = isRecord(b) ? constants(b) : null;
    if (inner) lists.push(inner);
  }
  if (lists.length === 0) return null;
  const [first, ...rest] = lists;
  const both = first!.filter((v) => rest.every((l) => l.includes(v)));
  // Lists that contradict each other: the schema's own `enum` is the stronger word.
  return [...new Set(both.length ? both : first!)];
}

/** Numeric and size bounds that are numbers (draft-04's boolean `exclusiveMinimum` becomes a number). */
function bounds(s: Record<string, unknown>): JsonSchema {
  const out: JsonSchema = {};
  for (const k of BOUNDS) if (typeof s[k] === 'number' && Number.isFinite(s[k])) out[k] = s[k];
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') [out.exclusiveMinimum, out.minimum] = [s.minimum, undefined];
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') [out.exclusiveMaximum, out.maximum] = [s.maximum, undefined];
  if (typeof out.multipleOf === 'number' && out.multipleOf <= 0) delete out.multipleOf;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** The first non-null type of a clean schema (`string` when unknown). */
export function mainType(s: JsonSchema): string {
  const t = s.type;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') as string | undefined) ?? 'null';
  if (typeof t === 'string') return t;
  if (Array.isArray(s.enum) && s.enum.length) return typeOfValue(s.enum[0]) === 'integer' ? 'number' : typeOfValue(s.enum[0]);
  return 'string';
}

const canonical = (v: unknown) => JSON.stringify(v);
const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? (s.type as string[]) : [mainType(s)]);

/**
 * A schema accepting what either accepts, for a column two tools fill (`add_ons` with two enums):
 * enums are joined, or dropped when one side has none; different types become a list of types.
 */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const ta = mainType(a);
  const tb = mainType(b);
  const numeric = (t: string) => t === 'number' || t === 'integer';
  const out: JsonSchema = { ...a };
  if (ta !== tb && !(numeric(ta) && numeric(tb))) {
    const types = [...new Set([...typesOf(a), ...typesOf(b)])];
    return { type: types, ...(a.description ? { description: a.description } : {}) };
  }
  if (ta !== tb) out.type = 'number';
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) out.enum = [...new Set([...a.enum, ...b.enum])];
  else delete out.enum;
  if (a.format !== b.format) delete out.format;
  // Constraints both sides share still hold; one side's alone would refuse the other's values.
  for (const k of ['pattern', 'uniqueItems', 'required', ...BOUNDS]) if (canonical(a[k]) !== canonical(b[k])) delete out[k];
  if (ta === 'array') out.items = mergeSchemas((a.items ?? {}) as JsonSchema, (b.items ?? {}) as JsonSchema);
  if (ta === 'object') {
    const pa = (a.properties ?? {}) as Record<string, JsonSchema>;
    const pb = (b.properties ?? {}) as Record<string, JsonSchema>;
    out.properties = Object.fromEntries(
      [...new Set([...Object.keys(pa), ...Object.keys(pb)])].map((k) => [k, pa[k] && pb[k] ? mergeSchemas(pa[k], pb[k]) : (pa[k] ?? pb[k])!]),
    );
  }
  return out;
}
