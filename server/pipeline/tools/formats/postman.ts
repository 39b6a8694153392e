import { isRecord } from '../finalize';
import type { ImportWarning, RawTool } from '../model';
import { schemaOfExample } from './example-schema';
import { parseJsonBody } from './postman-body';
import type { FormatReader } from './reader';
import { savedResponses } from './postman-responses';

/**
 * Where a property's value goes when the request is built; `variable` is substituted for `{{name}}`
 * wherever it occurs, which is why placeholders in header values are variables rather than headers.
 */
type In = 'path' | 'query' | 'header' | 'body' | 'variable';
type Schema = Record<string, unknown>;
type Entry = Record<string, unknown>;

const V1_MESSAGE = 'Postman collection v1 is not supported: open it in Postman and export it as Collection v2.1';
const PLACEHOLDER = /\{\{([^{}]+?)\}\}/g;
const WHOLE_PLACEHOLDER = /^\s*\{\{([^{}]+?)\}\}\s*$/;
/** Where requests are sent is configuration of the environment, not something a model should choose. */
const BASE_URL_NAMES = new Set(['baseurl', 'base_url', 'url', 'host']);

/** v1 collections have a different layout; saying so beats "no info.schema" for a file that is Postman after all. */
export function postmanV1Reason(doc: unknown): string | null {
  if (!isRecord(doc) || !Array.isArray(doc.requests)) return null;
  if (!Array.isArray(doc.order) && !Array.isArray(doc.folders)) return null;
  if (isRecord(doc.info) && typeof doc.info.schema === 'string') return null;
  return V1_MESSAGE;
}

/** An environment holds a collection's variable values, not requests: say so instead of "unknown". */
export function postmanEnvironmentReason(doc: unknown): string | null {
  if (!isRecord(doc) || !Array.isArray(doc.values) || !('_postman_variable_scope' in doc || doc.values.every((v) => isRecord(v) && 'key' in v))) return null;
  return 'this is a Postman environment (variable values), not a collection: import the collection file instead';
}

export const postmanReader: FormatReader = {
  format: 'postman',
  label: 'Postman collection v2.0/v2.1',
  check(doc) {
    if (!isRecord(doc)) return 'not a JSON object';
    const v1 = postmanV1Reason(doc);
    if (v1) return v1;
    const schema = isRecord(doc.info) ? doc.info.schema : undefined;
    if (typeof schema !== 'string' || !/\/v2\.[01]\b/.test(schema)) return 'no info.schema naming Postman v2.0 or v2.1';
    if (!Array.isArray(doc.item)) return 'no "item" array of requests and folders';
    return null;
  },
  read(doc, file) {
    const d = doc as Entry;
    const raw: RawTool[] = [];
    const warnings: ImportWarning[] = [];
    const config = collectionVariables(d.variable);
    const walk = (items: unknown[], pointer: string, tags: string[]) =>
      items.forEach((item, i) => {
        const at = `${pointer}/item/${i}`;
        if (isRecord(item) && Array.isArray(item.item)) {
          walk(item.item, at, typeof item.name === 'string' && item.name ? [...tags, item.name] : tags);
          return;
        }
        const request = isRecord(item) ? (typeof item.request === 'string' ? { url: item.request } : item.request) : undefined;
        if (!isRecord(item) || !isRecord(request)) {
          warnings.push({ file, pointer: at, message: 'neither a request nor a folder: skipped' });
          return;
        }
        const warn = (message: string) => warnings.push({ file, pointer: at, message });
        raw.push(toTool(item, request, { file, pointer: at, tags, config, warn }));
      });
    walk(Array.isArray(d.item) ? d.item : [], '', []);
    const title = isRecord(d.info) && typeof d.info.name === 'string' ? d.info.name : undefined;
    return { raw, warnings, title };
  },
};

type Context = { file: string; pointer: string; tags: string[]; config: CollectionVariables; warn: (m: string) => void };

