import { describe, expect, it } from 'vitest';
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
