import { describe, expect, it } from 'vitest';
import type { State } from '../kernel/state';
import type { ChatMessage, StepRecord, ToolSpec, Trajectory } from '../rollout/model';
import type { GoldCall, Task } from '../tasks/model';
import { checkExact, signature } from './exact';
import { checkState } from './state';
import { checkValidity, distinctNgramRatio, REPETITION } from './validity';
import { verifyTrajectory } from './verify';

const tools: ToolSpec[] = [
  {
    type: 'function',
    function: {
      name: 'get_order',
      description: 'Look up an order.',
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string' }, verbose: { type: 'boolean' } },
        required: ['order_id'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'cancel_order',
      description: 'Cancel an order.',
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string' }, reason: { type: 'string', enum: ['mistake', 'not needed'] } },
        required: ['order_id'],
      },
    },
  },
  // A schema that does not compile: its calls are not checked, not failed.
  { type: 'function', function: { name: 'odd', description: 'Odd schema.', parameters: { type: 'object', properties: { x: { type: 'no-such-type' } } } } },
];

const sys = (content = 'You help.'): ChatMessage => ({ role: 'system', content });
const user = (content: string): ChatMessage => ({ role: 'user', content });
const say = (content: string): ChatMessage => ({ role: 'assistant', content });
const calls = (...cs: Array<[id: string, name: string, args: string]>): ChatMessage => ({
  role: 'assistant',
  content: null,
  tool_calls: cs.map(([id, name, args]) => ({ id, type: 'function', function: { name, arguments: args } })),
});
const answer = (id: string, content = '{}'): ChatMessage => ({ role: 'tool', tool_call_id: id, content });

const good: ChatMessage[] = [
  sys(),
  user('Cancel order o1, please.'),
  calls(['c1', 'get_order', '{"order_id":"o1"}'], ['c2', 'cancel_order', '{"order_id":"o1","reason":"mistake"}']),
  answer('c2'),
  answer('c1'),
  say('Order o1 is cancelled.'),
  user('Thanks. ###STOP###'),
];

describe('validity', () => {
  it('passes a well-formed conversation, tool answers in any order', () => {
    expect(checkValidity(good, tools)).toEqual({ pass: true, reason: '7 messages in order, 2 well-formed tool calls' });
    expect(checkValidity(good.slice(1), tools).pass).toBe(true);
  });

  it('names the first break in the turn order and where', () => {
    const cases: Array<[ChatMessage[], string]> = [
      [[sys(), say('Hello!')], 'message 1: the conversation opens with an assistant message, not the user'],
      [[sys()], 'no user message'],
      [[sys(), user('a'), user('b')], 'message 2: a user message where the assistant should speak'],
      [[user('a'), say('b'), say('c')], 'message 2: an assistant message where the user should speak'],
      [
        [user('a'), calls(['c1', 'get_order', '{"order_id":"o1"}']), say('done')],
        'message 2: an assistant message before every call of message 1 was answered (c1)',
      ],
      [
        [user('a'), calls(['c1', 'get_order', '{"order_id":"o1"}']), answer('c9')],
        'message 2: a tool result for "c9", which message 1 did not call or was already answered',
      ],
      [[user('a'), calls(['c1', 'get_order', '{"order_id":"o1"}']), answer('c1'), answer('c1')], 'message 3: a tool result that answers no call'],
      [[user('a'), calls(['c1', 'get_order', '{"order_id":"o1"}'])], 'message 1: calls never answered (c1)'],
      [[user('a'), calls(['c1', 'get_order', '{"order_id":"o1"}']), answer('c1'), user('b')], 'message 3: a user message where the assistant should speak'],
      [[user('a'), { role: 'assistant', content: null }], 'message 1: an assistant message with neither text nor tool calls'],
      [[user('a'), say('b'), sys()], 'message 2: a system message inside the conversation'],
      [
        [user('a'), calls(['c1', 'get_order', '{"order_id":"o1"}'], ['c1', 'get_order', '{"order_id":"o2"}'])],
        'message 1: call get_order (c1): the id is used twice',
      ],
    ];
    for (const [messages, reason] of cases) expect(checkValidity(messages, tools), reason).toEqual({ pass: false, reason });
  });

  it('checks every call: known tool, a JSON object of arguments, fitting the schema', () => {
    const one = (name: string, args: string) => checkValidity([user('a'), calls(['c1', name, args]), answer('c1'), say('ok')], tools);
    expect(one('get_order', '{"order_id":"o1","verbose":true}').pass).toBe(true);
    expect(one('ship_order', '{}').reason).toBe('message 1: call ship_order (c1): not one of the tools offered');
    expect(one('get_order', '{"order_id":').reason).toBe('message 1: call get_order (c1): arguments are not a JSON object: {"order_id":');
    expect(one('get_order', '["o1"]').reason).toBe('message 1: call get_order (c1): arguments are not a JSON object: ["o1"]');
    expect(one('get_order', '{}').reason).toBe('message 1: call get_order (c1): arguments do not fit the schema: missing required argument order_id');
    expect(one('get_order', '{"order_id":7}').reason).toBe('message 1: call get_order (c1): arguments do not fit the schema: /order_id must be string');
    expect(one('get_order', '{"order_id":"o1","id":1}').reason).toBe('message 1: call get_order (c1): arguments do not fit the schema: unknown argument id');
    expect(one('cancel_order', '{"order_id":"o1","reason":"bored"}').reason).toMatch(
      /^message 1: call cancel_order \(c1\): arguments do not fit the schema: \/reason must be equal to one of the allowed values/,
    );
    // The schema does not compile: anything goes.
    expect(one('odd', '{"x":1}').pass).toBe(true);
    const untyped = checkValidity(
      [
        user('a'),
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'code' as 'function', function: { name: 'get_order', arguments: '{"order_id":"o1"}' } }],
        },
        answer('c1'),
      ],
      tools,
    );
    expect(untyped.reason).toBe('message 1: call get_order (c1): type "code", not "function"');
  });

  it(`rejects ${REPETITION.identicalReplies} identical replies in a row and replies that loop`, () => {
    const same = [user('a'), say('Let me check.'), user('b'), say('Let me check.'), user('c'), say('Let me check.')];
    expect(checkValidity(same, tools)).toEqual({ pass: false, reason: 'message 5: the assistant said the same thing 3 times in a row' });
    expect(checkValidity(same.slice(0, 4), tools).pass).toBe(true);

    const loop = 'I will cancel the order now. '.repeat(12);
    expect(distinctNgramRatio(loop)).toBeLessThan(REPETITION.minDistinctRatio);
    expect(checkValidity([user('a'), say(loop)], tools).reason).toMatch(/^message 1: the assistant repeats itself \(\d+% of its 4-word sequences distinct\)$/);

    // A long reply quoting records is not a loop: their values differ.
    const records = Array.from({ length: 12 }, (_, i) => `Order o${i} is pending, placed on 2024-0${(i % 9) + 1}-1${i % 10} for $${10 + i * 7}.`).join(' ');
    expect(distinctNgramRatio(records)).toBeGreaterThan(REPETITION.minDistinctRatio);
    expect(checkValidity([user('a'), say(records)], tools).pass).toBe(true);
    expect(distinctNgramRatio('Too short to judge.')).toBeNull();
  });
});

