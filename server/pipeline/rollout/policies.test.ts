import { describe, expect, it } from 'vitest';
import type { EnvironmentContent } from '../environment/model';
import { SHOP } from '../environment/test-schema';
import type { Task } from '../tasks/model';
import { userView } from './llm-user';
import type { ChatMessage } from './model';
import { createOracleAgent } from './oracle-agent';
import { CLOSING, createScriptedUser } from './scripted-user';
import { toolSpecs } from './tool-specs';

const content: EnvironmentContent = {
  schema: SHOP,
  tools: [
    { toolId: 't1', name: 'get_order', op: 'read', parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] }, code: '' },
    { toolId: 't2', name: 'listAllProducts', op: 'read', parameters: {}, code: '' },
  ],
};

describe('toolSpecs', () => {
  it('offers the tools in OpenAI format, described by id or else by name, with object parameters', () => {
    const specs = toolSpecs(content, { t1: '  Look up one order.  ' });
    expect(specs).toEqual([
      { type: 'function', function: { name: 'get_order', description: 'Look up one order.', parameters: content.tools[0]!.parameters } },
      { type: 'function', function: { name: 'listAllProducts', description: 'List all products.', parameters: { type: 'object', properties: {} } } },
    ]);
    expect(specs[0]!.function.parameters).not.toBe(content.tools[0]!.parameters);
  });
});

describe('createScriptedUser', () => {
  const user = createScriptedUser(['Look up order o1.', 'Cancel it.']);
  const ctx = (messages: ChatMessage[]) => ({ intent: 'Cancel o1.', messages, turn: 0 });

  it('states one step per turn, then closes', async () => {
    expect(await user.next(ctx([{ role: 'system', content: 's' }]))).toEqual({ content: 'Look up order o1.', done: false });
    const one: ChatMessage[] = [{ role: 'user', content: 'Look up order o1.' }, { role: 'assistant', content: 'Found it.' }];
    expect(await user.next(ctx(one))).toEqual({ content: 'Cancel it.', done: false });
    expect(await user.next(ctx([...one, { role: 'user', content: 'Cancel it.' }, { role: 'assistant', content: 'Done.' }]))).toEqual({ content: CLOSING, done: true });
    expect(user.info).toEqual({ kind: 'scripted' });
  });

  it('says the intent when it has no steps', async () => {
    expect(await createScriptedUser([]).next(ctx([]))).toEqual({ content: 'Cancel o1.', done: false });
  });
});

describe('userView', () => {
  it('flips roles, hides tool traffic and joins consecutive turns of one side', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'agent rules' },
      { role: 'user', content: 'Cancel o1.' },
      { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_order', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: '{}' },
      { role: 'assistant', content: 'It is cancelled.' },
    ];
    expect(userView(messages)).toEqual([
      { role: 'user', content: 'Hi! How can I help you today?' },
      { role: 'assistant', content: 'Cancel o1.' },
      { role: 'user', content: 'Checking.\n\nIt is cancelled.' },
    ]);
  });
});

describe('createOracleAgent', () => {
  const task: Task = {
    seed: 1,
    initialState: {},
    calls: [
      { toolId: 't1', name: 'get_order', op: 'read', arguments: { order_id: 'o1' }, result: {} },
      { toolId: 't1', name: 'get_order', op: 'read', arguments: { order_id: 'o2' }, result: {} },
    ],
    finalState: {},
    readOnly: true,
    intent: '',
    intentWriter: 'template',
    fingerprint: '',
  };

  it('makes a step’s calls one per message, then reports what came back', async () => {
    const agent = createOracleAgent({ task, content, callsPerStep: [2] });
    const messages: ChatMessage[] = [{ role: 'user', content: 'Look up o1 and o2.' }];
    const first = await agent.next({ messages, tools: [] });
    expect(first).toEqual({ content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_order', arguments: '{"order_id":"o1"}' } }] });
    messages.push({ role: 'assistant', ...first }, { role: 'tool', tool_call_id: 'call_1', content: '{"status":"pending"}' });
    const second = await agent.next({ messages, tools: [] });
    expect(second.tool_calls![0]!.id).toBe('call_2');
    messages.push({ role: 'assistant', ...second }, { role: 'tool', tool_call_id: 'call_2', content: 'Error: order o2 not found' });
    expect(await agent.next({ messages, tools: [] })).toEqual({
      content: 'Here is what I found. get_order returned {"status":"pending"}. get_order failed (order o2 not found).',
    });
  });

  it('refuses steps that do not add up to the gold calls', () => {
    expect(() => createOracleAgent({ task, content, callsPerStep: [1] })).toThrow('callsPerStep must be positive whole numbers adding up to the 2 gold calls, got [1]');
  });
});
