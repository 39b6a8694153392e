import { isRecord } from '../finalize';
import type { ToolExample } from '../model';
import { markedFromExamples, schemaOfExamples } from './example-schema';
import { parseJsonBody } from './postman-body';

/**
 * A request's saved example responses (`item.response[]`): each with a body becomes an example,
 * successes first (errors are kept after them: they show how the API refuses); the JSON bodies
 * of the successes give the return schema. A response without a code counts as a success, as
 * Postman's older exports leave it out.
 */
export function savedResponses(list: unknown): { examples: ToolExample[]; returns: Record<string, unknown> | undefined } {
  const saved = (Array.isArray(list) ? list : []).filter(isRecord).flatMap((r) => {
    const body = typeof r.body === 'string' ? r.body : '';
    if (!body.trim()) return [];
    const status = typeof r.code === 'number' || (typeof r.code === 'string' && r.code) ? String(r.code) : undefined;
    const parsed = looksJson(r, body) ? parseJsonBody(body) : null;
    const json = parsed && 'value' in parsed;
    const example: ToolExample = {
      ...(typeof r.name === 'string' && r.name.trim() ? { name: r.name.trim() } : {}),
      ...(status ? { status } : {}),
      value: json ? parsed.value : body,
    };
    return [{ example, json, success: !status || /^2\d\d$/.test(status) }];
  });
  const ordered = [...saved.filter((s) => s.success), ...saved.filter((s) => !s.success)];
  const bodies = saved.filter((s) => s.success && s.json).map((s) => s.example.value);
  return { examples: ordered.map((s) => s.example), returns: bodies.length ? markedFromExamples(schemaOfExamples(bodies)) : undefined };
}

/** Postman marks a JSON body by its preview language or Content-Type; otherwise its first character says. */
function looksJson(response: Record<string, unknown>, body: string): boolean {
  if (response._postman_previewlanguage === 'json') return true;
  const headers = Array.isArray(response.header) ? response.header.filter(isRecord) : [];
  if (headers.some((h) => String(h.key).toLowerCase() === 'content-type' && typeof h.value === 'string' && h.value.includes('json'))) return true;
  return /^\s*[[{]/.test(body);
}
