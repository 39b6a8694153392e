import { afterAll, describe, expect, it } from 'vitest';
import type { GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { generateHeuristic } from './heuristic';
import { environmentContent } from './model';
import { validateEnvironment } from './validate';

const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());

const s = { type: 'string' };
const tool = (name: string, op: 'read' | 'write', properties: Record<string, unknown> = {}, required = Object.keys(properties)): GraphTool => ({
  id: `id-${name}`,
  name,
  description: '',
  op,
  parameters: { type: 'object', properties, required },
  returns: null,
});

/** A pet shop in the shape OpenAPI imports take: camelCase ids, a bare id, enums, paging. */
const PETS = [
  tool('addPet', 'write', { name: s, category: s, status: { type: 'string', enum: ['available', 'pending', 'sold'] } }, ['name']),
  tool('updatePet', 'write', { petId: { type: 'integer' }, name: s, status: { type: 'string', enum: ['available', 'pending', 'sold'] } }, ['petId']),
  tool('getPetById', 'read', { petId: { type: 'integer' } }),
  tool('findPetsByStatus', 'read', { status: { type: 'string', enum: ['available', 'pending', 'sold'] } }),
  tool('deletePet', 'write', { petId: { type: 'integer' } }),
  tool('placeOrder', 'write', { petId: { type: 'integer' }, quantity: { type: 'integer' } }),
  tool('getOrderById', 'read', { orderId: { type: 'integer' } }),
  tool('deleteOrder', 'write', { orderId: { type: 'integer' } }),
  tool('createUser', 'write', { username: s, email: { type: 'string', format: 'email' } }),
  tool('getUserByName', 'read', { username: s }),
  tool('listUsers', 'read', { page: { type: 'integer' }, limit: { type: 'integer' } }, []),
  tool('logoutUser', 'write'),
];

describe('generateHeuristic', () => {
  const content = generateHeuristic(PETS);

  it('gives every tool its code, keeping id, name, op and parameters', () => {
    expect(() => environmentContent.parse(content)).not.toThrow();
    expect(content.tools.map((t) => [t.toolId, t.name, t.op])).toEqual(PETS.map((t) => [t.id, t.name, t.op]));
    expect(content.tools[0]!.parameters).toBe(PETS[0]!.parameters);
    expect(content.schema.tables.map((t) => [t.name, t.primaryKey])).toEqual([
      ['pets', 'petId'],
      ['orders', 'orderId'],
      ['users', 'id'],
    ]);
  });

  it('keeps the table each write’s evidence names and each tool’s returns schema, for validation', () => {
    const byName = new Map(content.tools.map((t) => [t.name, t]));
    expect(byName.get('updatePet')!.writes).toEqual(['pets']);
    expect(byName.get('placeOrder')!.writes).toEqual(['orders']);
    expect(byName.get('getPetById')!.writes).toBeUndefined();
    const returns = { type: 'object', properties: { petId: { type: 'integer' } } };
    const withReturns = generateHeuristic([{ ...PETS[2]!, returns }]);
    expect(withReturns.tools[0]!.returns).toEqual(returns);
    expect(byName.get('getPetById')!).not.toHaveProperty('returns');
  });

  it('is deterministic', () => {
    expect(generateHeuristic(PETS)).toEqual(content);
  });

  it('validates: every tool passes on a seeded state', async () => {
    const r = await validateEnvironment(content, sandbox, { seed: 11 });
    expect(r.tools.filter((t) => !t.ok).map((t) => `${t.name}: ${t.detail}`)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
