import fs from 'node:fs';
import { sharedData } from '../../testing/shared-data';
import { describe, expect, it } from 'vitest';
import { classifyOp } from './op';
import { words } from '../kernel/words';

describe('classifyOp', () => {
  it('trusts the HTTP method first', () => {
    expect(classifyOp({ name: 'deletePet', method: 'get' })).toEqual({ op: 'read', reason: 'HTTP GET' });
    expect(classifyOp({ name: 'getStatus', method: 'POST' })).toEqual({ op: 'write', reason: 'HTTP POST' });
  });

  it('then the verb the name starts with, in any case style', () => {
    expect(classifyOp({ name: 'cancelPendingOrder' })).toMatchObject({ op: 'write', reason: 'name starts with "cancel"' });
    expect(classifyOp({ name: 'get_order_details' })).toMatchObject({ op: 'read' });
  });

  it('reads the verb after a namespace prefix', () => {
    expect(classifyOp({ name: 'bank_block_card', description: 'Block a payment card straight away.' })).toMatchObject({
      op: 'write',
      reason: 'name\'s verb "block", after "bank"',
    });
    expect(classifyOp({ name: 'support_assign_ticket' })).toMatchObject({ op: 'write' });
    expect(classifyOp({ name: 'flightGetFlightStatus', description: 'Departure and arrival times.' })).toMatchObject({
      op: 'read',
      reason: 'name\'s verb "get", after "flight"',
    });
  });

  it('then the first word of the description, and reads by default', () => {
    expect(classifyOp({ name: 'flight', description: 'Books a seat on a flight.' })).toMatchObject({ op: 'write', reason: 'description starts with "book"' });
    expect(classifyOp({ name: 'weather', description: 'Returns the forecast for a city.' })).toMatchObject({ op: 'read' });
    expect(classifyOp({ name: 'weather', description: 'The order of the forecast days.' })).toMatchObject({
      op: 'read',
      reason: expect.stringMatching(/default/),
    });
  });

  it('sorts the τ-bench retail tools the way the benchmark uses them', () => {
    const file = sharedData('taubench', 'retail', 'tools.json');
    const tools = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ function: { name: string; description: string } }>;
    const writes = tools
      .filter((t) => classifyOp(t.function).op === 'write')
      .map((t) => t.function.name)
      .sort();
    // Every tool that changes db.json in τ-bench retail, plus the hand-off to a human.
    expect(writes).toEqual([
      'cancel_pending_order',
      'exchange_delivered_order_items',
      'modify_pending_order_address',
      'modify_pending_order_items',
      'modify_pending_order_payment',
      'modify_user_address',
      'return_delivered_order_items',
      'transfer_to_human_agents',
    ]);
  });
});

describe('words', () => {
  it('splits camelCase, acronyms and snake_case', () => {
    expect(words('getHTTPResponse_code')).toEqual(['get', 'http', 'response', 'code']);
  });
});
