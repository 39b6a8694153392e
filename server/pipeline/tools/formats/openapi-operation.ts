import { isRecord } from '../finalize';
import { pointerOf, RefError, type RefResolver } from './json-refs';

type Schema = Record<string, unknown>;
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** Headers HTTP itself sets; OpenAPI says a parameter with these names is ignored. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Media types in the order a tool call's body is best described by. */
const preferMedia = (types: string[]) =>
  types.find((t) => t === 'application/json') ??
  types.find((t) => /[/+]json\b/.test(t)) ??
  types.find((t) => t === 'application/x-www-form-urlencoded') ??
  types.find((t) => t === 'multipart/form-data') ??
  types[0];

/**
 * Path, query, header, cookie and body parameters of one operation merged into one object schema.
 * Each property says where it goes (`x-in`); a name used in two places is prefixed by its place.
 */
export class ParameterBuilder {
  readonly properties: Record<string, Schema> = {};
  readonly required: string[] = [];

  add(name: string, where: ParameterLocation, schema: Schema, required: boolean) {
    const key = name in this.properties ? `${where}_${name}` : name;
    if (key in this.properties) return;
    this.properties[key] = { ...schema, 'x-in': where };
    if (required) this.required.push(key);
  }

  /** A body whose schema is an object contributes its properties; any other body is one `body` property. */
  addBody(schema: Schema, required: boolean, description?: string) {
    const object = objectProperties(schema);
    if (object) {
      const inner = new Set(object.required);
      for (const [name, s] of Object.entries(object.properties)) this.add(name, 'body', s, required && inner.has(name));
      return;
    }
    this.add('body', 'body', description && !schema.description ? { ...schema, description } : schema, required);
  }

  schema(): Schema {
    return { type: 'object', properties: this.properties, ...(this.required.length ? { required: this.required } : {}) };
  }
}

/** Properties of an object schema, reading through `allOf` (how specs compose a request body). */
function objectProperties(schema: Schema): { properties: Record<string, Schema>; required: string[] } | null {
  const parts = Array.isArray(schema.allOf) ? [schema, ...schema.allOf.filter(isRecord)] : [schema];
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  let any = false;
  for (const part of parts) {
    if (isRecord(part.properties)) {
      any = true;
      for (const [k, v] of Object.entries(part.properties)) if (isRecord(v)) properties[k] = v;
    }
    if (Array.isArray(part.required)) required.push(...part.required.filter((r): r is string => typeof r === 'string'));
  }
  return any ? { properties, required } : null;
}

/** The schema of an OpenAPI 3 parameter: `schema`, or the schema of its one `content` entry. */
function parameterSchema3(p: Schema): Schema {
  if (isRecord(p.schema)) return p.schema;
  if (isRecord(p.content)) {
    const media = Object.values(p.content).find(isRecord);
    if (media && isRecord(media.schema)) return media.schema;
  }
  return { type: 'string' };
}

/** Swagger 2 puts the schema fields on the parameter itself. */
function parameterSchema2(p: Schema): Schema {
  const { name: _n, in: _i, required: _r, description: _d, allowEmptyValue: _a, collectionFormat: _c, ...schema } = p;
  return schema;
}

/**
 * Adds one operation's parameters (the path item's, overridden by the operation's own by name and
 * place) to the builder. Refs are resolved through the resolver, which throws on a dangling one.
 */
