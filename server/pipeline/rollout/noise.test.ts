import { describe, expect, it } from 'vitest';
import type { EnvironmentContent, ToolCode } from '../environment/model';
import type { State } from '../kernel/state';
import { SHOP } from '../environment/test-schema';
import type { GoldCall, Task } from '../tasks/model';
import { applicableNoise, planNoise, wrongArguments } from './noise';
import { KeyIndex } from '../tasks/row-keys';

const state: State = {
  users: { u_1: { user_id: 'u_1', email: 'a@x.io' }, u_2: { user_id: 'u_2', email: 'b@x.io' } },
  products: { '7': { product_id: 7 }, '9': { product_id: 9 } },
  orders: { order_1: { order_id: 'order_1', user_id: 'u_1', status: 'pending' }, order_2: { order_id: 'order_2', user_id: 'u_2', status: 'delivered' } },
  sessions: {},
};
const tool = (name: string, op: 'read' | 'write', properties: Record<string, unknown>, required = Object.keys(properties)): ToolCode => ({
  toolId: name,
  name,
  op,
  parameters: { type: 'object', properties, required },
  code: '(db, args) => null',
});
const content: EnvironmentContent = {
  schema: SHOP,
  tools: [
    tool('get_order', 'read', { order_id: { type: 'string' } }),
    tool('get_user', 'read', { user_id: { type: 'string' } }),
    tool('set_status', 'write', { order_id: { type: 'string' }, status: { type: 'string', enum: ['pending', 'delivered', 'cancelled'] } }),
    tool(
      'restock',
      'write',
      {
        product_id: { type: 'integer' },
        count: { type: 'integer', minimum: 1, maximum: 5 },
        urgent: { type: 'boolean' },
        note: { type: 'string', maxLength: 6 },
      },
      ['product_id'],
    ),
  ],
};
const call = (name: string, args: Record<string, unknown>): GoldCall => ({
  toolId: name,
  name,
  op: content.tools.find((t) => t.name === name)!.op,
  arguments: args,
  result: null,
});
const task = (calls: GoldCall[]): Task => ({
  seed: 1,
  initialState: state,
  calls,
  finalState: state,
  readOnly: calls.every((c) => c.op === 'read'),
  intent: '',
  intentWriter: 'template',
  fingerprint: '',
});
const params = (name: string) => content.tools.find((t) => t.name === name)!.parameters;
const keys = new KeyIndex(content, [state]);

describe('wrongArguments', () => {
  it('prefers another existing row id, in the id’s own type', () => {
    expect(wrongArguments(call('set_status', { order_id: 'order_2', status: 'cancelled' }), params('set_status'), keys)).toEqual({
      order_id: 'order_1',
      status: 'cancelled',
    });
    expect(wrongArguments(call('restock', { product_id: 7 }), params('restock'), keys)).toEqual({ product_id: 9 });
  });

  it('else another enum member, a nearby number, a flipped boolean, a string of the same shape, within the schema', () => {
    const enumOnly = { type: 'object', properties: { status: { type: 'string', enum: ['pending', 'delivered'] } } };
    expect(wrongArguments(call('set_status', { status: 'delivered' }), enumOnly, keys)).toEqual({ status: 'pending' });
    // product_id is pinned to 42 here, so the other arguments are the ones that can change.
    const restock = { ...params('restock'), properties: { ...(params('restock').properties as object), product_id: { const: 42 } } };
    // count 5 is the maximum: one less is the change that stays valid.
    expect(wrongArguments(call('restock', { product_id: 42, count: 5 }), restock, keys)).toEqual({ product_id: 42, count: 4 });
    expect(wrongArguments(call('restock', { product_id: 42, urgent: true }), restock, keys)).toEqual({ product_id: 42, urgent: false });
    const text = { type: 'object', properties: { zip: { type: 'string' }, email: { type: 'string' }, city: { type: 'string' } } };
    expect(wrongArguments(call('get_user', { zip: '02139' }), text, keys)).toEqual({ zip: '02140' });
    expect(wrongArguments(call('get_user', { email: 'kim@x.io' }), text, keys)).toEqual({ email: 'kim2@x.io' });
    expect(wrongArguments(call('get_user', { city: 'Oslo' }), text, keys)).toEqual({ city: 'Oslo2' });
    // "abcdef2" is longer than maxLength 6: nothing valid is left to change.
    expect(wrongArguments(call('restock', { note: 'abcdef' }), { type: 'object', properties: { note: { type: 'string', maxLength: 6 } } }, keys)).toBeNull();
  });
});

