import { isRecord } from '../finalize';
import type { ImportWarning, RawTool } from '../model';
import { templateSchema } from './toolbench-template';
import { markedFromExamples } from './example-schema';
import type { FormatReader } from './reader';

type Schema = Record<string, unknown>;
type ToolbenchTool = Record<string, unknown> & { tool_name: string; api_list: unknown[] };

const isTool = (v: unknown): v is ToolbenchTool => isRecord(v) && typeof v.tool_name === 'string' && Array.isArray(v.api_list);

export const toolbenchReader: FormatReader = {
  format: 'toolbench',
  label: 'ToolBench / RapidAPI tool JSON',
  check(doc) {
    if (isTool(doc)) return null;
    if (Array.isArray(doc)) {
      if (doc.length === 0) return 'an empty array';
      return doc.every(isTool) ? null : 'an array whose elements are not all ToolBench tools (string "tool_name" and "api_list" array)';
    }
    return 'no string "tool_name" with an "api_list" array';
  },
  read(doc, file) {
    const tools = Array.isArray(doc) ? (doc as ToolbenchTool[]) : [doc as ToolbenchTool];
    const raw: RawTool[] = [];
    const warnings: ImportWarning[] = [];
    tools.forEach((tool, t) => readTool(tool, file, Array.isArray(doc) ? `/${t}` : '', raw, warnings));
    return { raw, warnings, title: titleOf(doc, tools) };
  },
};

function readTool(tool: ToolbenchTool, file: string, prefix: string, raw: RawTool[], warnings: ImportWarning[]) {
  const category = text(tool.category_name);
  const tags = [category, tool.tool_name].filter(Boolean);
  tool.api_list.forEach((api, i) => {
    const pointer = `${prefix}/api_list/${i}`;
    if (!isRecord(api) || !text(api.api_name)) {
      warnings.push({ file, pointer, message: 'not an API entry (needs a string "api_name"): skipped' });
      return;
    }
    const apiName = text(api.api_name);
    const warn = (p: string, message: string) => warnings.push({ file, pointer: `${pointer}/${p}`, message });
    raw.push({
      name: `${tool.tool_name}_${apiName}`,
      nameIsLabel: true,
      description: text(api.api_description) || text(tool.tool_description) || apiName,
      parameters: parametersOf(api, warn),
      ...('template_response' in api ? { returns: markedFromExamples(templateSchema(api.template_response)) ?? null } : {}),
      ...(text(api.method) ? { method: text(api.method) } : {}),
      source: { format: 'toolbench', file, pointer },
      tags,
    });
  });
}

function parametersOf(api: Record<string, unknown>, warn: (pointer: string, message: string) => void) {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const list of ['required_parameters', 'optional_parameters'] as const) {
    const params = Array.isArray(api[list]) ? (api[list] as unknown[]) : [];
    params.forEach((p, j) => {
      if (!isRecord(p) || !text(p.name)) {
        warn(`${list}/${j}`, 'not a parameter (needs a string "name"): skipped');
        return;
      }
      const name = text(p.name);
      if (name in properties) {
        warn(`${list}/${j}`, `parameter "${name}" is listed again: kept the first`);
        return;
      }
      properties[name] = parameterSchema(p);
      if (list === 'required_parameters') required.push(name);
    });
  }
  return { type: 'object', properties, required };
}

/** ToolBench types by their first word: `DATE (YYYY-MM-DD)` is a DATE whose format is in brackets. */
const TYPES: Record<string, Schema> = {
  string: { type: 'string' },
  str: { type: 'string' },
  enum: { type: 'string' },
  date: { type: 'string', format: 'date' },
  time: { type: 'string' },
  datetime: { type: 'string' },
  geopoint: { type: 'string' },
  number: { type: 'number' },
  float: { type: 'number' },
  double: { type: 'number' },
  integer: { type: 'integer' },
  int: { type: 'integer' },
  boolean: { type: 'boolean' },
  bool: { type: 'boolean' },
  // RapidAPI leaves the element type unsaid; OpenAI rejects an array schema without items.
  array: { type: 'array', items: {} },
  list: { type: 'array', items: {} },
  object: { type: 'object' },
  json: { type: 'object' },
};

/** Hints a bare JSON Schema type loses, kept for the model in the description. */
const HINTS: Record<string, string> = { geopoint: 'latitude,longitude' };

function parameterSchema(p: Record<string, unknown>): Schema {
  const declared = text(p.type);
  const [, word = '', bracketed] = /^([A-Za-z_]+)\s*(?:\((.*)\))?/.exec(declared) ?? [];
  const known = TYPES[word.toLowerCase()];
  const schema: Schema = { ...(known ?? { type: 'string' }) };
  const notes = [known ? (bracketed ?? HINTS[word.toLowerCase()]) : declared && `ToolBench type: ${declared}`].filter(Boolean);
  const description = [text(p.description), ...notes.map((n) => `(${n})`)].filter(Boolean).join(' ');
  if (description) schema.description = description;
  const value = defaultFor(schema.type as string, p.default);
  if (value !== undefined) schema.default = value;
  return schema;
}

/**
 * RapidAPI defaults are mostly text whatever the type, and often placeholders that do not fit it
 * ("checked" for a boolean): a default is kept only as a value of the declared type.
 */
function defaultFor(type: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
      // Long numeric IDs would lose digits as numbers.
      if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) return undefined;
      return type === 'integer' && !Number.isInteger(n) ? undefined : n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return typeof value === 'string' && /^(true|false)$/i.test(value.trim()) ? value.trim().toLowerCase() === 'true' : undefined;
    case 'array':
    case 'object': {
      const parsed = typeof value === 'string' ? tryJson(value) : value;
      return (type === 'array' ? Array.isArray(parsed) : isRecord(parsed)) ? parsed : undefined;
    }
    default:
      return undefined;
  }
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function titleOf(doc: unknown, tools: ToolbenchTool[]): string | undefined {
  if (!Array.isArray(doc) || tools.length === 1) return tools[0]?.tool_name;
  const categories = new Set(tools.map((t) => text(t.category_name)));
  const [only] = categories;
  return categories.size === 1 && only ? only : undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
