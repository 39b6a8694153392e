import { describe, expect, it } from 'vitest';
import type { State } from '../kernel/state';
import { seedState } from './seed-state';
import { SHOP } from './test-schema';
import { validateState } from './validate-state';

describe('validateState', () => {
  const fresh = (): State => structuredClone(seedState(SHOP, { seed: 3, rows: 3 }));

  it('names the row and column of each problem', () => {
    const s = fresh();
    s.orders!.order_1!.user_id = 'u_9';
    s.orders!.order_2!.status = 'lost';
    delete s.users!.user_1!.email;
    s.users!.user_2!.nickname = 'x';
    s.products!['1']!.price = 'cheap';
    s.orders!.order_3!.order_id = 'order_9';
    expect(validateState(SHOP, s)).toEqual([
      'users.user_1: missing required column email',
      'users.user_2: unknown column nickname',
      'products.1.price: must be number',
      'orders.order_1.user_id: no users row u_9',
      'orders.order_2.status: must be one of pending, delivered, cancelled',
      'orders.order_3.order_id: "order_9" does not match its key order_3',
    ]);
  });

  it('checks every key of a list reference, and the tables themselves', () => {
    const s = fresh();
    s.orders!.order_1!.product_ids = [1, 99];
    delete (s as Record<string, unknown>).sessions;
    s.extra = {};
    expect(validateState(SHOP, s)).toEqual([
      'extra: not a table of the schema',
      'orders.order_1.product_ids: no products row 99',
      'sessions: table missing from the state',
    ]);
  });

  it('reports a column schema ajv cannot compile instead of throwing', () => {
    const bad = { tables: [{ ...SHOP.tables[1]!, columns: { product_id: { type: 'integer' }, price: { type: 'nonsense' } } }] };
    expect(validateState(bad, { products: {} })[0]).toMatch(/^products: invalid column schema/);
  });
});
