/**
 * Parameter schemas from real collections are loose: `"type": "str"`, `"required": true` on a
 * property, defaults that break their own type, patterns no generator can meet. A column keeps only
 * what it needs to hold, validate and fake a value: type, enum, a known format, items, properties.
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
export const FORMATS = new Set(['email', 'date', 'date-time', 'uri', 'url', 'uuid']);

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
  if (branch && !s.type && !constsOf(branch)) {
    const first = branch.find((b) => isRecord(b) && b.type !== 'null');
    if (first) return cleanSchema({ ...first, description: s.description ?? (first as JsonSchema).description }, depth);
  }
  const out: JsonSchema = {};
  let type: string | string[] | null = Array.isArray(s.type) ? s.type.map(cleanType).filter((t): t is string => !!t) : cleanType(s.type);
  if (Array.isArray(type) && type.length === 0) type = null;
  const listed = Array.isArray(s.enum) ? s.enum : (constsOf(branch) ?? ('const' in s ? [s.const] : []));
  const enumValues = [...new Set(listed.filter((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))];
  if (enumValues.length) {
    // An enum whose values break the declared type: the values are the better evidence.
    const valueTypes = new Set(enumValues.filter((v) => v !== null).map(typeOfValue).map((t) => (t === 'integer' ? 'number' : t)));
    const declared = Array.isArray(type) ? type : type ? [type] : [];
    const fits = [...valueTypes].every((vt) => declared.some((d) => d === vt || (d === 'integer' && vt === 'number')));
    if (!fits) type = valueTypes.size === 1 ? [...valueTypes][0]! : valueTypes.size === 0 ? 'null' : null;
    out.enum = enumValues;
  }
  if (!type && !enumValues.length) type = isRecord(s.properties) ? 'object' : s.items ? 'array' : 'string';
  if (type) out.type = type;
  if (typeof s.description === 'string' && s.description) out.description = s.description.slice(0, 300);
  const main = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  if (main === 'string' && typeof s.format === 'string' && FORMATS.has(s.format)) out.format = s.format === 'url' ? 'uri' : s.format;
  if (main === 'array') out.items = depth < 3 ? cleanSchema(s.items, depth + 1) : {};
  if (main === 'object' && isRecord(s.properties) && depth < 3) {
    const props = Object.entries(s.properties).slice(0, 40);
    out.properties = Object.fromEntries(props.map(([k, v]) => [k, cleanSchema(v, depth + 1)]));
  }
  return out;
}

/**
 * The values of a `oneOf` whose branches are each one `const` (how OpenAPI 3.1 specs such as
 * Discord's document an enum with a title and description per value), or null when it is not one.
 */
function constsOf(branch: unknown[] | undefined): unknown[] | null {
  if (!branch?.length) return null;
  const values = branch.filter((b) => !(isRecord(b) && b.type === 'null' && !('const' in b)));
  return values.length && values.every((b) => isRecord(b) && 'const' in b) ? values.map((b) => (b as JsonSchema).const) : null;
}

/** The first non-null type of a clean schema (`string` when unknown). */
export function mainType(s: JsonSchema): string {
  const t = s.type;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') as string | undefined) ?? 'null';
  if (typeof t === 'string') return t;
  if (Array.isArray(s.enum) && s.enum.length) return typeOfValue(s.enum[0]) === 'integer' ? 'number' : typeOfValue(s.enum[0]);
  return 'string';
}

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
  if (ta === 'array') out.items = mergeSchemas((a.items ?? {}) as JsonSchema, (b.items ?? {}) as JsonSchema);
  if (ta === 'object') {
    const pa = (a.properties ?? {}) as Record<string, JsonSchema>;
    const pb = (b.properties ?? {}) as Record<string, JsonSchema>;
    out.properties = Object.fromEntries([...new Set([...Object.keys(pa), ...Object.keys(pb)])].map((k) => [k, pa[k] && pb[k] ? mergeSchemas(pa[k], pb[k]) : (pa[k] ?? pb[k])!]));
  }
  return out;
}
