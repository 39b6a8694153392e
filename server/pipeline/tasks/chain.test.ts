import { describe, expect, it } from 'vitest';
import { chainArgs, offeredValues, wasOffered } from './chain';

const params = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('offeredValues', () => {
  it('offers the fields of a row, of the first rows of a list, and a bare id list under the id its tool names', () => {
    expect(offeredValues('get_order_details', { order_id: '#W1', user_id: 'u1', item_ids: ['i1', 'i2'], nested: { x: 1 }, flag: true })).toEqual(
      new Map<string, unknown[]>([
        ['order_id', ['#W1']],
        ['user_id', ['u1']],
        ['item_ids', ['i1', 'i2']],
      ]),
    );
    expect(offeredValues('list_orders', [{ order_id: 'a' }, { order_id: 'b' }, { order_id: 'a' }]).get('order_id')).toEqual(['a', 'b']);
    expect(offeredValues('find_user_id_by_email', ['user_3', 'user_4']).get('user_id')).toEqual(['user_3', 'user_4']);
    expect(offeredValues('calculate', 42).size).toBe(0);
    expect(offeredValues('get_order', null).size).toBe(0);
  });
});

describe('offeredValues, nested', () => {
  it('offers ids inside a result, ids of a collection by its name, and a list named for an entity as its keys', () => {
    const user = { name: 'Ann', orders: ['#W1', '#W2'], payment_methods: { card_9: { id: 'card_9', brand: 'visa' } } };
    const offers = offeredValues('get_user_details', user);
    expect(offers.get('order_id')).toEqual(['#W1', '#W2']);
    expect(offers.get('payment_method_id')).toEqual(['card_9']);
    const order = offeredValues('get_order_details', { order_id: '#W1', items: [{ item_id: 'i1', product_id: 'p1', options: { color: 'blue' } }] });
    expect(order.get('item_id')).toEqual(['i1']);
    expect(order.get('product_id')).toEqual(['p1']);
    // Not an id: a nested plain field is not offered.
    expect(order.has('color')).toBe(false);
  });

  it('fills a list parameter from the singular it names', () => {
    const offers = [offeredValues('get_order_details', { items: [{ item_id: 'i1' }, { item_id: 'i2' }] })];
    const args: Record<string, unknown> = {};
    expect(chainArgs(params({ item_ids: { type: 'array', items: { type: 'string' } } }), args, offers, 1)).toEqual(['item_ids']);
    expect(args).toEqual({ item_ids: ['i2'] });
    expect(wasOffered('item_ids', ['i2'], offers)).toBe(true);
  });
});

describe('chainArgs', () => {
  const offers = [
    offeredValues('find_user_id_by_email', ['user_3', 'user_4']),
    offeredValues('get_order', { order_id: 'o1', status: 'pending', product_id: 7 }),
  ];

  it('fills id parameters from the latest result that offers them, in the parameter type', () => {
    const args: Record<string, unknown> = { user_id: 'user_9', status: 'delivered', product_id: 'p', reason: 'x' };
    const derived = chainArgs(
      params({ user_id: { type: 'string' }, status: { type: 'string' }, product_id: { type: 'string' }, reason: { type: 'string' } }),
      args,
      offers,
      0,
    );
    expect(derived).toEqual(['user_id', 'product_id']);
    // `status` is not an id: the result's value does not replace the sampled one.
    expect(args).toEqual({ user_id: 'user_3', status: 'delivered', product_id: '7', reason: 'x' });

    const other: Record<string, unknown> = {};
    chainArgs(params({ user_id: { type: 'string' }, order_id: { type: 'array', items: { type: 'string' } } }), other, offers, 1);
    expect(other).toEqual({ user_id: 'user_4', order_id: ['o1'] });
  });

  it('leaves a value out when it cannot have the parameter type', () => {
    const args: Record<string, unknown> = {};
    expect(chainArgs(params({ user_id: { type: 'integer' } }), args, offers, 0)).toEqual([]);
    expect(args).toEqual({});
  });

  it('tells whether a value was offered', () => {
    expect(wasOffered('user_id', 'user_4', offers)).toBe(true);
    expect(wasOffered('product_id', '7', offers)).toBe(true);
    expect(wasOffered('order_id', ['o1'], offers)).toBe(true);
    expect(wasOffered('user_id', 'user_5', offers)).toBe(false);
  });
});
