import { isRecord } from '../finalize';
import type { ToolExample } from '../model';
import { pointerOf, RefError, type RefResolver } from './json-refs';

type Schema = Record<string, unknown>;

/** The response an operation answers with when it succeeds, with where it was found. */
export type SuccessResponse = { code: string; response: Schema; at: string; version: 2 | 3 };

/**
 * Bounds on inlining a response schema, tried in turn until the result is small enough: a
 * response schema is evidence (columns, enums, formats), and its first levels carry nearly all of
 * it; Discord's message response inlines to over 100 KB at full depth.
 */
const RETURNS_BOUNDS = [
  { nodes: 2_000, depth: 24 },
  { nodes: 1_000, depth: 12 },
  { nodes: 500, depth: 8 },
  { nodes: 250, depth: 6 },
];
export const RETURNS_MAX_BYTES = 32_000;

/** Media types a response body is best read in: JSON first. */
const preferMedia = (types: string[]) => types.find((t) => t === 'application/json') ?? types.find((t) => /[/+]json\b/.test(t)) ?? types[0];

/**
 * The first success response: 200, 201, 202, 2XX, any other 2xx, else `default` when nothing
 * else says what success looks like. A 204 (no content) is a success with no schema.
 */
export function successResponse(refs: RefResolver, responses: unknown, at: string, version: 2 | 3): SuccessResponse | null {
  if (!isRecord(responses)) return null;
  const codes = Object.keys(responses);
  const code =
    ['200', '201', '202', '2XX', '2xx'].find((c) => c in responses) ?? codes.find((c) => /^2\d\d$/.test(c)) ?? ('default' in responses ? 'default' : undefined);
  if (!code) return null;
  const { value, at: where } = refs.follow(responses[code], `${at}${pointerOf(code)}`);
  return isRecord(value) ? { code, response: value, at: where, version } : null;
}

/** The raw (not inlined) body schema of a response and its JSON pointer, plus its OpenAPI 3 media entry. */
function bodyOf(s: SuccessResponse): { schema: unknown; at: string; media?: Schema } | null {
  if (s.version === 2) return isRecord(s.response.schema) ? { schema: s.response.schema, at: `${s.at}/schema` } : null;
  if (!isRecord(s.response.content)) return null;
  const media = preferMedia(Object.keys(s.response.content));
  const entry = media ? s.response.content[media] : undefined;
  if (!isRecord(entry)) return null;
  return { schema: entry.schema, at: `${s.at}${pointerOf('content', media!, 'schema')}`, media: entry };
}

/**
 * The success response's schema with its `$ref`s inlined, within the first bounds that keep it
 * under RETURNS_MAX_BYTES (parts beyond them become a typed stub saying so). `cut` says whether
 * anything had to be left out.
 */
export function responseSchema(refs: RefResolver, s: SuccessResponse): { schema: Schema | null; cut: boolean } {
  const body = bodyOf(s);
  if (!body || !isRecord(body.schema)) return { schema: null, cut: false };
  let last: Schema | null = null;
  for (const bound of RETURNS_BOUNDS) {
    refs.reset(bound.nodes, bound.depth);
    last = refs.inline(body.schema, body.at) as Schema;
    if (JSON.stringify(last).length <= RETURNS_MAX_BYTES) return { schema: last, cut: refs.cuts.length > 0 };
  }
  return { schema: last, cut: true };
}

/**
 * The examples a document gives for a success response, most specific first: OpenAPI 3 media
 * `example` and `examples` (named, possibly `$ref`s to components/examples), Swagger 2 `examples`
 * by media type, then the schema's own `example` (or its items' example, as a one-item list).
 * External examples (`externalValue`) are not fetched.
 */
export function responseExamples(refs: RefResolver, s: SuccessResponse): ToolExample[] {
  const status = s.code === 'default' ? undefined : s.code;
  const out: ToolExample[] = [];
  const push = (value: unknown, name?: string) => value !== undefined && out.push({ ...(name ? { name } : {}), ...(status ? { status } : {}), value });
  if (s.version === 2 && isRecord(s.response.examples)) {
    const media = preferMedia(Object.keys(s.response.examples));
    if (media) push(s.response.examples[media]);
  }
  const body = bodyOf(s);
  if (body?.media) {
    if ('example' in body.media) push(body.media.example);
    if (isRecord(body.media.examples)) {
      for (const [key, raw] of Object.entries(body.media.examples)) {
        const example = followOrNull(refs, raw, `${body.at.replace(/\/schema$/, '')}${pointerOf('examples', key)}`);
        if (isRecord(example) && 'value' in example)
          push(example.value, typeof example.summary === 'string' && example.summary.trim() ? example.summary.trim() : key);
      }
    }
  }
  if (out.length === 0 && body) {
    const schema = followOrNull(refs, body.schema, body.at);
    if (isRecord(schema) && 'example' in schema) push(schema.example);
    else if (isRecord(schema) && schema.type === 'array') {
      const items = followOrNull(refs, schema.items, `${body.at}/items`);
      if (isRecord(items) && 'example' in items) push([items.example]);
    }
  }
  return out;
}

/** A `$ref` followed, or null when it dangles: a missing example loses the example, nothing else. */
function followOrNull(refs: RefResolver, node: unknown, at: string): unknown {
  try {
    return refs.follow(node, at).value;
  } catch (e) {
    if (e instanceof RefError) return null;
    throw e;
  }
}
