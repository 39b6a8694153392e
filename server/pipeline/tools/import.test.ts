import { describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { importDocuments, type ImportedCollection } from './import';
import { toolSchema } from './model';
import { MAX_NESTING } from './parse';

/**
 * A corpus of broken inputs. Each one either fails with an ImportError that names the file and
 * says where and what, or imports what it can with a warning at the broken part. None may crash
 * (a non-ImportError exception) or take long.
 */

const enc = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => JSON.stringify(v, null, 2);
const bytesOf = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

/** `line L, column C` (both from 1) of a character offset, counted here from the text itself. */
function placeOf(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

/** `§` marks the defect: the text without it (with `insert` in its place) and where the mark was. */
const MARK = '§';
function marked(source: string, insert = ''): { text: string; path: string } {
  const [head, tail, ...more] = source.split(MARK);
  if (tail === undefined || more.length) throw new Error('mark the defect exactly once');
  return { text: head + insert + tail, path: placeOf(head!, head!.length) };
}

/** The same bytes on every run: a linear congruential generator. */
function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** A message that names every one of `words` (in any order). */
const mentionsAll = (...words: string[]) => new RegExp(words.map((w) => `(?=[\\s\\S]*${w})`).join(''));
const LISTS_FORMATS = mentionsAll('OpenAPI', 'Swagger', 'Postman', 'ToolBench', 'MCP', 'OpenAI', 'BFCL');

type Expected =
  | { error: { path: string | RegExp; message: RegExp } }
  | { tools: number; warning?: { pointer: string; message: RegExp }; check?: (c: ImportedCollection) => void };
type Case = { name: string; file: string; bytes: Uint8Array; expected: Expected };

const asBytes = (b: Uint8Array | string) => (typeof b === 'string' ? enc(b) : b);
const fails = (name: string, file: string, bytes: Uint8Array | string, path: string | RegExp, message: RegExp): Case => ({
  name,
  file,
  bytes: asBytes(bytes),
  expected: { error: { path, message } },
});
/** A syntax error: the place must be exactly where the `§` was. */
const syntax = (name: string, file: string, source: string, message: RegExp, insert = ''): Case => {
  const { text, path } = marked(source, insert);
  return fails(name, file, text, path, message);
};
const whole = (name: string, file: string, bytes: Uint8Array | string, message: RegExp) => fails(name, file, bytes, '', message);
const imports = (
  name: string,
  file: string,
  doc: unknown,
  tools: number,
  warning?: { pointer: string; message: RegExp },
  check?: (c: ImportedCollection) => void,
): Case => ({
  name,
  file,
  bytes: enc(typeof doc === 'string' ? doc : json(doc)),
  expected: { tools, warning, check },
});

const openapi = (paths: unknown, components: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  info: { title: 'Fixture', version: '1' },
  paths,
  components,
});
const fine = { get: { operationId: 'listThings', responses: { '200': { description: 'ok' } } } };
const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** 2,000 operations, pretty-printed: a defect put in the middle is on a line past 10,000. */
const SPEC = json(
  openapi(
    Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`/items/${i}`, { get: { operationId: `getItem${i}`, responses: { '200': { description: 'ok' } } } }]),
    ),
  ),
);
const deepSchema = (levels: number) => '{"type":"object","properties":{"child":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels);

const BLOB = seededBytes(10 * 2 ** 20, 20_240_607);
/** Where the platform's own (lenient) decoder first gives up on the blob. */
const BLOB_PLACE = (() => {
  const text = new TextDecoder().decode(BLOB.subarray(0, 4096));
  return placeOf(text, text.indexOf('\uFFFD'));
})();
const BIG_UNKNOWN = JSON.stringify({ records: Array.from({ length: 200_000 }, (_, i) => ({ id: i, label: `record number ${i}`, tags: ['a', 'b'] })) });

const YAML_SPEC = 'openapi: 3.0.3\ninfo:\n  title: Pets\n  version: "1"\npaths:\n  /pets:\n    get:\n      operationId: listPets\n';
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

