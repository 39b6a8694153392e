import { describe, expect, it } from 'vitest';
import { entityLabel, idParam, mentions, nameNouns, pluralize, tableName } from './entities';

describe('idParam', () => {
  it('finds the entity of id parameters in any case style, keeping compound entities whole', () => {
    expect(idParam('order_id')).toEqual({ entity: 'order', many: false });
    expect(idParam('orderId')).toEqual({ entity: 'order', many: false });
    expect(idParam('productID')).toEqual({ entity: 'product', many: false });
    expect(idParam('new_item_ids')).toEqual({ entity: 'item', many: true });
    expect(idParam('payment_method_id')).toEqual({ entity: 'payment_method', many: false });
  });

  it('treats a bare id as the tool’s own entity, and user_email as a lookup key of users', () => {
    expect(idParam('id')).toEqual({ entity: null, many: false });
    expect(idParam('user_email')).toEqual({ entity: 'user', many: false, lookup: 'email' });
  });

  it('reads glued lower-case ids only with evidence, and never values', () => {
    expect(idParam('jobid', 'The job UUID.')).toEqual({ entity: 'job', many: false });
    expect(idParam('projectid', '', new Set(['project']))).toEqual({ entity: 'project', many: false });
    expect(idParam('projectid')).toBeNull();
    expect(idParam('valid', 'is it an id')).toBeNull();
    expect(idParam('phone_number')).toBeNull();
    expect(idParam('email')).toBeNull();
    expect(idParam('max_id')).toBeNull();
    expect(idParam('next_max_id')).toBeNull();
  });
});

describe('nameNouns', () => {
  it('takes the nouns after the verb, with the head of the first phrase', () => {
    expect(nameNouns('get_order_details')).toMatchObject({ nouns: ['order'], head: 'order', verb: 'get' });
    expect(nameNouns('transfer_to_human_agents')).toMatchObject({ head: 'agent', headPlural: true });
    expect(nameNouns('find_user_id_by_email')).toMatchObject({ nouns: ['user', 'email'], head: 'user' });
  });

  it('keeps later verbs as nouns and status words as statuses', () => {
    expect(nameNouns('exchange_delivered_order_items')).toMatchObject({ nouns: ['order', 'item'], head: 'item', statuses: ['delivered'], verb: 'exchange' });
  });

  it('reads ToolBench names, which lead with the API’s name and may have no verb', () => {
    expect(nameNouns('Florida_Realty_API_getCities')).toMatchObject({ head: 'city', headPlural: true });
    expect(nameNouns('Trackmania_Top_Players_by_Matchmaking')).toMatchObject({ head: 'player' });
  });

  it('joins a generic head with its qualifier', () => {
    const n = nameNouns('list_payment_methods');
    expect(n.head).toBe('payment_method');
    expect(mentions(n, 'payment_method')).toBe(true);
    expect(mentions(nameNouns('list_preorders'), 'order')).toBe(false);
  });
});

describe('table names', () => {
  it('pluralizes into valid table names', () => {
    expect(['order', 'category', 'box', 'status', 'payment_method', 'day', 'news', 'statistics', 'media'].map(pluralize)).toEqual([
      'orders',
      'categories',
      'boxes',
      'statuses',
      'payment_methods',
      'days',
      'news',
      'statistics',
      'media',
    ]);
    expect(tableName('3d-Model')).toBe('d_models');
    expect(tableName('')).toBe('items');
    expect(entityLabel('payment_methods')).toBe('payment method');
  });
});
