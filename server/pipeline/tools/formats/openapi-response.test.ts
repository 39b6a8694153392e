import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolSchema, type Tool } from '../model';
import { openapiReader, swaggerReader } from './openapi';
import { RETURNS_MAX_BYTES } from './openapi-response';

const ORDER = {
  type: 'object',
  properties: {
    order_id: { type: 'string', pattern: '^#W\\d{7}$' },
    status: { type: 'string', enum: ['pending', 'processed', 'delivered', 'cancelled'] },
    total: { type: 'number', minimum: 0 },
    created_at: { type: 'string', format: 'date-time' },
    items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
  },
};

const shop = {
  openapi: '3.0.3',
  info: { title: 'Shop', version: '1' },
  paths: {
    '/orders/{order_id}': {
      get: {
        operationId: 'getOrder',
        parameters: [{ name: 'order_id', in: 'path', required: true, schema: { type: 'string', pattern: '^#W\\d{7}$' } }],
        responses: {
          '200': { $ref: '#/components/responses/OrderOk' },
          '404': { description: 'no such order', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
      delete: {
        operationId: 'deleteOrder',
        responses: {
          '204': { description: 'gone' },
          default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/orders': {
      post: {
        operationId: 'createOrder',
        requestBody: { $ref: '#/components/requestBodies/NewOrder' },
        responses: { '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Receipt' } } } } },
      },
      get: {
        operationId: 'listOrders',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'delivered'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        ],
        responses: {
          '200': { description: 'a page', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Order: ORDER,
      Item: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } }, example: { sku: 'A-1', qty: 2 } },
      Receipt: { type: 'object', properties: { order_id: { type: 'string' } }, example: { order_id: '#W0000001' } },
      Error: { type: 'object', properties: { message: { type: 'string' } } },
    },
    responses: {
      OrderOk: {
        description: 'the order',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Order' },
            examples: {
              shipped: { $ref: '#/components/examples/Delivered' },
              pending: { summary: 'A pending order', value: { order_id: '#W0000002', status: 'pending' } },
              gone: { $ref: '#/components/examples/Missing' },
            },
          },
        },
      },
    },
    examples: { Delivered: { summary: 'A delivered order', value: { order_id: '#W0000001', status: 'delivered', total: 12.5 } } },
    requestBodies: {
      NewOrder: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['email'],
              properties: {
                email: { type: 'string', format: 'email' },
                count: { type: 'integer', minimum: 1, maximum: 5 },
                speed: { type: 'string', enum: ['slow', 'fast'] },
              },
            },
          },
        },
      },
    },
  },
};

const byName = (tools: Tool[], name: string) => tools.find((t) => t.name === name)!;

describe('OpenAPI 3 responses and examples', () => {
  const { raw, warnings } = openapiReader.read(shop, 'shop.json');
  const { tools } = finalizeTools(raw);

  it('takes the success response through its $ref as returns, with enums, formats and patterns kept', () => {
    expect(warnings).toEqual([]);
    for (const t of tools) expect(toolSchema.safeParse(t).success, t.name).toBe(true);
    const get = byName(tools, 'getOrder');
    expect(get.returns).toMatchObject({
      type: 'object',
      properties: {
        order_id: { type: 'string', pattern: '^#W\\d{7}$' },
        status: { enum: ['pending', 'processed', 'delivered', 'cancelled'] },
        total: { type: 'number', minimum: 0 },
        created_at: { format: 'date-time' },
        items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
      },
    });
  });

  it('keeps named examples, following $refs to components/examples, and drops one that dangles', () => {
    expect(byName(tools, 'getOrder').examples).toEqual([
      { name: 'A delivered order', status: '200', value: { order_id: '#W0000001', status: 'delivered', total: 12.5 } },
      { name: 'A pending order', status: '200', value: { order_id: '#W0000002', status: 'pending' } },
    ]);
  });

  it("falls back to the schema's own example, and to its items' example for a list", () => {
    expect(byName(tools, 'createOrder').examples).toEqual([{ status: '201', value: { order_id: '#W0000001' } }]);
    expect(byName(tools, 'listOrders').examples).toEqual([{ status: '200', value: [{ sku: 'A-1', qty: 2 }] }]);
  });

  it('a 204 has no returns even when a default error response has a schema', () => {
    const del = byName(tools, 'deleteOrder');
    expect(del.returns).toBeNull();
    expect(del.examples).toBeUndefined();
  });

  it('a $ref request body becomes parameters, keeping format, enum, minimum and maximum', () => {
    const create = byName(tools, 'createOrder');
    expect(create.parameters.required).toEqual(['email']);
    expect(create.parameters.properties).toEqual({
      email: { type: 'string', format: 'email', 'x-in': 'body' },
      count: { type: 'integer', minimum: 1, maximum: 5, 'x-in': 'body' },
      speed: { type: 'string', enum: ['slow', 'fast'], 'x-in': 'body' },
    });
    expect(byName(tools, 'listOrders').parameters.properties.limit).toEqual({ type: 'integer', minimum: 1, maximum: 100, default: 20, 'x-in': 'query' });
    expect(byName(tools, 'getOrder').parameters.properties.order_id).toMatchObject({ pattern: '^#W\\d{7}$' });
  });

  it('bounds a response schema that inlines too large, with a warning', () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 10; i++)
      wide[`L${i}`] = {
        type: 'object',
        description: 'x'.repeat(200),
        properties: { a: { $ref: `#/components/schemas/L${i + 1}` }, b: { $ref: `#/components/schemas/L${i + 1}` } },
      };
    wide.L10 = { type: 'string' };
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/wide': {
          get: {
            operationId: 'wide',
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/L0' } } } } },
          },
        },
      },
      components: { schemas: wide },
    };
    const read = openapiReader.read(doc, 'wide.json');
    const [tool] = finalizeTools(read.raw).tools;
    expect(JSON.stringify(tool!.returns).length).toBeLessThanOrEqual(RETURNS_MAX_BYTES);
    expect(tool!.returns).toMatchObject({ type: 'object', properties: { a: { type: 'object' } } });
    expect(read.warnings.map((w) => w.message)).toEqual(['GET /wide: response schema too large or deep: its deepest parts were left out']);
  });
});