function toTool(item: Entry, request: Entry, ctx: Context): RawTool {
  const method = typeof request.method === 'string' && request.method.trim() ? request.method.trim().toUpperCase() : 'GET';
  const url = parseUrl(request.url);
  const params = new Params(ctx.warn);

  // A url.variable entry whose `:name` segment is missing (the URL was edited by hand) still names a path input.
  const pathNames = new Set([...url.pathVariables, ...url.variables.map((v) => v.key as string)]);
  for (const name of pathNames) {
    const entry = url.variables.find((v) => v.key === name);
    params.add(name, { type: 'string', ...described(entry), ...example(entry?.value) }, 'path', true);
  }
  for (const q of url.query) params.add(q.key as string, { ...typedFromText(q.value), ...described(q) }, 'query');
  readBody(request.body, isJsonContent(request.header), params, ctx.warn);

  // Placeholders that are a whole query value were taken by the query parameter above.
  const headers = typeof request.header === 'string' ? [request.header] : enabled(request.header).map((h) => h.value);
  const texts = [url.template, ...url.query.filter((q) => !isWholePlaceholder(q.value)).map((q) => q.value), ...headers];
  for (const text of [...texts, ...params.embedded]) {
    if (typeof text !== 'string') continue;
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      const v = name!.trim();
      if (ctx.config.isConfiguration(v)) continue;
      params.add(v, { type: 'string', description: ctx.config.descriptions.get(v) ?? `Postman variable {{${v}}}` }, 'variable');
    }
  }

  const description = describe(item.description) || describe(request.description) || `${method} ${url.display}`;
  const { examples, returns } = savedResponses(item.response);
  return {
    name: typeof item.name === 'string' ? item.name : '',
    nameIsLabel: true,
    description,
    parameters: params.schema(),
    returns,
    examples,
    method,
    source: { format: 'postman', file: ctx.file, pointer: ctx.pointer },
    tags: ctx.tags,
  };
}

class Params {
  readonly properties: Record<string, Schema> = {};
  readonly required: string[] = [];
  /** Text whose `{{placeholders}}` are still to become variables (they were not a whole value of a property). */
  readonly embedded: string[] = [];

  constructor(private readonly warn: (m: string) => void) {}

  add(name: string, schema: Schema, where: In, required = false) {
    if (!name) return;
    const existing = this.properties[name];
    if (existing) {
      // The same variable used in several places, or `:id` listed in url.variable too, is one input.
      if (existing['x-in'] !== where)
        this.warn(`parameter "${name}" is both a ${String(existing['x-in'])} and a ${where} input: kept the ${String(existing['x-in'])} one`);
      return;
    }
    this.properties[name] = { ...schema, 'x-in': where };
    if (required) this.required.push(name);
  }

  schema() {
    return { type: 'object', properties: this.properties, required: this.required };
  }
}

