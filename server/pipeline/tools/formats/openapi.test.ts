import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sharedData } from '../../../testing/shared-data';
import { finalizeTools } from '../finalize';
import { toolSchema } from '../model';
import { openapiReader, swaggerReader } from './openapi';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Counted straight from the document: every method key under paths and webhooks. */
function countOperations(doc: Record<string, Record<string, Record<string, unknown>>>): number {
  let n = 0;
  for (const group of [doc.paths ?? {}, doc.webhooks ?? {}]) for (const item of Object.values(group)) n += METHODS.filter((m) => m in item).length;
  return n;
}

const SPECS = fs.readdirSync(sharedData('openapi')).filter((f) => /\.(json|ya?ml)$/.test(f));

describe('OpenAPI and Swagger documents in shared data', () => {
  it.each(SPECS)('%s: one valid tool per operation', (name) => {
    const file = sharedData('openapi', name);
    const text = fs.readFileSync(file, 'utf8');
    // JSON.parse for JSON: the YAML parser takes seconds on Discord's 1.2 MB spec.
    const doc = (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 })) as Record<string, never>;
    const reader = 'swagger' in doc ? swaggerReader : openapiReader;
    expect(reader.check(doc)).toBeNull();
    const { raw, warnings: readWarnings } = reader.read(doc, file);
    const { tools } = finalizeTools(raw);
    expect(tools).toHaveLength(countOperations(doc));
    expect(readWarnings.filter((w) => w.message.includes('skipped'))).toEqual([]);
    for (const t of tools) expect(toolSchema.safeParse(t).success, t.name).toBe(true);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
  });
});