export function addParameters(
  b: ParameterBuilder,
  refs: RefResolver,
  lists: Array<{ list: unknown; at: string }>,
  version: 2 | 3,
  warn: (pointer: string, message: string) => void = () => {},
) {
  const merged = new Map<string, { p: Schema; at: string }>();
  for (const { list, at } of lists) {
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      warn(at, `"parameters" is ${typeof list === 'object' ? 'an object' : `a ${typeof list}`}, not a list: none of them were read`);
      continue;
    }
    list.forEach((entry, i) => {
      const { value, at: where } = refs.follow(entry, `${at}/${i}`);
      if (!isRecord(value) || typeof value.name !== 'string' || typeof value.in !== 'string') {
        warn(where, `parameter ${i + 1} has no "name" and "in" strings: skipped`);
        return;
      }
      merged.set(`${value.in}:${value.name}`, { p: value, at: where });
    });
  }
  for (const { p, at } of merged.values()) {
    const where = p.in as string;
    if (where === 'header' && IGNORED_HEADERS.has((p.name as string).toLowerCase())) continue;
    if (version === 2 && where === 'body') {
      if (isRecord(p.schema)) b.addBody(refs.inline(p.schema, `${at}/schema`) as Schema, p.required === true, strOf(p.description));
      continue;
    }
    const raw = version === 3 ? parameterSchema3(p) : parameterSchema2(p);
    const schema = withExamples(refs.inline(raw, at) as Schema, version === 3 ? documentedExamples(refs, p, at) : []);
    const description = strOf(p.description) ?? strOf(schema.description);
    const place: ParameterLocation = where === 'formData' ? 'body' : (where as ParameterLocation);
    b.add(p.name as string, place, description ? { ...schema, description } : schema, p.required === true || where === 'path');
  }
}

/** OpenAPI 3 request body (possibly a $ref to components/requestBodies). */
export function addRequestBody(b: ParameterBuilder, refs: RefResolver, body: unknown, at: string) {
  if (body === undefined) return;
  const { value, at: where } = refs.follow(body, at);
  if (!isRecord(value) || !isRecord(value.content)) return;
  const media = preferMedia(Object.keys(value.content));
  const entry = media ? value.content[media] : undefined;
  if (!isRecord(entry) || !isRecord(entry.schema)) return;
  const schema = refs.inline(entry.schema, `${where}${pointerOf('content', media!, 'schema')}`) as Schema;
  const [example] = documentedExamples(refs, entry, `${where}${pointerOf('content', media!)}`);
  b.addBody(example === undefined ? schema : withBodyExample(schema, example), value.required === true, strOf(value.description));
}

/**
 * Examples an OpenAPI 3 parameter or media entry gives beside its schema: `example`, and the values
 * of `examples` (Example objects, possibly `$ref`s; a dangling one is skipped). At most three.
 */
function documentedExamples(refs: RefResolver, holder: Schema, at: string): unknown[] {
  const out: unknown[] = [];
  if ('example' in holder) out.push(holder.example);
  if (isRecord(holder.examples)) {
    for (const [key, raw] of Object.entries(holder.examples)) {
      try {
        const { value } = refs.follow(raw, `${at}${pointerOf('examples', key)}`);
        if (isRecord(value) && 'value' in value) out.push(value.value);
      } catch (e) {
        if (!(e instanceof RefError)) throw e;
      }
    }
  }
  return out.slice(0, 3);
}

/** Examples given beside a schema go into it, unless it has its own. */
function withExamples(schema: Schema, examples: unknown[]): Schema {
  return examples.length && !('example' in schema) && !('examples' in schema) ? { ...schema, examples } : schema;
}

/** A request body's example spread over its properties (`{email: "a@b.c"}` → email's example), or kept whole for a non-object body. */
function withBodyExample(schema: Schema, example: unknown): Schema {
  if (!isRecord(example)) return withExamples(schema, [example]);
  const spread = (part: Schema): Schema =>
    isRecord(part.properties)
      ? {
          ...part,
          properties: Object.fromEntries(Object.entries(part.properties).map(([k, v]) => [k, isRecord(v) && k in example ? withExamples(v, [example[k]]) : v])),
        }
      : part;
  return { ...spread(schema), ...(Array.isArray(schema.allOf) ? { allOf: schema.allOf.map((x) => (isRecord(x) ? spread(x) : x)) } : {}) };
}

const strOf = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
