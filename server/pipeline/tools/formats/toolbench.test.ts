import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolSchema } from '../model';
import { toolbenchReader } from './toolbench';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
type Params = { properties: Record<string, Record<string, unknown>>; required: string[] };

describe('ToolBench tools from the shared data', () => {
  it.each([
    ['Travel', 'bart.json'],
    ['Travel', 'deutsche_bahn.json'],
    ['Travel', 'flixbus.json'],
    ['Science', 'astronomy.json'],
  ])('%s/%s: one tool per API', (category, name) => {
    const file = sharedData('toolbench', category, name);
    const doc = readJson(file) as { tool_name: string; category_name: string; api_list: unknown[] };
    expect(toolbenchReader.check(doc)).toBeNull();
    const { raw, warnings, title } = toolbenchReader.read(doc, name);
    expect(warnings).toEqual([]);
    expect(title).toBe(doc.tool_name);
    expect(raw).toHaveLength(doc.api_list.length);
    expect(raw[0]!.tags).toEqual([doc.category_name, doc.tool_name]);
    expect(raw[0]!.source).toEqual({ format: 'toolbench', file: name, pointer: '/api_list/0' });
    const { tools } = finalizeTools(raw);
    for (const t of tools) expect(toolSchema.safeParse(t).success).toBe(true);
  });

  it('reads BART with the required "cmd" and its default', () => {
    const { raw } = toolbenchReader.read(readJson(sharedData('toolbench', 'Travel', 'bart.json')), 'bart.json');
    expect(raw[0]).toMatchObject({ name: 'BART_Schedule information', method: 'GET', description: 'Schedule information' });
    expect(raw[0]!.parameters).toMatchObject({
      required: ['cmd'],
      properties: { cmd: { type: 'string', default: 'arrive' }, orig: { type: 'string', default: '24th' } },
    });
  });

  it('keeps the first of a repeated parameter and warns (Reqres)', () => {
    const { raw, warnings } = toolbenchReader.read(readJson(sharedData('toolbench', 'Advertising', 'reqres_dont_change.json')), 'reqres.json');
    expect((raw[1]!.parameters as Params).properties['array[]']).toEqual({ type: 'array', items: {}, default: ['asd', 'dsa'] });
    expect(warnings).toEqual([
      { file: 'reqres.json', pointer: '/api_list/1/optional_parameters/1', message: 'parameter "array[]" is listed again: kept the first' },
    ]);
  });
});

describe('ToolBench fixtures', () => {
  const tool = {
    tool_name: 'Weather',
    category_name: 'Data',
    tool_description: 'Forecasts for any place',
    api_list: [
      {
        api_name: 'forecast',
        api_description: '',
        method: 'GET',
        required_parameters: [
          { name: 'where', type: 'GEOPOINT', description: 'The place', default: '' },
          { name: 'days', type: 'NUMBER', description: 'How many days', default: '3' },
        ],
        optional_parameters: [
          { name: 'day', type: 'DATE (YYYY-MM-DD)', description: 'First day', default: '2024-05-01' },
          { name: 'at', type: 'TIME (24-hour HH:MM)', description: '', default: '' },
          { name: 'metric', type: 'boolean', description: '', default: 'checked' },
          { name: 'units', type: 'ENUM', description: 'Unit system', default: 'si' },
          { name: 'id', type: 'NUMBER', description: '', default: '8370310025568788107' },
          { name: 'filter', type: 'OBJECT', description: '', default: '{"rain": true}' },
          { name: 'shape', type: 'POLYGON', description: 'Area', default: 'x' },
        ],
      },
    ],
  };

  it('maps ToolBench types to JSON Schema and keeps only defaults that fit them', () => {
    const { raw } = toolbenchReader.read(tool, 'weather.json');
    expect(raw[0]).toMatchObject({ name: 'Weather_forecast', description: 'Forecasts for any place', method: 'GET', tags: ['Data', 'Weather'] });
    expect(raw[0]!.parameters).toEqual({
      type: 'object',
      required: ['where', 'days'],
      properties: {
        where: { type: 'string', description: 'The place (latitude,longitude)' },
        days: { type: 'number', description: 'How many days', default: 3 },
        day: { type: 'string', format: 'date', description: 'First day (YYYY-MM-DD)', default: '2024-05-01' },
        at: { type: 'string', description: '(24-hour HH:MM)' },
        metric: { type: 'boolean' },
        units: { type: 'string', description: 'Unit system', default: 'si' },
        id: { type: 'number' },
        filter: { type: 'object', default: { rain: true } },
        shape: { type: 'string', description: 'Area (ToolBench type: POLYGON)', default: 'x' },
      },
    });
  });

  it('warns about malformed API and parameter entries and imports the rest', () => {
    const doc = [
      { ...tool, api_list: [tool.api_list[0], 'oops', { api_description: 'no name' }, { api_name: 'ok', required_parameters: [{ type: 'STRING' }] }] },
    ];
    const { raw, warnings } = toolbenchReader.read(doc, 'w.json');
    expect(raw.map((r) => [r.name, r.source.pointer, r.method])).toEqual([
      ['Weather_forecast', '/0/api_list/0', 'GET'],
      ['Weather_ok', '/0/api_list/3', undefined],
    ]);
    expect(raw[1]!.description).toBe('Forecasts for any place');
    expect(warnings.map((w) => w.pointer)).toEqual(['/0/api_list/1', '/0/api_list/2', '/0/api_list/3/required_parameters/0']);
  });

  it('accepts one tool or an array of them, titled by tool or shared category', () => {
    expect(toolbenchReader.check(tool)).toBeNull();
    expect(toolbenchReader.check([tool, { ...tool, tool_name: 'Other' }])).toBeNull();
    expect(toolbenchReader.read([tool, { ...tool, tool_name: 'Other' }], 'w.json').title).toBe('Data');
    expect(toolbenchReader.read([tool], 'w.json').title).toBe('Weather');
    expect(toolbenchReader.check([])).toMatch(/empty/);
    expect(toolbenchReader.check([tool, { name: 'x' }])).toMatch(/not all/);
    expect(toolbenchReader.check({ openapi: '3.0.0' })).toMatch(/tool_name/);
  });
});
