import { describe, expect, it } from 'vitest';
import { containsRawJson } from './reply-measure';
import { actionPhrase, summariseOutcome, summariseResult } from './summarise';

const ok = (name: string, op: 'read' | 'write', result: unknown, args: Record<string, unknown> | null = {}) =>
  summariseOutcome({ name, op, arguments: args, ok: true, result });

describe('summariseResult', () => {
  it('names an object by its id field, says its status and a few short facts', () => {
    expect(ok('get_booking', 'read', { booking_id: 'b_7', status: 'confirmed', seats: 2, note: 'window' })).toBe(
      'I found booking b_7: it is confirmed, with seats 2 and note window.',
    );
    // A bare `id` is the tool's entity; ids of other records say what it belongs to.
    expect(ok('fetch_invoice', 'read', { id: 'inv_3', customer_id: 'c_9' })).toBe('I found invoice inv_3, linked to customer c_9.');
  });

  it('reports a write by the status its name sets, else by the fields the call changed', () => {
    expect(ok('close_ticket', 'write', { ticket_id: 't1', status: 'closed', priority: 'low' }, { ticket_id: 't1' })).toBe('Your ticket t1 is now closed.');
    expect(
      ok('update_ticket_priority', 'write', { ticket_id: 't1', status: 'open', priority: 'high', title: 'Printer' }, { ticket_id: 't1', priority: 'high' }),
    ).toBe('Done: your ticket t1 now has priority high.');
    expect(ok('set_state', 'write', { device_id: 'd1', state: 'paused' }, { device_id: 'd1', state: 'paused' })).toBe('Your device d1 is now paused.');
  });

  it('counts a list and names its first items by id or name', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ event_id: `e${i + 1}`, title: 'x' }));
    expect(ok('list_events', 'read', rows)).toBe('I found 7 events: e1, e2, e3, e4, e5 and 2 more.');
    expect(ok('search_products', 'read', [{ name: 'Lamp' }, { name: 'Desk chair' }])).toBe("I found 2 products: Lamp and 'Desk chair'.");
    expect(ok('list_events', 'read', [])).toBe('I found no events.');
  });

  it('says a scalar in a sentence named after the tool', () => {
    expect(ok('find_user_id_by_email', 'read', 'u_42')).toBe('The user id is u_42.');
    expect(ok('get_account_balance', 'read', 54.12)).toBe('The account balance is 54.12.');
    expect(ok('is_slot_free', 'read', true)).toBe('The answer is yes.');
    expect(ok('delete_note', 'write', null)).toBe("Done: I've gone ahead and deleted note.");
  });

  it('reads a result that is JSON text as what it says', () => {
    expect(summariseResult('get_order', 'read', '{"order_id":"o1","status":"pending"}')).toBe('I found order o1: it is pending.');
  });

  it('apologises for a refusal in words, leaving any JSON in it out', () => {
    expect(summariseOutcome({ name: 'cancel_order', op: 'write', arguments: { order_id: 'o9' }, ok: false, error: 'Error: order o9 not found' })).toBe(
      "I'm sorry, I couldn't cancel order: order o9 not found.",
    );
    expect(summariseOutcome({ name: 'get_order', op: 'read', arguments: null, ok: false, error: 'Error: bad request {"code":400}' })).toBe(
      "I'm sorry, I couldn't look up order: bad request.",
    );
  });

  it('never pastes raw JSON, whatever the shape', () => {
    const shapes: unknown[] = [
      { a_id: 'x', nested: { deep: [1, 2, { k: 'v' }] }, list: [{ id: 1 }], text: '{"not":"said"}' },
      [
        [1, 2],
        [3, 4],
      ],
      [{ payload: { a: 1 } }, { payload: { b: 2 } }],
      'plain text answer',
      '[{"id":1,"name":"one"},{"id":2,"name":"two"}]',
      { status: 'ok', data: { items: [{ id: 'i1' }] } },
    ];
    for (const r of shapes) for (const op of ['read', 'write'] as const) expect(containsRawJson(ok('get_thing', op, r)), JSON.stringify(r)).toBe(false);
  });
});

describe('actionPhrase', () => {
  it('reads a tool name as a verb phrase, plain verbs for lookups', () => {
    expect(actionPhrase('get_order_details')).toBe('look up order details');
    expect(actionPhrase('cancelPendingOrder')).toBe('cancel pending order');
    expect(actionPhrase('Trackmania_Top_Players')).toBe('use trackmania top players');
  });
});