describe('KeyIndex', () => {
  it('finds the table of an id, by the argument’s name first', () => {
    expect(keys.tableOf('order_id', 'order_1')).toBe('orders');
    expect(keys.tableOf('whatever', 'u_2')).toBe('users');
    expect(keys.tableOf('product_id', 7)).toBe('products');
    expect(keys.tableOf('order_id', 'order_9')).toBeNull();
    expect(keys.tableOf('order_id', true)).toBeNull();
  });

  it('makes ids no row has, of the same shape', () => {
    expect(keys.missingKey('orders', 'order_1')).toBe('order_3');
    expect(keys.missingKey('users', 'u_2')).toBe('u_3');
    expect(keys.missingKey('products', 7)).toBe(10);
    expect(new KeyIndex(content, [{ t: { abc: {}, abc_1: {} } }]).missingKey('t', 'abc')).toBe('abc_2');
    // Snowflakes are past 2^53: counting on floats stood still (1100000000000000000 + 1 is itself) and never ended.
    const flakes = new KeyIndex(content, [{ t: { '1100000000000000000': {}, '1100000000000000001': {}, '1100000000000000002': {} } }]);
    expect(flakes.missingKey('t', '1100000000000000000')).toBe('1100000000000000003');
    expect(new KeyIndex(content, [{ t: { '1100000000000000000': {} } }]).missingKey('t', 2 ** 60)).toBeTypeOf('number');
  });
});

describe('planNoise', () => {
  // The sampler found that get_order refuses a missing order (GoldCall.refusal).
  const gold = [
    { ...call('get_order', { order_id: 'order_1' }), refusal: { order_id: 'order_3' } },
    call('set_status', { order_id: 'order_1', status: 'cancelled' }),
    call('get_user', { user_id: 'u_1' }),
  ];

  it('places each switch once, deterministically', () => {
    const plan = planNoise(task(gold), content, ['skipped_step', 'wrong_argument', 'malformed_call', 'tool_error', 'extra_read']);
    expect(plan.skipped).toBe(1);
    expect(plan.calls).toEqual([
      [
        { name: 'get_order', args: '{"order_id":"order_1"', noise: 'malformed_call', appliedWhen: 'made' },
        { name: 'get_order', args: { order_id: 'order_3' }, noise: 'tool_error', appliedWhen: 'error' },
        // The only write is skipped, so there is no place for a wrong argument: reads never get one.
        { name: 'get_order', args: { order_id: 'order_1' } },
        { name: 'get_order', args: { order_id: 'order_1' }, noise: 'extra_read', appliedWhen: 'ok' },
      ],
      [],
      [{ name: 'get_user', args: { user_id: 'u_1' } }],
    ]);
    expect(planNoise(task(gold), content, ['skipped_step', 'wrong_argument', 'malformed_call', 'tool_error', 'extra_read'])).toEqual(plan);
  });

  it('puts a wrong argument on the last write only, and says which switches a task has a place for', () => {
    const plan = planNoise(task(gold), content, ['wrong_argument']);
    expect(plan.calls[1]).toEqual([{ name: 'set_status', args: { order_id: 'order_2', status: 'cancelled' }, noise: 'wrong_argument', appliedWhen: 'made' }]);
    expect(plan.calls[0]).toEqual([{ name: 'get_order', args: { order_id: 'order_1' } }]);
    const reads = [gold[0]!, gold[2]!];
    expect(
      planNoise(task(reads), content, ['wrong_argument'])
        .calls.flat()
        .some((c) => c.noise),
    ).toBe(false);
    expect(applicableNoise(task(reads), content, ['wrong_argument', 'skipped_step', 'extra_read', 'malformed_call', 'tool_error'])).toEqual([
      'skipped_step',
      'extra_read',
      'malformed_call',
      'tool_error',
    ]);
    expect(applicableNoise(task([call('restock', { product_id: 42 })]), content, ['tool_error', 'wrong_argument'])).toEqual(['wrong_argument']);
  });

  it('leaves out what a task gives no place for', () => {
    const noRows = [call('restock', { product_id: 42 })];
    // No read tool takes product_id, and no call was found to refuse a missing row.
    const plan = planNoise(task(noRows), { ...content, tools: content.tools.filter((t) => t.name !== 'get_user' && t.name !== 'get_order') }, [
      'tool_error',
      'extra_read',
    ]);
    expect(plan.calls).toEqual([[{ name: 'restock', args: { product_id: 42 } }]]);
    expect(planNoise(task([]), content, ['wrong_argument', 'skipped_step', 'malformed_call', 'tool_error', 'extra_read'])).toEqual({
      calls: [],
      skipped: null,
    });
  });

  it('borrows a read from the write’s arguments when the task has no read', () => {
    const plan = planNoise(task([call('set_status', { order_id: 'order_1', status: 'cancelled' })]), content, ['extra_read']);
    expect(plan.calls[0]![0]).toEqual({ name: 'get_order', args: { order_id: 'order_1' }, noise: 'extra_read', appliedWhen: 'ok' });
  });
});
