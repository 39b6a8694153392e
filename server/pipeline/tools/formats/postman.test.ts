import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolSchema } from '../model';
import { postmanReader, postmanV1Reason } from './postman';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const collection = (item: unknown[], extra: Record<string, unknown> = {}) => ({ info: { name: 'Fixture', schema: V21 }, item, ...extra });
type Params = { properties: Record<string, Record<string, unknown>>; required: string[] };
const paramsOf = (doc: unknown, i = 0) => postmanReader.read(doc, 'c.json').raw[i]!.parameters as Params;

describe('Postman collections from the shared data', () => {
  /** Requests counted straight from the JSON: every item without an `item` list of its own. */
  const countRequests = (items: Array<{ item?: unknown[] }>): number =>
    items.reduce((n, it) => n + (Array.isArray(it.item) ? countRequests(it.item as Array<{ item?: unknown[] }>) : 1), 0);

  it.each(['newman_sample-collection.v2.0.json', 'adyen_CheckoutService-v71.postman_collection.json', 'twitter_api_v2.postman_collection.json'])(
    '%s: one tool per request',
    (name) => {
      const file = sharedData('postman', name);
      const doc = readJson(file) as { info: { name: string }; item: Array<{ item?: unknown[] }> };
      expect(postmanReader.check(doc)).toBeNull();
      const { raw, warnings, title } = postmanReader.read(doc, name);
      expect(warnings).toEqual([]);
      expect(title).toBe(doc.info.name);
      expect(raw).toHaveLength(countRequests(doc.item));
      const { tools } = finalizeTools(raw);
      for (const t of tools) expect(toolSchema.safeParse(t).success).toBe(true);
      expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    },
  );

  it('reads Twitter path variables with their descriptions and tags each request with its folder', () => {
    const doc = readJson(sharedData('postman', 'twitter_api_v2.postman_collection.json'));
    const tweet = postmanReader.read(doc, 'twitter.json').raw[0]!;
    expect(tweet).toMatchObject({ name: 'Single Tweet', method: 'GET', tags: ['Tweet Lookup'], source: { format: 'postman', pointer: '/item/0/item/0' } });
    expect(tweet.parameters).toMatchObject({
      properties: { id: { type: 'string', 'x-in': 'path', description: 'Required. Enter a single Tweet ID.' } },
      required: ['id'],
    });
    // Collection variables (the tokens) are configuration, not inputs.
    expect(JSON.stringify(tweet.parameters)).not.toContain('bearer_token');
  });

  it('keeps the base URL and a body key filled from {{YOUR_MERCHANT_ACCOUNT}} as one input (Adyen)', () => {
    const doc = readJson(sharedData('postman', 'adyen_CheckoutService-v71.postman_collection.json'));
    const cancel = postmanReader.read(doc, 'adyen.json').raw[0]!;
    const { properties } = cancel.parameters as Params;
    expect(Object.keys(properties)).toEqual(['paymentReference', 'reference', 'merchantAccount']);
    expect(properties.merchantAccount).toEqual({ type: 'string', 'x-in': 'body' });
    expect(cancel.description).toMatch(/^Cancels the authorisation/);
  });
});