describe('exact match', () => {
  const step = (name: string, args: Record<string, unknown> | null, ok = true): StepRecord => ({
    callId: 'c',
    name,
    rawArguments: JSON.stringify(args),
    arguments: args,
    ok,
    ms: 0,
    diff: [],
    messageIndex: 0,
  });
  const gold = (name: string, args: Record<string, unknown>): GoldCall => ({ toolId: name, name, op: 'read', arguments: args, result: null });

  it('normalises arguments: key order, and null or missing values are the same call', () => {
    expect(signature('f', { b: 1, a: { y: null, x: [{ q: 1, p: undefined }] }, c: null })).toBe('f({"a":{"x":[{"q":1}]},"b":1})');
    const r = checkExact([step('get_order', { verbose: null, order_id: 'o1' })], [gold('get_order', { order_id: 'o1' })], true);
    expect(r).toEqual({ pass: true, reason: 'the 1 successful call matches the gold calls', decisive: true });
  });

  it('ignores failed calls and names the first mismatch', () => {
    const g = [gold('get_order', { order_id: 'o1' }), gold('cancel_order', { order_id: 'o1' })];
    expect(
      checkExact([step('get_order', { order_id: 'zz' }, false), step('get_order', { order_id: 'o1' }), step('cancel_order', { order_id: 'o1' })], g, false),
    ).toMatchObject({
      pass: true,
      decisive: false,
    });
    expect(checkExact([step('get_order', { order_id: 'o2' })], g, false).reason).toBe(
      'call 1: expected get_order({"order_id":"o1"}), got get_order({"order_id":"o2"})',
    );
    expect(checkExact([step('get_order', { order_id: 'o1' })], g, false).reason).toBe('call 2: expected cancel_order({"order_id":"o1"}), got no more calls');
    expect(checkExact([...g.map((c) => step(c.name, c.arguments)), step('get_order', { order_id: 'o1' })], g, false).reason).toBe(
      'call 3: expected no more calls, got get_order({"order_id":"o1"})',
    );
  });
});