function readBody(body: unknown, jsonHeader: boolean, params: Params, warn: (m: string) => void) {
  if (!isRecord(body) || body.disabled === true) return;
  const mode = body.mode;
  if (mode === 'urlencoded' || mode === 'formdata') {
    for (const field of enabled(body[mode])) {
      const note = field.type === 'file' ? 'a file to upload' : undefined;
      const schema: Schema = { type: 'string', ...described(field, note), ...example(field.type === 'file' ? undefined : field.value) };
      params.add(field.key as string, schema, 'body');
      if (!isWholePlaceholder(field.value) && typeof field.value === 'string') params.embedded.push(field.value);
    }
    return;
  }
  if (mode !== 'raw') {
    if (mode && isRecord(body[mode as string])) params.add('body', { type: 'string', description: `The request body (${String(mode)})` }, 'body');
    return;
  }
  const text = typeof body.raw === 'string' ? body.raw : '';
  if (!text.trim()) return;
  const language = isRecord(body.options) && isRecord(body.options.raw) ? body.options.raw.language : undefined;
  const declaredJson = language === 'json' || (language === undefined && jsonHeader);
  const parsed = declaredJson || /^\s*(\/\/|[[{])/.test(text) ? parseJsonBody(text) : undefined;
  if (parsed && 'value' in parsed && isRecord(parsed.value)) {
    for (const [key, value] of Object.entries(parsed.value)) {
      params.add(key, exampleSchema(value), 'body');
      if (!isWholePlaceholder(value)) params.embedded.push(JSON.stringify(value));
    }
    return;
  }
  if (parsed && 'value' in parsed) {
    params.add('body', { ...exampleSchema(parsed.value), description: 'The request body' }, 'body');
  } else {
    if (declaredJson && parsed) warn(`raw body is declared as JSON but does not parse (${parsed.error}): taken as one "body" string`);
    params.add('body', { type: 'string', description: 'The request body', examples: [text] }, 'body');
  }
  params.embedded.push(text);
}

/** A body value's schema from its example; a bare `{{var}}` says only that a string goes there. */
function exampleSchema(value: unknown): Schema {
  if (isWholePlaceholder(value) || value === null) return schemaOfExample(value);
  return { ...schemaOfExample(value), examples: [value] };
}

/** Query values are text; an example of `10` or `true` still says what type the parameter takes. */
function typedFromText(value: unknown): Schema {
  if (typeof value !== 'string' || !value || value.includes('{{')) return { type: 'string' };
  if (value === 'true' || value === 'false') return { type: 'boolean', examples: [value === 'true'] };
  // Leading zeros mean an identifier, not a number; so do integers too long to survive as one.
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(value) && Number.isSafeInteger(Math.trunc(Number(value)))) return { type: 'number', examples: [Number(value)] };
  return { type: 'string', examples: [value] };
}

type Url = { template: string; display: string; pathVariables: string[]; variables: Entry[]; query: Entry[] };

function parseUrl(url: unknown): Url {
  if (typeof url === 'string') return fromRaw(url);
  if (!isRecord(url)) return { template: '', display: '', pathVariables: [], variables: [], query: [] };
  const raw = typeof url.raw === 'string' ? url.raw : '';
  const host = Array.isArray(url.host) ? url.host.join('.') : typeof url.host === 'string' ? url.host : '';
  const segments = Array.isArray(url.path)
    ? url.path.map((s) => (isRecord(s) ? s.value : s)).filter((s): s is string => typeof s === 'string')
    : typeof url.path === 'string'
      ? url.path.split('/')
      : null;
  if (!host && !segments) return { ...fromRaw(raw), variables: entries(url.variable), ...(Array.isArray(url.query) ? { query: entries(url.query) } : {}) };
  const path = segments ?? [];
  return {
    // Postman users document optional query parameters as disabled entries: they are still inputs
    // (every query property is optional), unlike disabled headers and body fields.
    template: [host, ...path].join('/'),
    display: raw || [host, ...path].join('/'),
    pathVariables: pathVariables(path),
    variables: entries(url.variable),
    query: entries(url.query),
  };
}

function fromRaw(raw: string): Url {
  const [base = '', search] = raw.split(/\?(.*)/s, 2);
  const path = base
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split('/')
    .slice(1);
  const query = (search ?? '')
    .split('&')
    .filter(Boolean)
    .map((pair): Entry => {
      const [key = '', value = ''] = pair.split(/=(.*)/s, 2);
      return { key: decode(key), value: decode(value) };
    });
  return { template: base, display: raw, pathVariables: pathVariables(path), variables: [], query };
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

const pathVariables = (segments: string[]) => segments.filter((s) => /^:[A-Za-z_]\w*$/.test(s)).map((s) => s.slice(1));

type CollectionVariables = { isConfiguration(name: string): boolean; descriptions: Map<string, string> };

/** Collection variables that have a value are settings of the collection; the empty ones are left for the caller. */
function collectionVariables(list: unknown): CollectionVariables {
  const valued = new Set<string>();
  const descriptions = new Map<string, string>();
  for (const v of entries(list)) {
    if (v.value !== undefined && v.value !== null && v.value !== '' && v.disabled !== true) valued.add(v.key as string);
    const text = describe(v.description);
    if (text) descriptions.set(v.key as string, text);
  }
  // `{{$guid}}` and the like are Postman's own dynamic values.
  return { isConfiguration: (name) => name.startsWith('$') || valued.has(name) || BASE_URL_NAMES.has(name.toLowerCase()), descriptions };
}

/** Key/value lists (query, header, variable, form fields) as entries with a string key. */
const entries = (list: unknown): Entry[] =>
  Array.isArray(list) ? list.filter((e): e is Entry => isRecord(e) && typeof e.key === 'string' && e.key !== '') : [];
const enabled = (list: unknown) => entries(list).filter((e) => e.disabled !== true);

function isJsonContent(headers: unknown): boolean {
  if (typeof headers === 'string') return /content-type:\s*[^\n]*json/i.test(headers);
  return enabled(headers).some((h) => String(h.key).toLowerCase() === 'content-type' && typeof h.value === 'string' && h.value.includes('json'));
}

const isWholePlaceholder = (v: unknown) => typeof v === 'string' && WHOLE_PLACEHOLDER.test(v);

/** Postman descriptions are a string or `{content, type}`. */
function describe(d: unknown): string {
  const text = typeof d === 'string' ? d : isRecord(d) && typeof d.content === 'string' ? d.content : '';
  return text.trim();
}

function described(entry: Entry | undefined, fallback?: string): Schema {
  const text = describe(entry?.description) || fallback;
  return text ? { description: text } : {};
}

/** An example worth keeping: not empty, and not a `{{var}}` standing in for one. */
const example = (v: unknown): Schema => (typeof v === 'string' && v !== '' && !v.includes('{{') ? { examples: [v] } : {});
