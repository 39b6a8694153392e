import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHeuristic } from '../pipeline/environment/heuristic';
import type { EnvironmentContent } from '../pipeline/environment/model';
import { diffStates, type State } from '../pipeline/kernel/state';
import { seedState } from '../pipeline/environment/seed-state';
import type { GraphTool } from '../pipeline/graph/model';
import { Sandbox } from '../pipeline/sandbox/sandbox';
import { importDocuments } from '../pipeline/tools/import';

/**
 * Issue 13: the demo's writes go to the entity their name, description and response say, and its
 * status changes and refusals follow its enums and descriptions. Each area's tools alone, through
 * the heuristic generator (no data file), with the generated code run in the sandbox on the seeded
 * state.
 */
const FILE = path.join(__dirname, 'demo-tools.json');

function area(prefix: string): GraphTool[] {
  const { tools } = importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(FILE) }]);
  return tools
    .filter((t) => t.name.startsWith(`${prefix}_`))
    .map((t, i) => ({ id: `${prefix}-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

describe('the demo’s writes', { timeout: 60_000 }, () => {
  const sandbox = new Sandbox({ workers: 1 });
  afterAll(() => sandbox.close());

  const env = (prefix: string) => {
    const content = generateHeuristic(area(prefix));
    return { content, state: seedState(content.schema, { seed: 7 }) };
  };
  const call = async (content: EnvironmentContent, state: State, name: string, args: Record<string, unknown>) => {
    const tool = content.tools.find((t) => t.name === name)!;
    const before = structuredClone(state);
    const out = await sandbox.run(tool.code, before, args);
    const changes = out.ok && out.state ? diffStates(state, out.state) : [];
    return { out, changes, after: out.state };
  };
  const keys = (state: State, table: string) => Object.keys(state[table] ?? {});

  it('book_flight adds a bookings row for the flight and no flights row', async () => {
    const { content, state } = env('flight');
    const flight = keys(state, 'flights')[0]!;
    const passenger = keys(state, 'passengers')[0]!;
    const { out, changes } = await call(content, state, 'flight_book_flight', { passenger_id: passenger, flight_id: flight, cabin: 'economy' });
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(changes.map((c) => [c.table, c.kind])).toEqual([['bookings', 'added']]);
    expect(out.ok && out.result).toMatchObject({ flight_id: flight, passenger_id: passenger, cabin: 'economy', status: 'confirmed' });
    // A flight that does not exist cannot be booked.
    expect((await call(content, state, 'flight_book_flight', { passenger_id: passenger, flight_id: 'nope', cabin: 'economy' })).out.ok).toBe(false);
  });

  it('cancel_booking applies only to bookings not checked in yet', async () => {
    const { content, state } = env('flight');
    const withStatus = (s: string) => Object.values(state.bookings!).find((r) => r.status === s)!.booking_id;
    expect((await call(content, state, 'flight_cancel_booking', { booking_id: withStatus('checked_in') })).out.ok).toBe(false);
    const ok = await call(content, state, 'flight_cancel_booking', { booking_id: withStatus('confirmed') });
    expect(ok.changes.map((c) => [c.table, c.kind, c.kind === 'changed' ? c.fields : []])).toEqual([['bookings', 'changed', ['status']]]);
  });

  it('add_booking_baggage ("Set how many bags…") updates the booking instead of creating one', async () => {
    const { content, state } = env('flight');
    const booking = keys(state, 'bookings')[0]!;
    const { out, changes } = await call(content, state, 'flight_add_booking_baggage', { booking_id: booking, bags: 2 });
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(changes.map((c) => [c.table, c.key, c.kind])).toEqual([['bookings', booking, 'changed']]);
  });

  it('create_transfer adds a transfers row between two accounts; a transfer to the same account is refused', async () => {
    const { content, state } = env('bank');
    const [a, b] = keys(state, 'accounts');
    const { out, changes } = await call(content, state, 'bank_create_transfer', { account_id: a, to_account_id: b, amount: 25, memo: 'rent' });
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(changes.map((c) => [c.table, c.kind])).toEqual([['transfers', 'added']]);
    expect(out.ok && out.result).toMatchObject({ account_id: a, to_account_id: b, amount: 25 });
    expect(content.schema.tables.find((t) => t.name === 'transfers')!.references).toEqual(
      expect.arrayContaining([
        { column: 'account_id', table: 'accounts' },
        { column: 'to_account_id', table: 'accounts' },
      ]),
    );
    const same = await call(content, state, 'bank_create_transfer', { account_id: a, to_account_id: a, amount: 25 });
    expect(same.out.ok).toBe(false);
    expect(!same.out.ok && same.out.error.message).toMatch(/must differ/);
  });

  it('block_card sets the card’s status to blocked', async () => {
    const { content, state } = env('bank');
    const card = Object.values(state.cards!).find((r) => r.status !== 'blocked')!.card_id;
    const { out, changes } = await call(content, state, 'bank_block_card', { card_id: card, reason: 'lost' });
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(changes).toHaveLength(1);
    expect(out.ok && (out.result as { status: string }).status).toBe('blocked');
  });

  it('add_ticket_comment adds a comments row on the ticket and no tickets row', async () => {
    const { content, state } = env('support');
    const ticket = keys(state, 'tickets')[0]!;
    const { out, changes } = await call(content, state, 'support_add_ticket_comment', { ticket_id: ticket, body: 'Any news?', internal: false });
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(changes.map((c) => [c.table, c.kind])).toEqual([['comments', 'added']]);
    expect(out.ok && out.result).toMatchObject({ ticket_id: ticket, body: 'Any news?' });
    expect((await call(content, state, 'support_add_ticket_comment', { ticket_id: 'nope', body: 'x' })).out.ok).toBe(false);
  });

  it('invite_event_attendee adds an attendee of the event', async () => {
    const { content, state } = env('calendar');
    const event = keys(state, 'events')[0]!;
    const { out, changes } = await call(content, state, 'calendar_invite_event_attendee', { event_id: event, attendee_email: 'ana@example.com' });
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(changes.map((c) => [c.table, c.kind])).toEqual([['attendees', 'added']]);
    expect(out.ok && out.result).toMatchObject({ event_id: event, email: 'ana@example.com' });
  });

  it('cancel_order refuses shipped and delivered orders and cancels a pending one; return_order needs a delivered one', async () => {
    const { content, state } = env('shop');
    const withStatus = (s: string) => Object.values(state.orders!).find((r) => r.status === s)!.order_id;
    for (const s of ['shipped', 'delivered']) {
      const refused = await call(content, state, 'shop_cancel_order', { order_id: withStatus(s), reason: 'changed_mind' });
      expect(refused.out.ok, s).toBe(false);
      expect(!refused.out.ok && refused.out.error.message).toMatch(/not pending or paid/);
    }
    const done = await call(content, state, 'shop_cancel_order', { order_id: withStatus('pending'), reason: 'changed_mind' });
    expect(done.out.ok, JSON.stringify(done.out)).toBe(true);
    expect(done.after!.orders![String(withStatus('pending'))]!.status).toBe('cancelled');

    expect((await call(content, state, 'shop_return_order', { order_id: withStatus('pending'), reason: 'damaged' })).out.ok).toBe(false);
    const returned = await call(content, state, 'shop_return_order', { order_id: withStatus('delivered'), reason: 'damaged' });
    expect(returned.out.ok, JSON.stringify(returned.out)).toBe(true);
    expect(returned.after!.orders![String(withStatus('delivered'))]!.status).toBe('returned');
    // "an order that has not shipped yet": the address of a shipped order stays.
    expect((await call(content, state, 'shop_update_order_address', { order_id: withStatus('shipped'), shipping_address: '1 Main St' })).out.ok).toBe(false);
  });
});
