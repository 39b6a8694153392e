import { describe, expect, it } from 'vitest';
import { actsOn, assignEntities, domainContext, type ToolShape } from './acts-on';

const tool = (name: string, params: string[] = [], op: 'read' | 'write' = 'read'): ToolShape => ({
  name,
  op,
  parameters: { type: 'object', properties: Object.fromEntries(params.map((p) => [p, { type: p.endsWith('ids') ? 'array' : 'string' }])), required: params },
});

describe('actsOn', () => {
  const tools = [
    tool('get_order_details', ['order_id']),
    tool('get_user_orders', ['user_id']),
    tool('get_user_details', ['user_id']),
    tool('exchange_delivered_order_items', ['order_id', 'item_ids', 'new_item_ids', 'payment_method_id'], 'write'),
    tool('find_user_id_by_email', ['email']),
    tool('list_all_product_types'),
    tool('get_product', ['product_id']),
    tool('Demo_Project_Get_Order_2', ['id']),
    tool('think', ['thought']),
    tool('transfer_to_human_agents', ['summary'], 'write'),
    tool('submit', ['text'], 'write'),
  ];
  const ctx = domainContext(tools);
  const on = (name: string) =>
    actsOn(
      tools.find((t) => t.name === name)!,
      ctx,
    );

  it('picks the id the name is about', () => {
    expect(on('get_order_details')).toBe('order');
    expect(on('exchange_delivered_order_items')).toBe('order');
    expect(on('Demo_Project_Get_Order_2')).toBe('order');
  });

  it('lists a plural head filtered by another entity’s id', () => {
    expect(on('get_user_orders')).toBe('order');
    expect(on('get_user_details')).toBe('user');
  });

  it('uses entities the domain knows when the tool has no id', () => {
    expect(on('find_user_id_by_email')).toBe('user');
    expect(on('list_all_product_types')).toBe('product');
    expect(on('transfer_to_human_agents')).toBe('agent');
  });

  it('leaves reads that name nothing without a table, and sends such writes to the busiest entity', () => {
    expect(on('think')).toBeNull();
    const all = assignEntities(tools, ctx);
    expect(all[tools.findIndex((t) => t.name === 'think')]).toBeNull();
    expect(all[tools.findIndex((t) => t.name === 'submit')]).toBe('order');
  });

  describe('a create-like write', () => {
    const w = (name: string, params: string[], description = '', returns: ToolShape['returns'] = null): ToolShape => ({
      ...tool(name, params, 'write'),
      description,
      returns,
    });
    const domain = [
      tool('get_flight', ['flight_id']),
      tool('get_booking', ['booking_id']),
      w('book_flight', ['passenger_id', 'flight_id']),
      w('add_ticket_comment', ['ticket_id', 'body']),
      w('create_transfer', ['account_id', 'to_account_id', 'amount']),
      w('invite_event_attendee', ['event_id', 'attendee_email']),
      w('add_booking_baggage', ['booking_id', 'bags'], 'Set how many checked bags travel with a booking.'),
      w('submit_claim', ['policy_id'], '', { type: 'object', properties: { claim_id: { type: 'string' }, policy_id: { type: 'string' } } }),
      w('place_order', ['customer_id', 'product_id']),
    ];
    const c = domainContext(domain);
    const made = (name: string) =>
      actsOn(
        domain.find((t) => t.name === name)!,
        c,
      );

    it('creates its head noun, not the record it is handed', () => {
      expect(made('add_ticket_comment')).toBe('comment');
      expect(made('create_transfer')).toBe('transfer');
      expect(made('invite_event_attendee')).toBe('attendee');
      expect(made('place_order')).toBe('order');
    });

    it('creates what its verb names when its noun is handed to it and the domain knows that record', () => {
      expect(made('book_flight')).toBe('booking');
    });

    it('creates what its response describes', () => {
      expect(made('submit_claim')).toBe('claim');
    });

    it('changes the handed record when its description says "set"', () => {
      expect(made('add_booking_baggage')).toBe('booking');
    });
  });
});
