import { describe, expect, it } from 'vitest';
import { initialStatus, toolIntent } from './verbs';

describe('toolIntent', () => {
  it('reads by verb', () => {
    expect(toolIntent({ name: 'get_order_details', op: 'read' }).kind).toBe('fetch');
    expect(toolIntent({ name: 'list_all_product_types', op: 'read' }).kind).toBe('list');
    expect(toolIntent({ name: 'find_user_id_by_email', op: 'read' }).kind).toBe('search');
    expect(toolIntent({ name: 'calculate', op: 'read' }).kind).toBe('compute');
  });

  it('writes by verb, with the status a status verb leaves', () => {
    expect(toolIntent({ name: 'cancel_pending_order', op: 'write' })).toMatchObject({ kind: 'status', statusTarget: 'cancelled' });
    expect(toolIntent({ name: 'createUser', op: 'write' }).kind).toBe('create');
    expect(toolIntent({ name: 'modify_user_address', op: 'write' }).kind).toBe('update');
    expect(toolIntent({ name: 'deletePet', op: 'write' }).kind).toBe('delete');
    expect(toolIntent({ name: 'transfer_to_human_agents', op: 'write' }).kind).toBe('write');
    // Only the name counts: a stored version has no description to read again at validation.
    expect(toolIntent({ name: 'crosspost_message', op: 'write' }).kind).toBe('write');
  });

  it('lets the op win over the verb: a GET named "Set_Item_Quantity" is a read', () => {
    expect(toolIntent({ name: 'CatalogAPI_Set_Item_Quantity', op: 'read' }).op).toBe('read');
  });

  it('starts records pending when something must later approve or cancel them', () => {
    expect(initialStatus(['cancelled'])).toBe('pending');
    expect(initialStatus(['archived'])).toBe('active');
  });
});