const CASES: Case[] = [
  // Text that does not parse: the exact line and column of the defect.
  syntax('truncated JSON', 'spec.json', `${SPEC.slice(0, Math.floor(SPEC.length * 0.6)).trimEnd()}§`, /ends before it is complete/),
  // The comma is legal until the parser finds "}" where a property name must follow.
  syntax(
    'JSON with a trailing comma',
    'spec.json',
    '{\n  "openapi": "3.0.3",\n  "info": {"title": "T", "version": "1"},\n  "paths": {},\n§}',
    /Expected double-quoted property name/,
  ),
  syntax('JSON with a bad token mid-file', 'spec.json', SPEC.replace('"operationId": "getItem1234"', '"operationId": §getItem1234'), /Unexpected token 'g'/),
  syntax('JSON with a missing comma mid-file', 'spec.json', SPEC.replace(/"getItem777",(\s*)"responses"/, '"getItem777"$1§"responses"'), /Expected ',' or '}'/),
  syntax('YAML indentation error', 'spec.yaml', 'openapi: 3.0.3\ninfo:\n  title: Pets\n§ version: "1"\npaths: {}\n', /must start at the same column/),
  syntax(
    'YAML tab indentation',
    'spec.yaml',
    'openapi: 3.0.3\ninfo:\n  title: Pets\n  version: "1"\npaths:\n§\t/pets:\n    get:\n      operationId: listPets\n',
    /Tabs are not allowed/,
  ),
  syntax(
    'unclosed YAML double quote',
    'spec.yaml',
    'openapi: 3.0.3\ninfo:\n  title: §"Pets API\n  version: 1\npaths:\n  /pets:\n    get:\n      operationId: listPets\n',
    /Missing closing "quote/,
  ),
  syntax(
    'unclosed YAML single quote',
    'spec.yaml',
    "openapi: 3.0.3\ninfo:\n  title: Pets\n  version: 1\npaths:\n  /pets:\n    get:\n      summary: §'List pets\n      operationId: listPets\n",
    /Missing closing 'quote/,
  ),
  (() => {
    const source = '{\n  "openapi": "3.0.3",\n  "info": {"title": "Caf§", "version": "1"},\n  "paths": {}\n}';
    const [head, tail] = source.split(MARK);
    return fails('Latin-1 é inside a JSON string', 'spec.json', bytesOf(head!, [0xe9], tail!), marked(source).path, /byte 0xe9 .*not UTF-8/);
  })(),
  (() => {
    const source = 'openapi: 3.0.3\ninfo:\n  title: "§"\n  version: "1"\n';
    const [head, tail] = source.split(MARK);
    // CESU-8: a surrogate encoded on its own, which UTF-8 forbids although its bytes look well formed.
    return fails('UTF-8-encoded surrogate (CESU-8)', 'spec.yaml', bytesOf(head!, [0xed, 0xa0, 0x80], tail!), marked(source).path, /byte 0xed .*not UTF-8/);
  })(),
  syntax('NUL bytes', 'spec.json', '{\n  "openapi": "3.0.3",\n  "info": {"title": "§T"}\n}', /NUL/, '\u0000\u0000'),
  fails('10 MB of random bytes', 'blob.json', BLOB, BLOB_PLACE, /not UTF-8/),
  syntax('100k levels of [ never closed', 'deep.json', `${'['.repeat(100_000)}§`, /ends before it is complete/),
  fails(
    '100k levels of nested arrays',
    'deep.json',
    '['.repeat(100_000) + ']'.repeat(100_000),
    `line 1, column ${MAX_NESTING + 1}`,
    /nested more than \d+ levels/,
  ),
  fails(
    'an OpenAI tool whose parameters nest 5,000 levels',
    'tools.json',
    `[\n  {"name": "shallow", "parameters": {"type": "object", "properties": {}}},\n  {"name": "deep", "parameters": ${deepSchema(5000)}}\n]`,
    /^line 3, column \d+$/,
    /nested more than \d+ levels/,
  ),
  fails(
    'a JSON Lines record nested 5,000 levels',
    'bfcl.json',
    `{"function": [{"name": "a"}]}\n{"function": [{"name": "b", "parameters": ${deepSchema(5000)}}]}\n`,
    /^line 2, column \d+$/,
    /nested more than \d+ levels/,
  ),
  fails(
    'YAML flow collections nested 100k levels',
    'deep.yaml',
    `paths: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    /^line 1, column \d+$/,
    /not valid YAML/,
  ),

  // Whole files that are not a collection, or not one the studio reads.
  whole('UTF-16 LE with BOM', 'spec.json', bytesOf([0xff, 0xfe], [...Buffer.from('{"openapi": "3.0.3"}', 'utf16le')]), /UTF-16/),
  whole('UTF-16 BE with BOM', 'spec.json', bytesOf([0xfe, 0xff], [...Buffer.from('{"openapi": "3.0.3"}', 'utf16le').swap16()]), /UTF-16/),
  whole('empty file', 'spec.json', '', /empty/),
  whole('whitespace only', 'spec.yaml', ' \n\t\r\n   \n', /empty/),
  whole('a ZIP archive named .json', 'tools.json', bytesOf([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'tools.json'), /ZIP archive/),
  whole('a PNG image', 'tools.json', bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR'), /PNG image/),
  whole(
    'Postman collection v1',
    'v1.json',
    json({ id: 'c1', name: 'Old', order: ['r1'], folders: [], requests: [{ id: 'r1', name: 'Get', url: 'https://api.test/x', method: 'GET' }] }),
    /Postman collection v1 is not supported/,
  ),
  whole(
    'Postman environment',
    'env.json',
    json({ id: 'e1', name: 'Dev', values: [{ key: 'baseUrl', value: 'https://api.test', enabled: true }], _postman_variable_scope: 'environment' }),
    /Postman environment.*not a collection/,
  ),
  whole(
    'AsyncAPI document',
    'events.yaml',
    'asyncapi: 2.6.0\ninfo:\n  title: Events\n  version: 1.0.0\nchannels:\n  user/signedup:\n    subscribe:\n      message: {}\n',
    /AsyncAPI 2\.6\.0 is not supported/,
  ),
  whole('OpenAPI 2.5', 'spec.json', json({ openapi: '2.5', info: { title: 'T', version: '1' }, paths: { '/things': fine } }), /OpenAPI 2\.5 is not supported/),
  whole('openapi: "4.0"', 'spec.yaml', YAML_SPEC.replace('openapi: 3.0.3', 'openapi: "4.0"'), /OpenAPI 4\.0 is not supported/),
  whole(
    'Swagger 1.2 (swaggerVersion)',
    'api-docs.json',
    json({ swaggerVersion: '1.2', apiVersion: '1.0', apis: [{ path: '/pets' }] }),
    /Swagger 1\.2 is not supported/,
  ),
  whole('a JSON number', 'spec.json', '42', /single number/),
  whole('a JSON string', 'spec.json', '"hello"', /single string/),
  whole('JSON null', 'spec.json', 'null', /not a JSON or YAML document/),
  whole('plain text', 'notes.yaml', 'Just some notes about the API\nnothing structured in here\n', /not a JSON or YAML document.*plain text/),
  whole('a YAML document that is a bare string', 'spec.yaml', '--- "only a quoted string"\n', /single string/),
  whole('OpenAPI with no paths', 'spec.yaml', 'openapi: 3.0.3\ninfo:\n  title: Nothing\n  version: "1"\n', /no tools found/),
  whole('OpenAPI whose paths is a list', 'spec.json', json(openapi([{ '/things': fine }])), /no tools found.*\/paths.*not an object/),
  fails('JSON Lines whose records are not BFCL', 'data.jsonl', '{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n', 'line 1', /not BFCL/),
  whole('an empty JSON array', 'tools.json', '[]', /not a collection format/),
  whole('an object of unknown shape', 'thing.json', json({ name: 'inventory', items: [{ sku: 1 }] }), LISTS_FORMATS),
  whole('10 MB of valid JSON of unknown shape', 'big.json', BIG_UNKNOWN, LISTS_FORMATS),
  whole('YAML alias bomb (billion laughs)', 'bomb.yaml', BOMB, /alias/i),

  // Broken parts of documents that otherwise import.
  imports(
    'an operation that is a string',
    'spec.json',
    openapi({ '/things': { get: 'listThings', post: { operationId: 'createThing', responses: {} } }, '/other': fine }),
    2,
    { pointer: '/paths/~1things/get', message: /not an object/ },
  ),
  imports(
    'a Swagger path item that is a string',
    'spec.json',
    { swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/a': 'see elsewhere', '/b': { get: { operationId: 'getB', responses: {} } } } },
    1,
    { pointer: '/paths/~1a', message: /not an object/ },
  ),
  imports(
    'OpenAI tool whose parameters is a number',
    'tools.json',
    [
      { type: 'function', function: { name: 'lookup', parameters: 5 } },
      { type: 'function', function: { name: 'other', parameters: { type: 'object', properties: { q: { type: 'string' } } } } },
    ],
    2,
    { pointer: '/0/function', message: /parameters is number/ },
    (c) => expect(c.tools.find((t) => t.name === 'lookup')!.parameters.properties).toEqual({}),
  ),
  imports(
    'MCP tool whose inputSchema is a string',
    'mcp.json',
    {
      tools: [
        { name: 'ok', inputSchema: { type: 'object' } },
        { name: 'bad', inputSchema: 'none' },
      ],
    },
    2,
    { pointer: '/tools/1', message: /parameters is string/ },
  ),
  imports(
    'ToolBench api_list entries that are strings',
    'weather.json',
    { tool_name: 'Weather', api_list: ['current', { api_name: 'forecast', required_parameters: [{ name: 'city', type: 'STRING' }] }, 'history'] },
    1,
    { pointer: '/api_list/0', message: /not an API entry/ },
    (c) => expect(c.warnings.map((w) => w.pointer)).toEqual(['/api_list/0', '/api_list/2']),
  ),
  imports(
    'Postman item that is neither a request nor a folder',
    'c.json',
    {
      info: { name: 'C', schema: V21 },
      item: [
        { name: 'Just a note' },
        { name: 'Folder', item: [{ name: 'Get', request: { method: 'GET', url: 'https://api.test/a' } }] },
        { name: 'Post', request: { method: 'POST', url: 'https://api.test/b' } },
      ],
    },
    2,
    { pointer: '/item/0', message: /neither a request nor a folder/ },
  ),
  imports(
    'a recursive schema',
    'spec.json',
    openapi(
      { '/nodes': { post: { operationId: 'addNode', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } } },
      {
        schemas: {
          Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
        },
      },
    ),
    1,
    undefined,
    (c) => {
      const children = c.tools[0]!.parameters.properties.children as { items: { description: string } };
      expect(children.items.description).toMatch(/recursive/);
    },
  ),
  imports(
    'a $ref loop A→B→A in parameters',
    'spec.json',
    openapi(
      { '/things': fine, '/loop': { get: { operationId: 'loop', parameters: [{ $ref: '#/components/parameters/A' }] } } },
      { parameters: { A: { $ref: '#/components/parameters/B' }, B: { $ref: '#/components/parameters/A' } } },
    ),
    1,
    { pointer: '/components/parameters/B', message: /GET \/loop skipped.*loop/ },
  ),
  imports(
    'a dangling $ref in parameters',
    'spec.json',
    openapi({
      '/things': fine,
      '/d': { get: { operationId: 'dangle', parameters: [{ name: 'q', in: 'query' }, { $ref: '#/components/parameters/Missing' }] } },
    }),
    1,
    { pointer: '/paths/~1d/get/parameters/1', message: /Missing.*does not resolve/ },
  ),
  imports('an external $ref', 'spec.json', openapi({ '/things': fine, '/e': { get: { operationId: 'ext', parameters: [{ $ref: 'other.yaml#/X' }] } } }), 1, {
    pointer: '/paths/~1e/get/parameters/0',
    message: /other\.yaml#\/X.*outside this document/,
  }),
  imports(
    'JSON Lines whose line 3 is broken',
    'bfcl.json',
    ['a', 'b'].map((n) => `{"function": [{"name": "${n}", "parameters": {"type": "dict", "properties": {}}}]}`).join('\n') +
      '\n{"function": [{"name": "c"\n{"function": [{"name": "d"}]}\n',
    3,
    { pointer: 'line 3', message: /not valid JSON/ },
  ),
  imports('a BFCL function without a name', 'bfcl.json', '{"function": [{"name": "a"}]}\n{"function": [{"description": "no name"}, {"name": "b"}]}\n', 2, {
    pointer: 'line 2/function/0',
    message: /not a function object/,
  }),
];

describe('importing broken inputs', () => {
  it('has a corpus of at least 32 named cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(32);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  // A hang would hit the test's timeout; how fast each case is answered is for the benchmarks.
  it.each(CASES)('$name', { timeout: 30_000 }, ({ file, bytes, expected }) => {
    let result: ImportedCollection | undefined;
    let error: unknown;
    try {
      result = importDocuments([{ file, bytes }]);
    } catch (e) {
      error = e;
    }
    if ('error' in expected) {
      expect(error).toBeInstanceOf(ImportError);
      const e = error as ImportError;
      expect(e.file).toBe(file);
      if (typeof expected.error.path === 'string') expect(e.path).toBe(expected.error.path);
      else expect(e.path).toMatch(expected.error.path);
      expect(e.message).toMatch(expected.error.message);
      return;
    }
    expect(error).toBeUndefined();
    expect(result!.tools).toHaveLength(expected.tools);
    for (const t of result!.tools) expect(toolSchema.safeParse(t).success, t.name).toBe(true);
    if (expected.warning)
      expect(result!.warnings).toContainEqual({ file, pointer: expected.warning.pointer, message: expect.stringMatching(expected.warning.message) });
    expected.check?.(result!);
  });
});

describe('what the importer takes without refusing, and says so', () => {
  const importOne = (file: string, text: string) => importDocuments([{ file, bytes: enc(text) }]);

  it('reports a YAML key written twice in one mapping, and reads the last', () => {
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: Trains, version: "1" }',
      'paths:',
      '  /trains:',
      '    get:',
      '      operationId: list_trains',
      '      responses: { "200": { description: ok } }',
      '    get:',
      '      operationId: find_trains',
      '      responses: { "200": { description: ok } }',
    ].join('\n');
    const r = importOne('trains.yaml', yaml);
    expect(r.tools.map((t) => t.name)).toEqual(['find_trains']);
    expect(r.warnings).toContainEqual({
      file: 'trains.yaml',
      pointer: 'line 8',
      message: 'key "get" appears again in the same mapping (first at line 5): only this last one was read',
    });
  });

  it('reports "parameters" that is not a list, and a parameter without name or in', () => {
    const doc = openapi({
      '/trains': { get: { operationId: 'list_trains', parameters: { from: { in: 'query' } }, responses: { 200: { description: 'ok' } } } },
      '/trains/{id}': {
        get: {
          operationId: 'get_train',
          parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }, { description: 'no name' }],
          responses: { 200: { description: 'ok' } },
        },
      },
    });
    const r = importOne('trains.json', json(doc));
    expect(r.tools.map((t) => t.name).sort()).toEqual(['get_train', 'list_trains']);
    expect(r.warnings).toContainEqual({
      file: 'trains.json',
      pointer: '/paths/~1trains/get/parameters',
      message: 'GET /trains: "parameters" is an object, not a list: none of them were read',
    });
    expect(r.warnings).toContainEqual({
      file: 'trains.json',
      pointer: '/paths/~1trains~1{id}/get/parameters/1',
      message: 'GET /trains/{id}: parameter 2 has no "name" and "in" strings: skipped',
    });
  });
});
