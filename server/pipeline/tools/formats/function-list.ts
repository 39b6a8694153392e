import { isRecord } from '../finalize';
import type { ImportWarning, RawTool, SourceFormat } from '../model';

/**
 * Function lists: OpenAI tools (`{type:"function", function:{…}}`), bare function objects, and MCP
 * `tools/list` results (`{tools:[{name, inputSchema}]}`), as one JSON document.
 */
export function detectFunctionList(doc: unknown): 'openai' | 'mcp' | null {
  const mcpTools = isRecord(doc) && Array.isArray(doc.tools) ? doc.tools : isRecord(doc) && isRecord(doc.result) && Array.isArray(doc.result.tools) ? doc.result.tools : null;
  if (mcpTools && mcpTools.length > 0 && mcpTools.every((t) => isRecord(t) && typeof t.name === 'string' && 'inputSchema' in t)) return 'mcp';
  const list = Array.isArray(doc) ? doc : null;
  if (list && list.length > 0 && list.every((t) => isFunctionObject(t) || (isRecord(t) && t.type === 'function' && isFunctionObject(t.function)))) return 'openai';
  return null;
}

export function readFunctionList(doc: unknown, file: string, format: 'openai' | 'mcp'): { raw: RawTool[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const raw: RawTool[] = [];
  if (format === 'mcp') {
    const inResult = isRecord(doc) && !Array.isArray(doc.tools);
    const tools = (inResult ? (doc as { result: { tools: unknown[] } }).result.tools : (doc as { tools: unknown[] }).tools) as Array<Record<string, unknown>>;
    tools.forEach((t, i) => raw.push(fromFunction({ ...t, parameters: t.inputSchema, returns: t.outputSchema }, file, `${inResult ? '/result' : ''}/tools/${i}`, 'mcp')));
    return { raw, warnings };
  }
  (doc as unknown[]).forEach((t, i) => {
    const wrapped = isRecord(t) && t.type === 'function';
    raw.push(fromFunction(wrapped ? (t.function as Record<string, unknown>) : (t as Record<string, unknown>), file, wrapped ? `/${i}/function` : `/${i}`, 'openai'));
  });
  return { raw, warnings };
}

/** BFCL and ACEBench: JSON Lines whose records carry a `function` list (or are one function each). */
export function readFunctionLines(text: string, file: string, format: Extract<SourceFormat, 'bfcl' | 'acebench'>) {
  const raw: RawTool[] = [];
  const warnings: ImportWarning[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const lineNo = index + 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      warnings.push({ file, pointer: `line ${lineNo}`, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    const functions = isRecord(record) && Array.isArray(record.function) ? record.function : isFunctionObject(record) ? [record] : null;
    if (!functions) {
      warnings.push({ file, pointer: `line ${lineNo}`, message: 'no "function" list and not a function object: skipped' });
      return;
    }
    functions.forEach((f, i) => {
      if (!isFunctionObject(f)) {
        warnings.push({ file, pointer: `line ${lineNo}/function/${i}`, message: 'not a function object (needs a string "name"): skipped' });
        return;
      }
      // The same function is documented again on many lines: keep its first definition.
      const key = JSON.stringify([f.name, f.parameters ?? null]);
      if (seen.has(key)) return;
      seen.add(key);
      const tool = fromFunction(f, file, `/function/${i}`, format);
      raw.push({ ...tool, source: { ...tool.source, line: lineNo } });
    });
  });
  return { raw, warnings };
}

function fromFunction(f: Record<string, unknown>, file: string, pointer: string, format: SourceFormat): RawTool {
  return {
    name: String(f.name ?? ''),
    description: typeof f.description === 'string' ? f.description : '',
    parameters: f.parameters,
    returns: f.returns ?? f.response,
    source: { format, file, pointer },
  };
}

function isFunctionObject(v: unknown): v is Record<string, unknown> & { name: string } {
  return isRecord(v) && typeof v.name === 'string' && (v.parameters === undefined || isRecord(v.parameters));
}
