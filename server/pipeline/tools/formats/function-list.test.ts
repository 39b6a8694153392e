import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolSchema } from '../model';
import { detectFunctionList, readFunctionLines, readFunctionList } from './function-list';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;

describe('OpenAI tool lists', () => {
  it.each(['retail', 'airline'])('imports every τ-bench %s tool with its schema', (domain) => {
    const file = sharedData('taubench', domain, 'tools.json');
    const doc = readJson(file);
    expect(detectFunctionList(doc)).toBe('openai');
    const { raw } = readFunctionList(doc, file, 'openai');
    const { tools, warnings } = finalizeTools(raw);
    // Counted from the raw file: one entry per {type:"function"} element.
    const expected = (doc as Array<{ type: string }>).filter((t) => t.type === 'function').length;
    expect(tools).toHaveLength(expected);
    expect(warnings).toEqual([]);
    for (const t of tools) expect(toolSchema.safeParse(t).success).toBe(true);
    expect(tools[0]!.source).toEqual({ format: 'openai', file, pointer: '/0/function' });
  });

  it('accepts bare function objects and MCP tools/list results', () => {
    expect(detectFunctionList([{ name: 'get_time', parameters: { type: 'object', properties: {} } }])).toBe('openai');
    const mcp = {
      result: {
        tools: [
          {
            name: 'create_issue',
            description: 'Create an issue',
            inputSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
          },
        ],
      },
    };
    expect(detectFunctionList(mcp)).toBe('mcp');
    const { tools } = finalizeTools(readFunctionList(mcp, 'mcp.json', 'mcp').raw);
    expect(tools[0]).toMatchObject({
      name: 'create_issue',
      op: 'write',
      parameters: { required: ['title'] },
      source: { format: 'mcp', pointer: '/result/tools/0' },
    });
  });

  it('does not claim documents of other shapes', () => {
    expect(detectFunctionList({ openapi: '3.0.0' })).toBeNull();
    expect(detectFunctionList([])).toBeNull();
    expect(detectFunctionList([{ title: 'x' }])).toBeNull();
  });
});

describe('BFCL and ACEBench JSON Lines', () => {
  const distinctFunctions = (text: string) => {
    const seen = new Set<string>();
    for (const line of text.split('\n').filter((l) => l.trim())) {
      const rec = JSON.parse(line) as { function?: Array<{ name: string; parameters?: unknown }>; name?: string; parameters?: unknown };
      for (const f of rec.function ?? [rec as { name: string; parameters?: unknown }]) seen.add(JSON.stringify([f.name, f.parameters ?? null]));
    }
    return seen.size;
  };

  const files = [
    ...['BFCL_v4_simple_python.json', 'BFCL_v4_multiple.json'].map((f) => ['bfcl', sharedData('bfcl', f)] as const),
    ...fs.readdirSync(sharedData('bfcl', 'multi_turn_func_doc')).map((f) => ['bfcl', sharedData('bfcl', 'multi_turn_func_doc', f)] as const),
    ...fs
      .readdirSync(sharedData('acebench'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ['acebench', sharedData('acebench', f)] as const),
  ];

  it.each(files)('%s %s: every distinct function, "dict" read as object', (format, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const { raw, warnings: readWarnings } = readFunctionLines(text, path.basename(file), format);
    const { tools } = finalizeTools(raw);
    expect(readWarnings).toEqual([]);
    expect(tools).toHaveLength(distinctFunctions(text));
    for (const t of tools) {
      expect(t.parameters.type).toBe('object');
      expect(JSON.stringify(t.parameters)).not.toContain('"type":"dict"');
      expect(toolSchema.safeParse(t).success).toBe(true);
      expect(t.source.line).toBeGreaterThan(0);
    }
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
  });

  it('warns with the line of a broken record and imports the rest', () => {
    const text = '{"function":[{"name":"a","parameters":{"type":"dict","properties":{}}}]}\n{"function": [\n{"nope":1}\n';
    const { raw, warnings } = readFunctionLines(text, 'x.jsonl', 'bfcl');
    expect(raw.map((r) => r.name)).toEqual(['a']);
    expect(warnings.map((w) => w.pointer)).toEqual(['line 2', 'line 3']);
    expect(warnings[0]!.message).toMatch(/not valid JSON/);
  });
});
