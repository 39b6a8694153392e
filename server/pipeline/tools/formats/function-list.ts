import { isRecord } from '../finalize';
import type { ImportWarning, RawTool, SourceFormat } from '../model';
import type { FormatReader, ReadResult } from './reader';

/**
 * Function lists: OpenAI tools (`{type:"function", function:{…}}`), bare function objects, and MCP
 * `tools/list` results (`{tools:[{name, inputSchema}]}`), as one JSON document.
 */
export function detectFunctionList(doc: unknown): 'openai' | 'mcp' | null {
  if (mcpTools(doc)) return 'mcp';
  const list = Array.isArray(doc) ? doc : null;
  // A {type:"function"} entry is claimed even with broken parameters: finalize warns about those at the entry.
  if (
    list &&
    list.length > 0 &&
    list.every((t) => isFunctionObject(t) || (isRecord(t) && t.type === 'function' && isRecord(t.function) && typeof t.function.name === 'string'))
  )
    return 'openai';
  return null;
}

function mcpTools(doc: unknown): { tools: unknown[]; at: string } | null {
  const found =
    isRecord(doc) && Array.isArray(doc.tools)
      ? { tools: doc.tools, at: '/tools' }
      : isRecord(doc) && isRecord(doc.result) && Array.isArray(doc.result.tools)
        ? { tools: doc.result.tools, at: '/result/tools' }
        : null;
  return found && found.tools.length > 0 && found.tools.every((t) => isRecord(t) && typeof t.name === 'string' && 'inputSchema' in t) ? found : null;
}

export function readFunctionList(doc: unknown, file: string, format: 'openai' | 'mcp'): ReadResult {
  if (format === 'mcp') {
    const { tools, at } = mcpTools(doc)!;
    const raw = (tools as Array<Record<string, unknown>>).map((t, i) =>
      fromFunction({ ...t, parameters: t.inputSchema, returns: t.outputSchema }, file, `${at}/${i}`, 'mcp'),
    );
    return { raw, warnings: [] };
  }
  const raw = (doc as unknown[]).map((t, i) => {
    const wrapped = isRecord(t) && t.type === 'function';
    return fromFunction(
      wrapped ? (t.function as Record<string, unknown>) : (t as Record<string, unknown>),
      file,
      wrapped ? `/${i}/function` : `/${i}`,
      'openai',
    );
  });
  return { raw, warnings: [] };
}

export const mcpReader: FormatReader = {
  format: 'mcp',
  label: 'MCP tools/list result',
  check: (doc) => (detectFunctionList(doc) === 'mcp' ? null : 'no "tools" list whose entries have "name" and "inputSchema"'),
  read: (doc, file) => readFunctionList(doc, file, 'mcp'),
};

export const openaiReader: FormatReader = {
  format: 'openai',
  label: 'OpenAI tool list',
  check: (doc) => (detectFunctionList(doc) === 'openai' ? null : 'not a list of {type:"function", function} or {name, parameters} objects'),
  read: (doc, file) => readFunctionList(doc, file, 'openai'),
};

/** A BFCL or ACEBench record: a test case with a `function` list, or one function documented alone. */
export const isFunctionRecord = (v: unknown) => (isRecord(v) && Array.isArray(v.function)) || (isFunctionObject(v) && !('type' in v));

/**
 * BFCL and ACEBench share a layout; ACEBench asks its question as a string ("user: …"), BFCL as a
 * list of turns of messages, and BFCL's stateful API docs have no question at all.
 */
export const functionLinesFormat = (firstRecord: unknown): Extract<SourceFormat, 'bfcl' | 'acebench'> =>
  isRecord(firstRecord) && typeof firstRecord.question === 'string' ? 'acebench' : 'bfcl';

/** BFCL and ACEBench: JSON Lines whose records carry a `function` list (or are one function each). */
export function readFunctionLines(text: string, file: string, format: Extract<SourceFormat, 'bfcl' | 'acebench'>): ReadResult {
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
    const listed = functions !== null && isRecord(record) && Array.isArray(record.function);
    functions.forEach((f, i) => {
      if (!isFunctionObject(f)) {
        warnings.push({ file, pointer: `line ${lineNo}/function/${i}`, message: 'not a function object (needs a string "name"): skipped' });
        return;
      }
      // The same function is documented again on many lines: keep its first definition.
      const key = JSON.stringify([f.name, f.parameters ?? null]);
      if (seen.has(key)) return;
      seen.add(key);
      const tool = fromFunction(f, file, listed ? `/function/${i}` : '', format);
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
