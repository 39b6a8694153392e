import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import type { GraphTool } from '../graph/model';
import { importDocuments } from '../tools/import';
import { inferSchema } from './infer-schema';
import { environmentSchema } from './model';

let n = 0;
const tool = (name: string, properties: Record<string, unknown> = {}, op: 'read' | 'write' = 'read', returns: GraphTool['returns'] = null): GraphTool => ({
  id: `t${n++}`,
  name,
  description: '',
  op,
  parameters: { type: 'object', properties, required: Object.keys(properties) },
  returns,
});
const s = { type: 'string' };

describe('inferSchema', () => {
  const tools = [
    tool('get_order_details', { order_id: s }),
    tool('cancel_pending_order', { order_id: s, reason: { type: 'string', enum: ['no longer needed', 'ordered by mistake'] } }, 'write'),
    tool('list_orders', { userId: s, limit: { type: 'integer' } }),
    tool('get_user', { user_id: s }),
    tool('update_user_email', { user_id: s, new_email: { type: 'string', format: 'email' } }, 'write'),
    tool('get_product', { productId: { type: 'integer' } }, 'read', {
      type: 'object',
      properties: { productId: { type: 'integer' }, price: { type: 'number' }, owner_user_id: s, vendor_id: s },
    }),
    tool('think', { thought: s }),
  ];
  const { schema, toolTables } = inferSchema(tools);
  const table = (name: string) => schema.tables.find((t) => t.name === name)!;

  it('makes a table per entity, keyed by the id the tools use', () => {
    expect(schema.tables.map((t) => [t.name, t.primaryKey])).toEqual([
      ['orders', 'order_id'],
      ['users', 'user_id'],
      ['products', 'productId'],
    ]);
    expect(table('products').columns.productId).toEqual({ type: 'integer' });
  });

  it('collects columns from parameters and returns, with references to other tables', () => {
    expect(Object.keys(table('orders').columns)).toEqual(['order_id', 'reason', 'userId', 'status']);
    expect(table('orders').references).toEqual([{ column: 'userId', table: 'users' }]);
    expect(table('users').columns.email).toEqual({ type: 'string', format: 'email' });
    expect(table('products').columns.price).toEqual({ type: 'number' });
    // Returned ids point at tables the tools already have; they create none of their own.
    expect(table('products').references).toEqual([{ column: 'owner_user_id', table: 'users' }]);
    expect(table('products').columns.vendor_id).toEqual({ type: 'string' });
  });

  it('adds a status the status verbs and words need', () => {
    expect(table('orders').columns.status).toMatchObject({ type: 'string', enum: ['pending', 'cancelled'] });
    expect(table('orders').required).toEqual(['order_id', 'status']);
    expect(table('users').columns.status).toBeUndefined();
  });

  it('takes status values from every enum that lists them, and leaves a free-text status alone', () => {
    const pets = inferSchema([
      tool('addPet', { name: s, status: { type: 'string', enum: ['available', 'pending', 'sold'] } }, 'write'),
      tool('updatePetWithForm', { petId: s, status: s }, 'write'),
      tool('findPetsByStatus', { status: { type: 'array', items: { type: 'string', enum: ['available', 'sold', 'lost'] } } }),
    ]).schema.tables[0]!;
    expect(pets.columns.status).toMatchObject({ type: 'string', enum: ['available', 'pending', 'sold', 'lost'] });
    const tweets = inferSchema([tool('update_tweet', { tweet_id: s, status: s }, 'write')]).schema.tables[0]!;
    expect(tweets.columns.status).toEqual({ type: 'string' });
  });

  it('maps each tool to its table, and needless tables to none', () => {
    expect(Object.values(toolTables)).toEqual(['orders', 'orders', 'orders', 'users', 'users', 'products', null]);
  });

  it('falls back to one generic items table when nothing names an entity', () => {
    const r = inferSchema([tool('think', { thought: s }), tool('submit', {}, 'write')]);
    expect(r.schema.tables.map((t) => [t.name, t.primaryKey])).toEqual([['items', 'id']]);
    expect(Object.values(r.toolTables)).toEqual([null, 'items']);
  });

  it('joins what two tools say about one column, and types references like the keys they hold', () => {
    const r = inferSchema([
      tool('book_ticket', { add_ons: { type: 'array', items: { type: 'string', enum: ['VIP'] } } }, 'write'),
      tool('update_ticket', { ticket_id: s, add_ons: { type: 'array', items: { type: 'string', enum: ['Parking'] } } }, 'write'),
      tool('get_user', { user_id: s }),
      tool('get_ticket', { ticket_id: s }, 'read', { type: 'object', properties: { holder_user_id: { type: 'integer' } } }),
    ]);
    const tickets = r.schema.tables.find((t) => t.name === 'tickets')!;
    expect(tickets.columns.add_ons).toEqual({ type: 'array', items: { type: 'string', enum: ['VIP', 'Parking'] } });
    // users are keyed by text, so the integer holder_user_id the API returns holds text here.
    expect(tickets.references).toEqual([{ column: 'holder_user_id', table: 'users' }]);
    expect(tickets.columns.holder_user_id).toEqual({ type: 'string' });
  });

  it('gives a key with no shape of its own the shape of the ids pointing at it', () => {
    const snowflake = { type: 'string', pattern: '^[0-9]+$' };
    const r = inferSchema([
      tool('get_parcel', { parcel_id: snowflake }),
      tool('search_parcels', { parcel_id: snowflake, sender_id: { type: 'array', items: snowflake } }),
    ]);
    // Nothing acts on senders: their keys are known only as the parcels' sender ids, snowflakes.
    const senders = r.schema.tables.find((t) => t.name === 'senders')!;
    expect(senders.columns.sender_id).toEqual({ type: 'string', pattern: '^[0-9]+$' });
    const parcels = r.schema.tables.find((t) => t.name === 'parcels')!;
    expect(parcels.columns.sender_id).toMatchObject({ type: 'array', items: { type: 'string', pattern: '^[0-9]+$' } });
  });

  it('returns a valid schema for odd input', () => {
    const odd = [
      tool('', { '': { type: 'str' }, 'lang_code_src-lang_code_dst': { required: true }, '123_id': null }),
      tool('X', { id: { type: ['null', 'object'] }, __proto__id: s }, 'write'),
      tool('get_42_things_by_', { things: { type: 'array', items: { anyOf: [{ type: 'int' }] } } }),
      { ...tool('weird'), parameters: {} as GraphTool['parameters'] },
    ];
    const r = inferSchema(odd);
    expect(() => environmentSchema.parse(r.schema)).not.toThrow();
    for (const t of r.schema.tables) expect(t.columns[t.primaryKey]).toBeDefined();
  });
});