describe('Postman fixtures', () => {
  it('flattens nested folders and tags each request with the folders above it', () => {
    const doc = collection([
      {
        name: 'Users',
        item: [
          { name: 'Admin', item: [{ name: 'List admins', request: { method: 'get', url: 'https://x.test/admins' } }] },
          { name: 'Me', request: 'https://x.test/me' },
        ],
      },
      { name: 'Ping', request: { method: 'HEAD', url: { raw: 'https://x.test/ping' } } },
    ]);
    const { raw } = postmanReader.read(doc, 'c.json');
    expect(raw.map((r) => [r.name, r.method, r.tags, r.source.pointer])).toEqual([
      ['List admins', 'GET', ['Users', 'Admin'], '/item/0/item/0/item/0'],
      ['Me', 'GET', ['Users'], '/item/0/item/1'],
      ['Ping', 'HEAD', [], '/item/1'],
    ]);
    expect(raw[1]!.description).toBe('GET https://x.test/me');
  });

  it('makes :id a required path input and {{userId}} an optional variable, leaving configured variables out', () => {
    const url = {
      raw: '{{baseUrl}}/users/{{userId}}/posts/:id',
      host: ['{{baseUrl}}'],
      path: ['users', '{{userId}}', 'posts', ':id'],
      variable: [{ key: 'id', value: '', description: 'The post' }],
    };
    const doc = collection(
      [
        {
          name: 'Get post',
          request: {
            method: 'GET',
            url,
            header: [
              { key: 'X-Trace', value: '{{traceId}}' },
              { key: 'X-Old', value: '{{gone}}', disabled: true },
            ],
          },
        },
      ],
      {
        variable: [
          { key: 'baseUrl', value: '' },
          { key: 'traceId', value: 'abc' },
          { key: 'userId', value: '', description: 'Whose posts' },
        ],
      },
    );
    const { properties, required } = paramsOf(doc);
    expect(properties).toEqual({
      id: { type: 'string', description: 'The post', 'x-in': 'path' },
      userId: { type: 'string', description: 'Whose posts', 'x-in': 'variable' },
    });
    expect(required).toEqual(['id']);
  });

  it('turns JSON body keys into typed properties with their examples', () => {
    const body = {
      mode: 'raw',
      raw: '{"title": "Hi", "count": {{count}}, "price": 9.5, "draft": true, "tags": ["a"], "lines": [{"sku": "A"}, {"qty": 2}], "author": {"id": 7}, "owner": "{{owner}}"}',
      options: { raw: { language: 'json' } },
    };
    const { properties } = paramsOf(collection([{ name: 'Create post', request: { method: 'POST', url: 'https://x.test/posts', body } }]));
    expect(properties).toEqual({
      title: { type: 'string', examples: ['Hi'], 'x-in': 'body' },
      count: { type: 'string', 'x-in': 'body' },
      price: { type: 'number', examples: [9.5], 'x-in': 'body' },
      draft: { type: 'boolean', examples: [true], 'x-in': 'body' },
      tags: { type: 'array', items: { type: 'string' }, examples: [['a']], 'x-in': 'body' },
      lines: {
        type: 'array',
        items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } },
        examples: [[{ sku: 'A' }, { qty: 2 }]],
        'x-in': 'body',
      },
      author: { type: 'object', properties: { id: { type: 'integer' } }, examples: [{ id: 7 }], 'x-in': 'body' },
      owner: { type: 'string', 'x-in': 'body' },
    });
  });

  it('reads form fields, a text body and a JSON body after comment lines', () => {
    const form = {
      mode: 'urlencoded',
      urlencoded: [
        { key: 'q', value: 'cats', description: 'Search terms' },
        { key: 'old', value: '1', disabled: true },
      ],
    };
    const text = { mode: 'raw', raw: 'hello {{name}}' };
    const commented = { mode: 'raw', raw: '// Replace the id\n{"target_user_id": "id"}' };
    const doc = collection([form, text, commented].map((body, i) => ({ name: `r${i}`, request: { method: 'POST', url: 'https://x.test', body } })));
    expect(paramsOf(doc, 0).properties).toEqual({ q: { type: 'string', description: 'Search terms', examples: ['cats'], 'x-in': 'body' } });
    expect(paramsOf(doc, 1).properties).toEqual({
      body: { type: 'string', description: 'The request body', examples: ['hello {{name}}'], 'x-in': 'body' },
      name: { type: 'string', description: 'Postman variable {{name}}', 'x-in': 'variable' },
    });
    expect(Object.keys(paramsOf(doc, 2).properties)).toEqual(['target_user_id']);
  });

  it('types query values and keeps disabled ones as optional inputs', () => {
    const query = [
      { key: 'limit', value: '10', description: 'Page size' },
      { key: 'all', value: 'true' },
      { key: 'zip', value: '01234' },
      { key: 'debug', value: '1', disabled: true },
    ];
    const { properties, required } = paramsOf(
      collection([{ name: 'List', request: { url: { raw: 'https://x.test/list?limit=10&all=true&zip=01234', host: ['x', 'test'], path: ['list'], query } } }]),
    );
    expect(properties).toEqual({
      limit: { type: 'number', examples: [10], description: 'Page size', 'x-in': 'query' },
      all: { type: 'boolean', examples: [true], 'x-in': 'query' },
      zip: { type: 'string', examples: ['01234'], 'x-in': 'query' },
      debug: { type: 'number', examples: [1], 'x-in': 'query' },
    });
    expect(required).toEqual([]);
  });

  it('warns about items that are neither requests nor folders and bodies declared JSON that are not', () => {
    const body = { mode: 'raw', raw: '{"a": ', options: { raw: { language: 'json' } } };
    const { raw, warnings } = postmanReader.read(
      collection([{ name: 'Note' }, { name: 'Broken', request: { method: 'PUT', url: 'https://x.test', body } }]),
      'c.json',
    );
    expect(raw.map((r) => r.name)).toEqual(['Broken']);
    expect((raw[0]!.parameters as Params).properties.body).toMatchObject({ type: 'string', 'x-in': 'body' });
    expect(warnings).toEqual([
      { file: 'c.json', pointer: '/item/0', message: 'neither a request nor a folder: skipped' },
      { file: 'c.json', pointer: '/item/1', message: expect.stringMatching(/^raw body is declared as JSON but does not parse/) },
    ]);
  });
});

describe('Postman detection', () => {
  it('recognises v2.0 and v2.1 and says why other documents are not', () => {
    expect(postmanReader.check(collection([]))).toBeNull();
    expect(postmanReader.check({ info: { schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' }, item: [] })).toBeNull();
    expect(postmanReader.check({ info: { schema: 'https://schema.getpostman.com/json/collection/v3.0.0/' }, item: [] })).toMatch(/v2\.0 or v2\.1/);
    expect(postmanReader.check({ info: { schema: V21 } })).toMatch(/item/);
    expect(postmanReader.check({ openapi: '3.0.0' })).toMatch(/info\.schema/);
    expect(postmanReader.check([])).toBe('not a JSON object');
  });

  it('names a v1 collection as unsupported and how to convert it', () => {
    const v1 = readJson(sharedData('postman', 'newman_v1.postman_collection.json'));
    expect(postmanV1Reason(v1)).toMatch(/^Postman collection v1 is not supported: .*Collection v2\.1/);
    expect(postmanReader.check(v1)).toBe(postmanV1Reason(v1));
    expect(postmanV1Reason(readJson(sharedData('postman', 'twitter_api_v2.postman_collection.json')))).toBeNull();
    expect(postmanV1Reason({ requests: [] })).toBeNull();
  });
});
