import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolbenchReader } from './toolbench';
import { templateSchema } from './toolbench-template';

describe('ToolBench template_response', () => {
  it('reads Python type names, lists by their first item, and nested JSON text', () => {
    expect(
      templateSchema({ products: [{ id: 'int', name: 'str', category: 'NoneType', _list_length: 10 }], summary: { count: 'int', ok: 'bool', avg: 'float' } }),
    ).toEqual({
      type: 'object',
      properties: {
        products: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, category: {} } } },
        summary: { type: 'object', properties: { count: { type: 'integer' }, ok: { type: 'boolean' }, avg: { type: 'number' } } },
      },
    });
    expect(templateSchema({ tags: ['list of str with length 2'], none: 'empty list', ids: 'list of int with length 3' })).toEqual({
      type: 'object',
      properties: { tags: { type: 'array', items: { type: 'string' } }, none: { type: 'array' }, ids: { type: 'array', items: { type: 'integer' } } },
    });
    expect(templateSchema('{"data": {"id": "str"}}')).toEqual({
      type: 'object',
      properties: { data: { type: 'object', properties: { id: { type: 'string' } } } },
    });
    expect(templateSchema('Hello there')).toBeNull();
    expect(templateSchema(42)).toBeNull();
  });

  it('gives returns to the shared ToolBench APIs that have a template', () => {
    const dir = sharedData('toolbench');
    let templates = 0;
    let returns = 0;
    for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.json'))) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { api_list: Array<Record<string, unknown>> };
      templates += doc.api_list.filter((a) => 'template_response' in a).length;
      returns += finalizeTools(toolbenchReader.read(doc, f).raw).tools.filter((t) => t.returns).length;
    }
    expect(templates).toBe(560);
    // The other 53 are templates ToolBench kept as JSON text and cut short: they do not parse.
    expect(returns).toBe(507);
  });
});