describe('Swagger 2 responses', () => {
  it('keeps the response examples by media type and the schema, and query constraints', () => {
    const doc = {
      swagger: '2.0',
      paths: {
        '/pets': {
          get: {
            operationId: 'listPets',
            parameters: [
              { in: 'query', name: 'tag', type: 'string', enum: ['cat', 'dog'] },
              { in: 'query', name: 'limit', type: 'integer', minimum: 1, maximum: 50, format: 'int32' },
            ],
            responses: {
              '200': {
                description: 'pets',
                schema: { type: 'array', items: { $ref: '#/definitions/Pet' } },
                examples: { 'text/plain': 'Rex', 'application/json': [{ id: 1, name: 'Rex', tag: 'dog' }] },
              },
            },
          },
        },
      },
      definitions: { Pet: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, tag: { type: 'string' } } } },
    };
    const [pets] = finalizeTools(swaggerReader.read(doc, 'pets.json').raw).tools;
    expect(pets!.returns).toEqual({
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, tag: { type: 'string' } } },
    });
    expect(pets!.examples).toEqual([{ status: '200', value: [{ id: 1, name: 'Rex', tag: 'dog' }] }]);
    expect(pets!.parameters.properties).toEqual({
      tag: { type: 'string', enum: ['cat', 'dog'], 'x-in': 'query' },
      limit: { type: 'integer', minimum: 1, maximum: 50, format: 'int32', 'x-in': 'query' },
    });
  });
});

const readSpec = (name: string) => {
  const text = fs.readFileSync(sharedData('openapi', name), 'utf8');
  return name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
};

describe('responses in the shared specs', () => {
  it('OAI api-with-examples: no schemas, so the examples are kept and returns inferred from them', () => {
    const { tools } = finalizeTools(openapiReader.read(readSpec('oai_v3.0_api-with-examples.yaml'), 'x.yaml').raw);
    const list = byName(tools, 'listVersionsv2');
    expect(list.examples).toHaveLength(1);
    // Marked as guessed from an example: validation does not hold simulated results to it.
    expect(list.returns).toEqual({
      'x-from-examples': true,
      type: 'object',
      properties: {
        versions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              updated: { type: 'string', format: 'date-time' },
              id: { type: 'string' },
              links: { type: 'array', items: { type: 'object', properties: { href: { type: 'string', format: 'uri' }, rel: { type: 'string' } } } },
            },
          },
        },
      },
    });
  });

  it('Twilio Verify: every success response with an example keeps it', () => {
    const { tools } = finalizeTools(openapiReader.read(readSpec('twilio_verify_v2.json'), 'v.json').raw);
    expect(tools).toHaveLength(57);
    expect(tools.filter((t) => t.returns)).toHaveLength(49);
    expect(tools.filter((t) => t.examples?.length)).toHaveLength(49);
    // It documents a 201 and a 200; 200 is taken first, with the example named after it.
    expect(byName(tools, 'CreateAccessToken').examples![0]).toMatchObject({ name: 'createWithTtl200', status: '200', value: { factor_type: 'push' } });
  });

  it('Discord: every operation whose success response has a body schema gets returns, each bounded', () => {
    const doc = readSpec('discord_openapi.json');
    // Counted straight from the document: the first 2xx response with a body schema (two are a PNG and a CSV).
    let expected = 0;
    for (const item of Object.values<Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }> }>>(
      doc.paths,
    ))
      for (const op of Object.values(item)) {
        const code = Object.keys(op.responses ?? {})
          .filter((c) => /^2/.test(c))
          .sort()[0];
        if (code && Object.values(op.responses[code]!.content ?? {}).some((m) => m.schema)) expected++;
      }
    const { tools } = finalizeTools(openapiReader.read(doc, 'discord.json').raw);
    const withReturns = tools.filter((t) => t.returns);
    expect(tools).toHaveLength(242);
    expect(expected).toBe(185);
    expect(withReturns).toHaveLength(expected);
    for (const t of withReturns) expect(JSON.stringify(t.returns).length, t.name).toBeLessThanOrEqual(RETURNS_MAX_BYTES);
    const guild = byName(tools, 'get_guild').returns as { properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(guild.properties)).toEqual(expect.arrayContaining(['id', 'name', 'owner_id', 'verification_level', 'features', 'roles']));
    expect(guild.properties.id).toMatchObject({ type: 'string', pattern: '^(0|[1-9][0-9]*)$', format: 'snowflake' });
    expect(guild.properties.verification_level).toMatchObject({
      type: 'integer',
      oneOf: expect.arrayContaining([expect.objectContaining({ title: 'NONE', const: 0 })]),
    });
  });
});
