import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolSchema } from '../model';
import { postmanReader } from './postman';

const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const readJson = (name: string) => JSON.parse(fs.readFileSync(sharedData('postman', name), 'utf8')) as unknown;

const order = {
  data: {
    id: 'o_1',
    status: 'shipped',
    total: 12,
    placed_at: '2024-03-01T10:00:00Z',
    customer: { email: 'ann@example.com', name: 'Ann' },
    lines: [
      { sku: 'A-1', qty: 2 },
      { sku: 'B-2', qty: 1, gift: true, price: 3.5 },
    ],
  },
};

const fixture = {
  info: { name: 'Shop', schema: V21 },
  item: [
    {
      name: 'Get order',
      request: { method: 'GET', url: { raw: '{{baseUrl}}/orders/:id', host: ['{{baseUrl}}'], path: ['orders', ':id'] } },
      response: [
        { name: 'Not found', code: 404, status: 'Not Found', header: [{ key: 'Content-Type', value: 'application/json' }], body: '{"error": "no such order"}' },
        { name: 'Found', code: 200, status: 'OK', _postman_previewlanguage: 'json', body: JSON.stringify(order, null, 2) },
        { name: 'Found, cancelled', code: 200, body: '{"data": {"id": "o_2", "status": "cancelled", "total": 7.25, "lines": []}}' },
        { name: 'Empty', code: 200, body: '' },
      ],
    },
    {
      name: 'Health',
      request: { method: 'GET', url: '{{baseUrl}}/health' },
      response: [{ name: 'Up', body: 'OK' }],
    },
    { name: 'No examples', request: { method: 'GET', url: '{{baseUrl}}/ping' }, response: [] },
  ],
};

describe('Postman saved responses', () => {
  const { tools } = finalizeTools(postmanReader.read(fixture, 'shop.json').raw);
  const [get, health, none] = tools;

  it('keeps saved responses with a body as examples, successes first, errors after them', () => {
    for (const t of tools) expect(toolSchema.safeParse(t).success, t.name).toBe(true);
    expect(get!.examples).toEqual([
      { name: 'Found', status: '200', value: order },
      { name: 'Found, cancelled', status: '200', value: { data: { id: 'o_2', status: 'cancelled', total: 7.25, lines: [] } } },
      { name: 'Not found', status: '404', value: { error: 'no such order' } },
    ]);
    // A body that is not JSON is kept as its text; no code counts as a success.
    expect(health!.examples).toEqual([{ name: 'Up', value: 'OK' }]);
    expect(health!.returns).toBeNull();
    expect(none!.examples).toBeUndefined();
    expect(none!.returns).toBeNull();
  });

  it('infers returns from the successful JSON bodies: types, formats, nested objects, merged list items', () => {
    expect(get!.returns).toEqual({
      'x-from-examples': true,
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            status: { type: 'string' },
            // 12 in one response, 7.25 in the other.
            total: { type: 'number' },
            placed_at: { type: 'string', format: 'date-time' },
            customer: { type: 'object', properties: { email: { type: 'string', format: 'email' }, name: { type: 'string' } } },
            lines: {
              type: 'array',
              items: {
                type: 'object',
                properties: { sku: { type: 'string' }, qty: { type: 'integer' }, gift: { type: 'boolean' }, price: { type: 'number' } },
              },
            },
          },
        },
      },
    });
  });
});

describe('saved responses in the shared collections', () => {
  it('Adyen Checkout: 50 of 59 requests have saved responses, each parses to returns', () => {
    const { tools } = finalizeTools(postmanReader.read(readJson('adyen_CheckoutService-v71.postman_collection.json'), 'adyen.json').raw);
    expect(tools).toHaveLength(59);
    expect(tools.filter((t) => t.examples?.length)).toHaveLength(50);
    expect(tools.filter((t) => t.returns)).toHaveLength(50);
    const cancel = tools.find((t) => t.examples?.some((e) => e.status === '201' && (e.value as { status?: string }).status === 'received'))!;
    expect(cancel.returns).toMatchObject({ type: 'object', properties: { pspReference: { type: 'string' }, status: { type: 'string' } } });
  });

  it('Twitter API v2: the {data: ...} responses become returns; a stream whose only saved response is a 429 has an example, no returns', () => {
    const { tools } = finalizeTools(postmanReader.read(readJson('twitter_api_v2.postman_collection.json'), 'twitter.json').raw);
    expect(tools.filter((t) => t.examples?.length)).toHaveLength(17);
    expect(tools.filter((t) => t.returns)).toHaveLength(16);
    const tweet = tools.find((t) => t.name === 'Single_Tweet')!;
    expect(tweet.returns).toMatchObject({
      type: 'object',
      properties: {
        data: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string' }, created_at: { type: 'string', format: 'date-time' } } },
      },
    });
    const stream = tools.find((t) => t.name.startsWith('Stream'))!;
    expect(stream.returns).toBeNull();
    expect(stream.examples).toEqual([expect.objectContaining({ status: '429' })]);
  });
});
