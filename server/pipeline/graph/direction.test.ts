import { describe, expect, it } from 'vitest';
import { directEdge } from './direction';
import { tool } from './test-tools';

describe('directEdge', () => {
  it('puts a read of an entity before a write that changes it, whichever comes first', () => {
    const read = tool('r', 'get_order_details', ['order_id']);
    const write = tool('w', 'cancel_order', ['order_id', 'reason'], { op: 'write' });
    const expected = { direction: 'forward', from: 'r', to: 'w', reason: 'get_order_details reads order before cancel_order changes it' };
    expect(directEdge(read, write)).toEqual(expected);
    expect(directEdge(write, read)).toEqual(expected);
  });

  it('follows an id from the tool that returns it to the one that requires it', () => {
    const create = tool('c', 'create_cart', ['customer_email'], { op: 'write', returns: ['cart_id', 'total'] });
    const checkout = tool('k', 'checkout', ['cartId'], { op: 'write' });
    expect(directEdge(checkout, create)).toEqual({ direction: 'forward', from: 'c', to: 'k', reason: 'create_cart returns cart_id, which checkout requires' });
  });

  it('trusts a returned id over the read-before-write guess', () => {
    // Alone, read-before-write would put get_order first; the returns schema says create_order is.
    const create = tool('c', 'create_order', ['product_id'], { op: 'write', returns: ['order_id'] });
    const get = tool('g', 'get_order', ['order_id']);
    expect(directEdge(get, create)).toMatchObject({ direction: 'forward', from: 'c', to: 'g' });
  });

  it('lets a read hand on the id of the entity it names', () => {
    const find = tool('f', 'find_user_id_by_email', ['email']);
    const details = tool('d', 'get_user_details', ['user_id']);
    expect(directEdge(details, find)).toEqual({
      direction: 'forward',
      from: 'f',
      to: 'd',
      reason: 'find_user_id_by_email reads the user whose user_id get_user_details requires',
    });
  });

  it('reads a bare id as the id of the tool’s own entity', () => {
    const list = tool('l', 'list_products', ['page']);
    const get = tool('g', 'get_product', ['id']);
    expect(directEdge(get, list)).toMatchObject({ direction: 'forward', from: 'l', to: 'g' });
  });

  it('counts only required parameters as needed', () => {
    const list = tool('l', 'list_products', ['page']);
    const search = tool('s', 'search_reviews', ['query', 'product_id'], { optional: ['product_id'] });
    expect(directEdge(list, search)).toMatchObject({ direction: 'both' });
  });

  it('says both when neither or each needs the other', () => {
    const a = tool('a', 'modify_order_items', ['order_id', 'item_ids'], { op: 'write' });
    const b = tool('b', 'modify_order_payment', ['order_id', 'payment_id'], { op: 'write' });
    expect(directEdge(a, b)).toEqual({
      direction: 'both',
      from: 'a',
      to: 'b',
      reason: expect.stringMatching(/^no order between modify_order_items and modify_order_payment/),
    });

    const orders = tool('o', 'get_order', ['user_id']);
    const users = tool('u', 'get_user', ['order_id']);
    expect(directEdge(orders, users)).toMatchObject({ direction: 'both', reason: expect.stringContaining('; and ') });
  });
});
