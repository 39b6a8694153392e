import { describe, expect, it } from 'vitest';
import type { State } from '../../kernel/state';
import { sampleFromData } from './sample-from-data';

const state: State = {
  users: {
    ada_1: {
      name: { first_name: 'Ada', last_name: 'Byron' },
      address: { zip: '10001', city: 'New York' },
      payment_methods: { card_7: { id: 'card_7', brand: 'visa' }, gift_2: { id: 'gift_2', balance: 10 } },
    },
    bob_2: {
      name: { first_name: 'Bob', last_name: 'Stone' },
      address: { zip: '94107', city: 'San Francisco' },
      payment_methods: { card_9: { id: 'card_9', brand: 'amex' } },
    },
  },
  orders: {
    '#1': { order_id: '#1', user_id: 'ada_1', status: 'delivered', items: [{ item_id: '100', qty: 1 }], address: { zip: '10001', city: 'New York' } },
    '#2': {
      order_id: '#2',
      user_id: 'bob_2',
      status: 'pending',
      items: [
        { item_id: '200', qty: 2 },
        { item_id: '201', qty: 1 },
      ],
      address: { zip: '94107', city: 'San Francisco' },
    },
  },
  products: { p1: { product_id: 'p1', variants: { '100': { item_id: '100' }, '300': { item_id: '300' } } } },
};

const params = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const str = { type: 'string' };

describe('sampleFromData', () => {
  it('takes the arguments of a lookup from one row, nested fields included', () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const { args } = sampleFromData(params({ first_name: str, last_name: str, zip: str }), state, { seed: 1, attempt }) as { args: Record<string, string> };
      const user = Object.values(state.users!).find((u) => (u.name as { first_name: string }).first_name === args.first_name)!;
      expect(args.last_name).toBe((user.name as { last_name: string }).last_name);
      expect(args.zip).toBe((user.address as { zip: string }).zip);
    }
  });

  it('prefers rows holding a word of the tool name, and takes ids from the rows the anchor points at', () => {
    const sampled = sampleFromData(params({ order_id: str, payment_method_id: str }), state, {
      seed: 3,
      toolName: 'modify_pending_order_payment',
      intent: 'change',
    });
    expect(sampled).toEqual({ ok: true, args: { order_id: '#2', payment_method_id: 'card_9' } });
  });

  it('selects list items from the anchor row and new ones from elsewhere', () => {
    const sampled = sampleFromData(params({ order_id: str, item_ids: { type: 'array', items: str }, new_item_ids: { type: 'array', items: str } }), state, {
      seed: 5,
      attempt: 0,
      toolName: 'exchange_delivered_order_items',
      intent: 'change',
    });
    if (!sampled.ok) throw new Error(sampled.reason);
    expect(sampled.args.order_id).toBe('#1');
    expect(sampled.args.item_ids).toEqual(['100']);
    expect(sampled.args.new_item_ids).toHaveLength(1);
    expect(['100']).not.toContain((sampled.args.new_item_ids as string[])[0]);
  });

  it('fits values to the parameter type and builds list-of-object arguments field by field', () => {
    const sampled = sampleFromData(params({ lines: { type: 'array', items: params({ item_id: { type: 'integer' }, qty: { type: 'integer' } }) } }), state, {
      seed: 2,
    });
    if (!sampled.ok) throw new Error(sampled.reason);
    const [line] = sampled.args.lines as Array<{ item_id: unknown; qty: unknown }>;
    expect(Number.isInteger(line!.item_id)).toBe(true);
    expect(Number.isInteger(line!.qty)).toBe(true);
  });
});
