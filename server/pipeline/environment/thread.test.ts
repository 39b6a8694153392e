import { describe, expect, it } from 'vitest';
import { seededRandom } from '../kernel/random';
import type { EnvironmentSchema } from './model';
import type { State } from '../kernel/state';
import { sampleArgs } from './sample-args';
import { SHOP } from './test-schema';
import { anchorTables, pickAnchor, threadOf, threadRows, threadValues } from './thread';

/** τ-bench-like: users list their orders, orders point at their user and hold items naming products. */
const STORE: EnvironmentSchema = {
  tables: [
    {
      name: 'products',
      description: '',
      primaryKey: 'product_id',
      columns: { product_id: { type: 'string' }, name: { type: 'string' } },
      required: [],
      references: [],
    },
    {
      name: 'users',
      description: '',
      primaryKey: 'user_id',
      keyInRow: false,
      columns: { email: { type: 'string' }, payment_methods: { type: 'object' }, orders: { type: 'array', items: { type: 'string' } } },
      required: [],
      references: [{ column: 'orders', table: 'orders' }],
    },
    {
      name: 'orders',
      description: '',
      primaryKey: 'order_id',
      columns: { order_id: { type: 'string' }, user_id: { type: 'string' }, status: { type: 'string' }, items: { type: 'array' } },
      required: [],
      references: [{ column: 'user_id', table: 'users' }],
    },
  ],
};

const STATE: State = {
  products: { p1: { product_id: 'p1', name: 'Lamp' }, p2: { product_id: 'p2', name: 'Desk' }, p3: { product_id: 'p3', name: 'Chair' } },
  users: {
    ann: { email: 'ann@example.com', payment_methods: { card_1: { id: 'card_1', source: 'credit_card' } }, orders: ['#1'] },
    bob: { email: 'bob@example.com', payment_methods: { paypal_2: { id: 'paypal_2', source: 'paypal' } }, orders: ['#2', '#3'] },
  },
  orders: {
    '#1': { order_id: '#1', user_id: 'ann', status: 'pending', items: [{ item_id: 'i1', product_id: 'p1' }] },
    '#2': { order_id: '#2', user_id: 'bob', status: 'delivered', items: [{ item_id: 'i2', product_id: 'p2' }] },
    '#3': { order_id: '#3', user_id: 'bob', status: 'pending', items: [{ item_id: 'i3', product_id: 'p3' }] },
  },
};

describe('anchorTables', () => {
  it('takes the roots of the references: tables that own others and are owned by none', () => {
    // Orders point at one user each and a user lists many orders: users own orders either way.
    expect(anchorTables(STORE)).toEqual(['users']);
    // Orders point at one user and list many products; sessions point at one user.
    expect(anchorTables(SHOP)).toEqual(['users']);
    expect(anchorTables({ tables: [STORE.tables[0]!] })).toEqual([]);
  });
});

describe('threadOf', () => {
  it("gathers the anchor's rows: what points at it, what it points at, and keys named inside them", () => {
    const bob = threadOf(STORE, STATE, { table: 'users', key: 'bob' });
    expect(Object.fromEntries(bob)).toEqual({ users: ['bob'], orders: ['#2', '#3'], products: ['p2', 'p3'] });
    const order = threadOf(STORE, STATE, { table: 'orders', key: '#1' });
    expect(Object.fromEntries(order)).toEqual({ orders: ['#1'], users: ['ann'], products: ['p1'] });
    expect(threadOf(STORE, STATE, { table: 'users', key: 'nobody' }).size).toBe(0);
  });

  it('picks a seeded anchor of a table with rows', () => {
    const a = pickAnchor(STATE, ['users'], seededRandom(3));
    expect(a).toEqual(pickAnchor(STATE, ['users'], seededRandom(3)));
    expect(['ann', 'bob']).toContain(a!.key);
    expect(pickAnchor({ users: {} }, ['users'], seededRandom(3))).toBeNull();
  });

  it("finds a parameter's values in the thread: by name, singular, or an id inside the collection it names", () => {
    const bob = threadOf(STORE, STATE, { table: 'users', key: 'bob' });
    expect(threadValues('payment_method_id', STATE, bob)).toEqual(['paypal_2']);
    expect(threadValues('item_ids', STATE, bob)).toEqual(['i2', 'i3']);
    expect(threadValues('item_ids', STATE, bob, STATE.orders!['#3'])).toEqual(['i3', 'i2']);
    expect(threadValues('coupon_code', STATE, bob)).toEqual([]);
    expect(Object.keys(threadRows(STATE, bob, STORE.tables[2]!)!)).toEqual(['#2', '#3']);
  });
});

describe('sampleArgs on a thread', () => {
  const cancel = {
    type: 'object',
    properties: { order_id: { type: 'string' }, payment_method_id: { type: 'string' } },
    required: ['order_id', 'payment_method_id'],
  };
  const user = { type: 'object', properties: { user_id: { type: 'string' } }, required: ['user_id'] };

  it("takes the target row, other keys and nested ids from the anchor's thread, whatever the attempt", () => {
    const bob = threadOf(STORE, STATE, { table: 'users', key: 'bob' });
    for (let attempt = 0; attempt < 6; attempt++) {
      const out = sampleArgs(cancel, STATE, STORE, { seed: 5, attempt, table: 'orders', intent: 'change', thread: bob });
      expect(out.ok && ['#2', '#3'].includes(out.args.order_id as string), JSON.stringify(out)).toBe(true);
      expect(out.ok && out.args.payment_method_id).toBe('paypal_2');
      // A row keyed without its key in it (users) still gives its key.
      expect(sampleArgs(user, STATE, STORE, { seed: 5, attempt, table: 'users', intent: 'read', thread: bob })).toEqual({ ok: true, args: { user_id: 'bob' } });
    }
  });
});