const petstore = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1' },
  paths: {
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' }, description: 'the pet' }],
      get: {
        operationId: 'showPetById',
        parameters: [
          { name: 'fields', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          { name: 'Accept', in: 'header', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
      },
      put: {
        summary: 'Replace a pet',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        responses: { '200': { description: 'ok' } },
      },
      delete: {
        operationId: 'deletePet',
        parameters: [{ $ref: '#/components/parameters/Missing' }],
        responses: { '204': { description: 'gone' } },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          id: { type: 'integer' },
          parent: { $ref: '#/components/schemas/Pet' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
        },
      },
    },
  },
};

describe('OpenAPI operations', () => {
  const { raw, warnings, title } = openapiReader.read(petstore, 'pets.json');
  const { tools } = finalizeTools(raw);

  it('merges path, query and header parameters into one object schema, path ones required', () => {
    const show = tools.find((t) => t.name === 'showPetById')!;
    expect(Object.keys(show.parameters.properties)).toEqual(['petId', 'fields', 'X-Trace']);
    expect(show.parameters.required).toEqual(['petId']);
    expect(show.parameters.properties.petId).toMatchObject({ type: 'integer', description: 'the pet', 'x-in': 'path' });
    expect(show.op).toBe('read');
    expect(show.opReason).toBe('HTTP GET');
    expect(title).toBe('Pets');
  });

  it('turns a JSON body into properties and names an operation without operationId by method and path', () => {
    const put = tools.find((t) => t.name === 'put_pets_petId')!;
    expect(put).toBeDefined();
    expect(put.description).toBe('Replace a pet');
    expect(put.parameters.required).toEqual(['petId', 'name']);
    expect(put.parameters.properties.name).toMatchObject({ type: 'string', 'x-in': 'body' });
    expect(put.op).toBe('write');
  });

  it('cuts recursive schemas instead of expanding them forever', () => {
    const show = tools.find((t) => t.name === 'showPetById')!;
    const returns = show.returns as { properties: Record<string, { description?: string; items?: { description?: string } }> };
    expect(returns.properties.parent!.description).toMatch(/recursive/);
    expect(returns.properties.children!.items!.description).toMatch(/recursive/);
  });

  it('skips an operation with a dangling $ref with a warning at its pointer, and imports the rest', () => {
    expect(tools.map((t) => t.name)).not.toContain('deletePet');
    expect(warnings).toEqual([
      expect.objectContaining({
        pointer: '/paths/~1pets~1{petId}/delete/parameters/0',
        message: expect.stringMatching(/DELETE \/pets\/\{petId\} skipped: \$ref "#\/components\/parameters\/Missing" .* does not resolve/),
      }),
    ]);
    expect(tools).toHaveLength(2);
  });

  it('reads Swagger 2 body and formData parameters', () => {
    const doc = {
      swagger: '2.0',
      paths: {
        '/orders': {
          post: {
            operationId: 'createOrder',
            parameters: [{ in: 'body', name: 'order', required: true, schema: { $ref: '#/definitions/Order' } }],
            responses: { '201': { schema: { $ref: '#/definitions/Order' } } },
          },
        },
        '/upload': { post: { parameters: [{ in: 'formData', name: 'file', type: 'file', required: true }] } },
      },
      definitions: { Order: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    };
    expect(swaggerReader.check(doc)).toBeNull();
    const [order, upload] = finalizeTools(swaggerReader.read(doc, 'o.json').raw).tools;
    expect(order!.parameters).toMatchObject({ properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku'] });
    expect(order!.returns).toMatchObject({ properties: { sku: { type: 'string' } } });
    expect(upload!.parameters).toMatchObject({ properties: { file: { type: 'file', 'x-in': 'body' } }, required: ['file'] });
  });

  it('keeps the examples a parameter or a request body gives beside its schema', () => {
    const doc = {
      openapi: '3.0.3',
      paths: {
        '/users/{user_id}': {
          patch: {
            operationId: 'updateUser',
            parameters: [
              { name: 'user_id', in: 'path', required: true, schema: { type: 'string' }, example: '1002' },
              {
                name: 'lang',
                in: 'query',
                schema: { type: 'string' },
                examples: { fr: { value: 'fr' }, de: { $ref: '#/components/examples/De' }, gone: { $ref: '#/components/examples/Missing' } },
              },
              { name: 'page', in: 'query', schema: { type: 'integer', example: 1 }, example: 2 },
            ],
            requestBody: {
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { email: { type: 'string', format: 'email' }, age: { type: 'integer' } } },
                  example: { email: 'ann@example.com', nickname: 'ann' },
                },
              },
            },
          },
        },
      },
      components: { examples: { De: { value: 'de' } } },
    };
    const { raw, warnings } = openapiReader.read(doc, 'users.json');
    expect(warnings).toEqual([]);
    const [tool] = finalizeTools(raw).tools;
    expect(tool!.parameters.properties).toEqual({
      user_id: { type: 'string', examples: ['1002'], 'x-in': 'path' },
      lang: { type: 'string', examples: ['fr', 'de'], 'x-in': 'query' },
      // The schema's own example wins over the parameter's.
      page: { type: 'integer', example: 1, 'x-in': 'query' },
      email: { type: 'string', format: 'email', examples: ['ann@example.com'], 'x-in': 'body' },
      age: { type: 'integer', 'x-in': 'body' },
    });
  });

  it('survives a $ref loop and a schema that explodes when inlined', () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++)
      wide[`L${i}`] = {
        type: 'object',
        properties: {
          a: { $ref: `#/components/schemas/L${i + 1}` },
          b: { $ref: `#/components/schemas/L${i + 1}` },
          c: { $ref: `#/components/schemas/L${i + 1}` },
        },
      };
    wide.L12 = { type: 'string' };
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/loop': { get: { parameters: [{ $ref: '#/components/parameters/A' }] } },
        '/wide': { post: { operationId: 'wide', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/L0' } } } } } },
      },
      components: { parameters: { A: { $ref: '#/components/parameters/B' }, B: { $ref: '#/components/parameters/A' } }, schemas: wide },
    };
    const { raw, warnings } = openapiReader.read(doc, 'loop.json');
    expect(raw.map((t) => t.name)).toEqual(['wide']);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/refers to itself in a loop/);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/too large or deep to inline/);
    // Cut schemas stay valid JSON Schema: a cut property is a schema, never the properties map.
    const visit = (s: unknown): void => {
      if (!s || typeof s !== 'object') return;
      const props = (s as { properties?: Record<string, unknown> }).properties;
      if (props) for (const v of Object.values(props)) expect(typeof v).toBe('object');
      Object.values(s).forEach(visit);
    };
    visit(raw[0]!.parameters);
  });
});
