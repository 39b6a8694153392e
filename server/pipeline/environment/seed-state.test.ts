import { describe, expect, it } from 'vitest';
import type { EnvironmentSchema, TableSchema } from './model';
import { seedState } from './seed-state';
import { SHOP } from './test-schema';
import { validateState } from './validate-state';

describe('seedState', () => {
  const state = seedState(SHOP, { seed: 1 });

  it('fills every table with rows that fit the schema', () => {
    expect(Object.keys(state)).toEqual(['users', 'products', 'orders', 'sessions']);
    for (const rows of Object.values(state)) expect(Object.keys(rows)).toHaveLength(20);
    expect(validateState(SHOP, state)).toEqual([]);
  });

  it('keys rows in the style of their key column', () => {
    expect(Object.keys(state.users!).slice(0, 2)).toEqual(['user_1', 'user_2']);
    expect(state.products!['3']!.product_id).toBe(3);
    expect(Object.keys(state.sessions!)[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('points references at rows that exist', () => {
    for (const order of Object.values(state.orders!)) {
      expect(state.users).toHaveProperty([order.user_id as string]);
      for (const p of order.product_ids as number[]) expect(state.products).toHaveProperty([String(p)]);
    }
  });

  it('has plausible values and every status', () => {
    const user = state.users!.user_1!;
    expect(user.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(typeof (user.address as { city: unknown }).city).toBe('string');
    expect(new Set(Object.values(state.orders!).map((o) => o.status))).toEqual(new Set(['pending', 'delivered', 'cancelled']));
    expect(new Set(Object.values(state.users!).map((u) => u.name)).size).toBeGreaterThan(10);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(seedState(SHOP, { seed: 1 })).toEqual(state);
    expect(seedState(SHOP, { seed: 2 })).not.toEqual(state);
    expect(Object.keys(seedState(SHOP, { seed: 1, rows: 3 }).orders!)).toHaveLength(3);
  });
});

describe('seedState keys in the shape the API gives its ids', () => {
  const table = (name: string, key: Record<string, unknown>, extra: Partial<TableSchema> = {}): TableSchema => ({
    name,
    description: '',
    primaryKey: `${name}_id`,
    columns: { [`${name}_id`]: key },
    required: [`${name}_id`],
    references: [],
    ...extra,
  });
  const snowflake = { type: 'string', pattern: '^(0|[1-9][0-9]*)$', format: 'snowflake' };
  const schema: EnvironmentSchema = {
    tables: [
      table('guild', snowflake),
      table('colour', { type: 'string', pattern: '^[0-9a-f]{24}$' }),
      table('session', { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' }),
      table('answer', { type: 'integer', minimum: 1, maximum: 10 }),
      table('flag', { type: 'string', format: 'int64' }),
      table('channel', snowflake, { columns: { channel_id: snowflake, guild_id: snowflake }, references: [{ column: 'guild_id', table: 'guild' }] }),
    ],
  };
  const state = seedState(schema, { seed: 2 });

  it('fits each key column’s pattern, format and range', () => {
    expect(validateState(schema, state)).toEqual([]);
    expect(Object.keys(state.guild!)[0]).toMatch(/^[1-9]\d{18}$/); // as long as a real snowflake
    for (const k of Object.keys(state.colour!)) expect(k).toMatch(/^[0-9a-f]{24}$/);
    for (const k of Object.keys(state.session!)) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const k of Object.keys(state.flag!)) expect(k).toMatch(/^\d+$/);
    // A key from 1 to 10 has ten rows, not twenty.
    expect(Object.keys(state.answer!).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('points references at existing rows, in the key’s shape', () => {
    for (const row of Object.values(state.channel!)) expect(state.guild).toHaveProperty([row.guild_id as string]);
  });
});
