import { describe, expect, it } from 'vitest';
import { returnedRow } from './returned-row';

const s = { type: 'string' };
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const list = (properties: Record<string, unknown>) => ({ type: 'array', items: obj(properties) });
const keys = (r: Record<string, unknown>) => Object.keys(r);

describe('returnedRow', () => {
  it('takes the record itself, or the items of a list of records', () => {
    expect(keys(returnedRow('get_order', obj({ order_id: s, status: s }), 'order', 'order_id'))).toEqual(['order_id', 'status']);
    expect(keys(returnedRow('get_guild', obj({ id: s, name: s }), 'guild', 'guild_id'))).toEqual(['id', 'name']);
    expect(keys(returnedRow('list_orders', list({ id: s, total: s }), 'order', 'order_id'))).toEqual(['id', 'total']);
  });

  it('unwraps {data: ...} and a property named after the entity', () => {
    expect(keys(returnedRow('Single Tweet', obj({ data: obj({ id: s, text: s }), includes: obj({ users: list({ id: s }) }) }), 'tweet', 'id'))).toEqual([
      'id',
      'text',
    ]);
    expect(keys(returnedRow('Users by ID', obj({ data: list({ id: s, username: s }), errors: list({ title: s }) }), 'user', 'id'))).toEqual(['id', 'username']);
    expect(keys(returnedRow('get_guild', obj({ guild: obj({ name: s }), meta: obj({ took: s }) }), 'guild', 'guild_id'))).toEqual(['name']);
    expect(keys(returnedRow('cancel_payment', obj({ data: obj({ status: s }) }), 'payment', 'id'))).toEqual(['status']);
  });

  it("takes a keyless answer as the entity's own (a status reply), but not a page of other records", () => {
    expect(keys(returnedRow('cancel_payment', obj({ status: s, pspReference: s }), 'payment', 'payment_id'))).toEqual(['status', 'pspReference']);
    expect(
      returnedRow(
        'get_active_guild_threads',
        obj({ threads: list({ id: s, guild_id: s }), members: list({ user_id: s }), has_more: { type: 'boolean' } }),
        'guild',
        'guild_id',
      ),
    ).toEqual({});
    // A keyless list is not the entity's rows either.
    expect(returnedRow('list_guilds', list({ name: s }), 'guild', 'guild_id')).toEqual({});
  });

  it("rejects a child record: its own id beside the entity's key", () => {
    expect(returnedRow('get_guild', obj({ id: s, guild_id: s, name: s }), 'guild', 'guild_id')).toEqual({});
  });

  it('a tool named after something of the entity gives columns only for a row keyed by the entity itself', () => {
    // get_guild_emoji acts on guilds (by guild_id) but returns the emoji, whose `id` is the emoji's.
    expect(returnedRow('get_guild_emoji', obj({ id: s, name: s, animated: { type: 'boolean' } }), 'guild', 'guild_id')).toEqual({});
    expect(returnedRow('get_guild_sound', obj({ sound_id: s, guild_id: s, volume: s }), 'guild', 'guild_id')).toEqual({});
    expect(returnedRow('get_guild_template', obj({ code: s, source_guild_id: s }), 'guild', 'guild_id')).toEqual({});
    expect(keys(returnedRow('get_guilds_onboarding', obj({ guild_id: s, enabled: s }), 'guild', 'guild_id'))).toEqual(['guild_id', 'enabled']);
    expect(keys(returnedRow('modify_user_address', obj({ user_id: s, address: s }), 'user', 'user_id'))).toEqual(['user_id', 'address']);
  });

  it('has nothing to say about a response that is no object', () => {
    expect(returnedRow('get_order', null, 'order', 'order_id')).toEqual({});
    expect(returnedRow('get_order', { type: 'string' }, 'order', 'order_id')).toEqual({});
    expect(returnedRow('get_order', { type: 'array', items: s }, 'order', 'order_id')).toEqual({});
  });
});