describe('state alignment', () => {
  const gold: State = { orders: { o1: { order_id: 'o1', status: 'cancelled' }, o2: { order_id: 'o2', status: 'pending' } } };

  it('passes the same state whatever its key order, and summarises a difference', () => {
    expect(checkState({ orders: { o2: { status: 'pending', order_id: 'o2' }, o1: { status: 'cancelled', order_id: 'o1' } } }, gold)).toEqual({
      pass: true,
      reason: 'the final state equals the gold state',
    });
    const final: State = { orders: { o1: { order_id: 'o1', status: 'pending' }, o3: { order_id: 'o3', status: 'pending' } } };
    const r = checkState(final, gold);
    expect(r.reason).toBe('the final state differs from the gold state: 3 rows (orders.o1 differs in status; orders.o2 is missing; orders.o3 is extra)');
    expect(r.diff).toEqual([
      { table: 'orders', key: 'o1', kind: 'changed', before: gold.orders!.o1, after: final.orders!.o1, fields: ['status'] },
      { table: 'orders', key: 'o2', kind: 'removed', before: gold.orders!.o2 },
      { table: 'orders', key: 'o3', kind: 'added', after: final.orders!.o3 },
    ]);
    expect(checkState(null, gold)).toEqual({ pass: false, reason: 'no final state to compare: the sandbox session was lost' });
  });
});

describe('verifyTrajectory', () => {
  const initial: State = { orders: { o1: { order_id: 'o1', status: 'pending' } } };
  const final: State = { orders: { o1: { order_id: 'o1', status: 'cancelled' } } };
  const task = (readOnly: boolean): Task => ({
    seed: 1,
    initialState: initial,
    calls: [
      { toolId: 'g', name: 'get_order', op: 'read', arguments: { order_id: 'o1' }, result: {} },
      ...(readOnly ? [] : [{ toolId: 'c', name: 'cancel_order', op: 'write' as const, arguments: { order_id: 'o1', reason: 'mistake' }, result: {} }]),
    ],
    finalState: readOnly ? initial : final,
    readOnly,
    intent: 'Cancel o1.',
    intentWriter: 'template',
    fingerprint: 'f',
  });
  const step = (name: string, args: Record<string, unknown>, ok = true): StepRecord => ({
    callId: 'c1',
    name,
    rawArguments: JSON.stringify(args),
    arguments: args,
    ok,
    ms: 1,
    diff: [],
    messageIndex: 2,
  });
  const trajectory = (over: Partial<Trajectory>): Trajectory => ({
    status: 'completed',
    messages: good,
    steps: [step('get_order', { order_id: 'o1' }), step('cancel_order', { order_id: 'o1', reason: 'mistake' })],
    finalState: final,
    turns: 4,
    noiseApplied: [],
    masked: [],
    policies: { user: { kind: 'scripted' }, agent: { kind: 'oracle' } },
    seed: 1,
    ms: 5,
    ...over,
  });

  it('passes on validity and state; exact match informs a write task and decides a read-only one', () => {
    expect(verifyTrajectory(trajectory({}), task(false), tools)).toMatchObject({
      passed: true,
      reason: 'passed',
      tags: [],
      exact: { pass: true, decisive: false },
    });
    const extra = trajectory({
      steps: [step('get_order', { order_id: 'o1' }), step('get_order', { order_id: 'o1' }), step('cancel_order', { order_id: 'o1', reason: 'mistake' })],
    });
    expect(verifyTrajectory(extra, task(false), tools)).toMatchObject({ passed: true, exact: { pass: false } });

    const read = trajectory({ steps: [step('get_order', { order_id: 'o1' }), step('get_order', { order_id: 'o1' })], finalState: initial });
    const v = verifyTrajectory(read, task(true), tools);
    expect(v).toMatchObject({ passed: false, state: { pass: true }, exact: { pass: false, decisive: true } });
    expect(v.reason).toBe('exact match (read-only task): call 2: expected no more calls, got get_order({"order_id":"o1"})');
  });

  it('tags a passing trajectory with refused calls as recovered', () => {
    const t = trajectory({
      steps: [step('get_order', { order_id: 'o9' }, false), step('get_order', { order_id: 'o1' }), step('cancel_order', { order_id: 'o1', reason: 'mistake' })],
    });
    expect(verifyTrajectory(t, task(false), tools)).toMatchObject({ passed: true, tags: ['recovered'] });
    expect(verifyTrajectory({ ...t, finalState: initial }, task(false), tools)).toMatchObject({
      passed: false,
      tags: [],
      reason: expect.stringMatching(/^state: /),
    });
  });

  it('never passes a rollout that did not complete, but still runs the filters', () => {
    const v = verifyTrajectory(trajectory({ status: 'max_turns' }), task(false), tools);
    expect(v).toMatchObject({
      passed: false,
      reason: 'the rollout did not complete: it ended as max_turns',
      validity: { pass: true },
      state: { pass: true },
      exact: { pass: true },
    });
    const e = verifyTrajectory(
      trajectory({ status: 'error', error: 'the environment failed on get_order: timeout: too slow', finalState: null }),
      task(false),
      tools,
    );
    expect(e.state).toEqual({
      pass: false,
      reason: 'no final state to compare: the rollout ended as error (the environment failed on get_order: timeout: too slow)',
    });
    expect(e.reason).toBe('the rollout did not complete: it ended as error (the environment failed on get_order: timeout: too slow)');
  });
});
