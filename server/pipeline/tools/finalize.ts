import { capExamples } from './examples';
import { toFunctionName, uniqueNames } from './names';
import { classifyOp } from './op';
import type { ImportWarning, RawTool, Tool } from './model';

/**
 * Turns what an importer extracted into Tools: valid unique names, object parameter schemas
 * (BFCL's "dict" is "object"), and read/write with its reason. What had to be repaired is warned.
 */
export function finalizeTools(raw: RawTool[]): { tools: Tool[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const where = (t: RawTool) => ({ file: t.source.file, pointer: t.source.pointer ?? '' });
  const valid = raw.map((t) => toFunctionName(t.name));
  const names = uniqueNames(valid);
  const tools = raw.map((t, i): Tool => {
    const name = names[i]!;
    if (name !== valid[i]) warnings.push({ ...where(t), message: `tool "${t.name}" repeats an earlier name: renamed to "${name}"` });
    else if (name !== t.name && !t.nameIsLabel) warnings.push({ ...where(t), message: `tool "${t.name}" is not a valid function name: renamed to "${name}"` });
    const { op, reason } = classifyOp(t);
    const examples = capExamples(t.examples);
    return {
      name,
      description: t.description.trim(),
      parameters: normalizeParameters(t.parameters, (m) => warnings.push({ ...where(t), message: m })),
      returns: isRecord(t.returns) ? normalizeSchema(t.returns) : null,
      ...(examples.length ? { examples } : {}),
      op,
      opReason: reason,
      source: t.source,
      tags: t.tags ?? [],
    };
  });
  return { tools, warnings };
}

function normalizeParameters(p: unknown, warn: (m: string) => void): Tool['parameters'] {
  if (p === undefined || p === null) return { type: 'object', properties: {} };
  if (!isRecord(p)) {
    warn(`parameters is ${typeof p}, not a JSON Schema object: taken as no parameters`);
    return { type: 'object', properties: {} };
  }
  const s = normalizeSchema(p);
  if (s.type !== undefined && s.type !== 'object') warn(`parameters has type "${String(s.type)}", not "object": taken as an object`);
  const properties = isRecord(s.properties) ? (s.properties as Record<string, Record<string, unknown>>) : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string' && r in properties) : undefined;
  return { ...s, type: 'object', properties, ...(required && required.length ? { required } : { required: undefined }) };
}

/** BFCL and ACEBench write Python-flavoured types ("dict", "float", "tuple"); JSON Schema has others. */
const TYPE_ALIASES: Record<string, string> = {
  dict: 'object',
  float: 'number',
  int: 'integer',
  bool: 'boolean',
  tuple: 'array',
  list: 'array',
  str: 'string',
  any: 'string',
};

export function normalizeSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' && typeof v === 'string') out.type = TYPE_ALIASES[v] ?? v;
    else if ((k === 'properties' || k === 'definitions' || k === '$defs') && isRecord(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, isRecord(pv) ? normalizeSchema(pv) : pv]));
    else if ((k === 'items' || k === 'additionalProperties') && isRecord(v)) out[k] = normalizeSchema(v);
    else if ((k === 'anyOf' || k === 'oneOf' || k === 'allOf') && Array.isArray(v)) out[k] = v.map((x) => (isRecord(x) ? normalizeSchema(x) : x));
    else out[k] = v;
  }
  return out;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
