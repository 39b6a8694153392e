import { describe, expect, it } from 'vitest';
import { metaRole } from '../tools/param-roles';
import { columnName, isKeyParam, paramRole, tableEntity } from './columns';

const orders = { name: 'orders', primaryKey: 'order_id', columns: { order_id: {}, item_ids: {}, email: {}, status: {} } };

describe('columns', () => {
  it('names columns without modifiers or the entity’s own prefix', () => {
    expect(columnName('new_item_ids', 'order')).toBe('item_ids');
    expect(columnName('user_email', 'user')).toBe('email');
    expect(columnName('orderStatus', 'order')).toBe('status');
    expect(columnName('shippingAddress', 'order')).toBe('shippingAddress');
  });

  it('knows the key by name, a bare id or an id of the table’s entity', () => {
    expect(isKeyParam('order_id', '', orders)).toBe(true);
    expect(isKeyParam('id', '', orders)).toBe(true);
    expect(isKeyParam('orderIds', '', orders)).toBe(true);
    expect(isKeyParam('user_id', '', orders)).toBe(false);
  });

  it('gives each parameter a role', () => {
    expect(paramRole('new_item_ids', {}, orders)).toEqual({ role: 'column', column: 'item_ids' });
    expect(paramRole('order_email', {}, orders)).toEqual({ role: 'column', column: 'email' });
    expect(paramRole('perPage', {}, orders)).toEqual({ role: 'limit' });
    expect(paramRole('q', {}, orders)).toEqual({ role: 'query' });
    expect(paramRole('callback', {}, orders)).toEqual({ role: 'ignored' });
    expect(paramRole('colour', {}, orders)).toEqual({ role: 'none' });
    expect(metaRole('page')).toBe('page');
    expect(tableEntity('categories')).toBe('category');
  });
});
