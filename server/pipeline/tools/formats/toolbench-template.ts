import { isRecord } from '../finalize';

type Schema = Record<string, unknown>;

/**
 * ToolBench's `template_response`: a real response with each value replaced by its Python type
 * name ("str", "int", "NoneType", "empty list", "list of str with length 2"), lists by their first
 * item plus a `_list_length`. Read back into a JSON Schema, bounded like example-schema.ts.
 */
const MAX_DEPTH = 6;
const MAX_PROPERTIES = 60;

const PYTHON_TYPES: Record<string, Schema> = {
  str: { type: 'string' },
  int: { type: 'integer' },
  float: { type: 'number' },
  bool: { type: 'boolean' },
  dict: { type: 'object' },
  list: { type: 'array' },
  NoneType: {},
  'empty list': { type: 'array' },
};
const LIST_OF = /^list of (\w+) with length \d+$/;

/** The schema a template describes, or null when it is not a template (free text, a number). */
export function templateSchema(template: unknown, depth = 0): Schema | null {
  if (typeof template === 'string') {
    const known = PYTHON_TYPES[template];
    if (known) return known;
    const list = LIST_OF.exec(template);
    if (list) return { type: 'array', items: PYTHON_TYPES[list[1]!] ?? {} };
    // A response ToolBench kept as JSON text (cut short in some: those give nothing).
    if (/^\s*[[{]/.test(template) && depth < MAX_DEPTH) {
      try {
        return templateSchema(JSON.parse(template), depth + 1);
      } catch {
        return null;
      }
    }
    return null;
  }
  if (depth >= MAX_DEPTH) return Array.isArray(template) ? { type: 'array' } : isRecord(template) ? { type: 'object' } : null;
  if (Array.isArray(template)) {
    const [first] = template;
    // ["list of str with length 2"] is the list itself, not a list of lists.
    if (template.length === 1 && typeof first === 'string' && LIST_OF.test(first)) return templateSchema(first, depth);
    return { type: 'array', items: (first === undefined ? null : templateSchema(first, depth + 1)) ?? {} };
  }
  if (isRecord(template)) {
    const entries = Object.entries(template)
      .filter(([k]) => k !== '_list_length')
      .slice(0, MAX_PROPERTIES);
    return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, templateSchema(v, depth + 1) ?? {}])) };
  }
  return null;
}