describe('inferSchema from what operations return', () => {
  const order = {
    type: 'object',
    properties: {
      order_id: s,
      status: { type: 'string', enum: ['pending', 'shipped', 'delivered'] },
      placed_at: { type: 'string', format: 'date-time' },
      total: { type: 'number', minimum: 0 },
      items: { type: 'array', items: { type: 'object', properties: { sku: s, qty: { type: 'integer' } } } },
    },
  };

  it('takes columns from the entity inside a {data: [...]} wrapper, with types, enums and formats', () => {
    const { schema } = inferSchema([
      tool('list_orders', { customer_id: s }, 'read', { type: 'object', properties: { data: { type: 'array', items: order }, next_cursor: s } }),
      tool('get_order', { order_id: s }),
    ]);
    const orders = schema.tables.find((t) => t.name === 'orders')!;
    expect(orders.columns).toMatchObject({
      placed_at: { type: 'string', format: 'date-time' },
      total: { type: 'number' },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    });
    expect(orders.columns.next_cursor).toBeUndefined();
    expect(orders.columns.data).toBeUndefined();
  });

  it("feeds the status column from a response's status enum", () => {
    const { schema } = inferSchema([
      tool('get_order', { order_id: s }, 'read', order),
      tool('cancel_order', { order_id: s }, 'write', { type: 'object', properties: { order_id: s, status: { type: 'string', enum: ['cancelled'] } } }),
    ]);
    const orders = schema.tables.find((t) => t.name === 'orders')!;
    expect(orders.columns.status).toMatchObject({ type: 'string', enum: ['pending', 'shipped', 'delivered', 'cancelled'] });
    expect(orders.required).toContain('status');
  });

  it("Discord: the guilds table takes its columns from the guild response, not from a guild's emojis or members", () => {
    const bytes = fs.readFileSync(sharedData('openapi', 'discord_openapi.json'));
    const imported = importDocuments([{ file: 'discord_openapi.json', bytes }]).tools;
    const tools: GraphTool[] = imported
      .filter((t) => /guild/.test(t.name))
      .map((t, i) => ({ id: `d${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
    const { schema, toolTables } = inferSchema(tools);
    const guilds = schema.tables.find((t) => t.name === 'guilds')!;
    expect(toolTables[tools.find((t) => t.name === 'get_guild')!.id]).toBe('guilds');
    // Fields only the guild response names: no tool takes them as parameters.
    expect(guilds.columns).toMatchObject({
      owner_id: { type: 'string' },
      mfa_level: { type: 'integer', enum: [0, 1] },
      premium_tier: { type: 'integer', enum: [0, 1, 2, 3] },
      nsfw_level: { type: 'integer', enum: [0, 1, 2, 3] },
      max_members: { type: 'integer' },
      vanity_url_code: { type: ['string', 'null'] },
      approximate_member_count: { type: ['integer', 'null'] },
    });
    expect(guilds.columns.verification_level).toMatchObject({ type: 'integer', enum: [0, 1, 2, 3, 4] });
    // A returned id of another table is a reference to it.
    expect(guilds.references).toEqual(expect.arrayContaining([{ column: 'afk_channel_id', table: 'channels' }]));
    // get_guild_emoji and get_guild_member act on guilds by guild_id, but return an emoji and a member.
    for (const column of ['animated', 'require_colons', 'joined_at', 'premium_since']) expect(guilds.columns[column], column).toBeUndefined();
  });
});
