import { describe, expect, it } from 'vitest';
import type { EnvironmentContent } from '../environment/model';
import { SHOP } from '../environment/test-schema';
import type { Task } from '../tasks/model';
import { createLlmUser, userView } from './llm-user';
import type { ChatMessage } from './model';
import { createOracleAgent } from './oracle-agent';
import { userSystemPrompt } from './prompts';
import { CLOSING, CONFIRMATIONS, createScriptedUser } from './scripted-user';
import { toolSpecs } from './tool-specs';

const content: EnvironmentContent = {
  schema: SHOP,
  tools: [
    {
      toolId: 't1',
      name: 'get_order',
      op: 'read',
      parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
      code: '',
    },
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
  const steps = [
    { calls: 2, opening: "Hi! I'd like to cancel my pending order.", details: "It's order #W1. The reason is 'no longer needed'." },
    { calls: 1, opening: 'Also, could you check my order #W2?', details: '' },
  ];
  const user = createScriptedUser(steps);
  const ctx = (messages: ChatMessage[]) => ({ intent: 'Cancel #W1, then check #W2.', messages, turn: 0 });
  const said = (content: string): ChatMessage => ({ role: 'user', content });
  const agent = (content: string): ChatMessage => ({ role: 'assistant', content });

  it('opens with the goal, gives the facts when asked, confirms, moves on after a result, then closes', async () => {
    const t: ChatMessage[] = [{ role: 'system', content: 's' }];
    const next = async (reply: ChatMessage) => {
      t.push(reply);
      const r = await user.next(ctx(t));
      if (!r.done) t.push(said(r.content));
      return r;
    };
    const first = await user.next(ctx(t));
    expect(first).toEqual({ content: steps[0]!.opening, done: false });
    t.push(said(first.content));
    expect(await next(agent('Could you tell me the order number and the reason?'))).toEqual({ content: steps[0]!.details, done: false });
    const confirm = await next(agent("I'm going to cancel order #W1 because you no longer need it. Shall I go ahead?"));
    expect(CONFIRMATIONS).toContain(confirm.content);
    // Tool traffic between the agent's words does not count as a reply.
    t.push(
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'cancel', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{}' },
    );
    expect(await next(agent('Your order #W1 is now cancelled.'))).toEqual({ content: steps[1]!.opening, done: false });
    // A step whose opening said everything: a question is confirmed, not answered with facts again.
    expect(CONFIRMATIONS).toContain((await next(agent('Is that order #W2?'))).content);
    expect(await next(agent('Order #W2 is pending.'))).toEqual({ content: CLOSING, done: true });
    expect(user.info).toEqual({ kind: 'scripted' });
  });

  it('answers a second question in a step with a confirmation, and keeps its place when a step repeats an opening', async () => {
    const twice = createScriptedUser([steps[0]!, { ...steps[0]!, calls: 1 }]);
    const t: ChatMessage[] = [said(steps[0]!.opening), agent('Which order?'), said(steps[0]!.details), agent('Anything else?')];
    expect(CONFIRMATIONS).toContain((await twice.next(ctx(t))).content);
    t.push(said('Yes, please.'), agent('Done.'));
    expect(await twice.next(ctx(t))).toEqual({ content: steps[0]!.opening, done: false });
    t.push(said(steps[0]!.opening), agent('Which order?'));
    expect(await twice.next(ctx(t))).toEqual({ content: steps[0]!.details, done: false });
  });

  it('takes plain strings as steps that say everything, and says the intent when it has no steps', async () => {
    const plain = createScriptedUser(['Look up order o1.', 'Cancel it.']);
    const one: ChatMessage[] = [said('Look up order o1.'), agent('Found it.')];
    expect(await plain.next(ctx(one))).toEqual({ content: 'Cancel it.', done: false });
    expect(await createScriptedUser([]).next(ctx([]))).toEqual({ content: 'Cancel #W1, then check #W2.', done: false });
  });
});

describe('userSystemPrompt', () => {
  it('tells the simulated user the same facts as the intent writer: known and found values, its data, who it is', async () => {
    const calls = [
      {
        toolId: 't',
        name: 'find_user_id_by_name_zip',
        op: 'read' as const,
        arguments: { first_name: 'Ada', last_name: 'Lovelace', zip: '12345' },
        result: 'ada_1',
      },
      { toolId: 't2', name: 'cancel_pending_order', op: 'write' as const, arguments: { order_id: '#W1', user_id: 'ada_1' }, result: {}, derived: ['user_id'] },
    ];
    const prompt = userSystemPrompt('I want to cancel order #W1.', { calls, state: { orders: { '#W1': { status: 'pending' } } } });
    expect(prompt).toContain('first person');
    expect(prompt).toMatch(/You are Ada Lovelace, a customer: /);
    expect(prompt).toContain('- order_id = "#W1" (KNOWN)');
    expect(prompt).toContain('- user_id = "ada_1" (FROM EARLIER RESULT)');
    expect(prompt).toContain('Your data:\n- orders #W1: {"status":"pending"}');
    expect(prompt).toMatch(/never name functions or parameters/);
    // The simulated user is given it as its system message.
    let system = '';
    const user = createLlmUser(
      async (messages) => {
        system = messages[0]!.content ?? '';
        return { content: 'I want to cancel order #W1.' };
      },
      { model: 'm', temperature: 0 },
      { calls },
    );
    await user.next({ intent: 'I want to cancel order #W1.', messages: [], turn: 0 });
    expect(system).toContain('- order_id = "#W1" (KNOWN)');
    // Without the task, the instruction alone, as before.
    expect(userSystemPrompt('I want to cancel order #W1.')).not.toContain('KNOWN');
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

  it('makes a step’s calls one per message, then reports what came back in sentences', async () => {
    const agent = createOracleAgent({ task, content, callsPerStep: [2] });
    const messages: ChatMessage[] = [{ role: 'user', content: 'Look up o1 and o2.' }];
    const first = await agent.next({ messages, tools: [] });
    expect(first).toEqual({ content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_order', arguments: '{"order_id":"o1"}' } }] });
    messages.push({ role: 'assistant', ...first }, { role: 'tool', tool_call_id: 'call_1', content: '{"order_id":"o1","status":"pending"}' });
    const second = await agent.next({ messages, tools: [] });
    expect(second.tool_calls![0]!.id).toBe('call_2');
    messages.push({ role: 'assistant', ...second }, { role: 'tool', tool_call_id: 'call_2', content: 'Error: order o2 not found' });
    expect(await agent.next({ messages, tools: [] })).toEqual({
      content: "I found order o1: it is pending. I'm sorry, I couldn't look up order: order o2 not found.",
    });
  });

  it('asks once for values the user has not given, then proceeds whatever the answer', async () => {
    const agent = createOracleAgent({ task, content, callsPerStep: [2] });
    const messages: ChatMessage[] = [{ role: 'user', content: 'I want to check two orders.' }];
    const ask = await agent.next({ messages, tools: [] });
    expect(ask).toEqual({ content: 'I can help with that. Could you tell me the order id?' });
    messages.push({ role: 'assistant', content: ask.content }, { role: 'user', content: 'I am not sure.' });
    expect((await agent.next({ messages, tools: [] })).tool_calls![0]!.function.name).toBe('get_order');
  });

  it('confirms a write in a sentence naming it and its values before calling it', async () => {
    const write: Task = {
      ...task,
      calls: [
        { toolId: 't2', name: 'set_status', op: 'write', arguments: { order_id: 'o1', status: 'cancelled' }, result: { order_id: 'o1', status: 'cancelled' } },
      ],
      readOnly: false,
    };
    const agent = createOracleAgent({ task: write, content, converse: true });
    const messages: ChatMessage[] = [{ role: 'user', content: 'Please set o1 to cancelled.' }];
    const confirm = await agent.next({ messages, tools: [] });
    expect(confirm).toEqual({ content: "I'm going to set status with order id o1 and status cancelled. Shall I go ahead?" });
    messages.push({ role: 'assistant', content: confirm.content }, { role: 'user', content: 'Yes.' });
    const call = await agent.next({ messages, tools: [] });
    expect(call.tool_calls![0]!.function).toEqual({ name: 'set_status', arguments: '{"order_id":"o1","status":"cancelled"}' });
    messages.push({ role: 'assistant', ...call }, { role: 'tool', tool_call_id: 'call_1', content: '{"order_id":"o1","status":"cancelled"}' });
    expect(await agent.next({ messages, tools: [] })).toEqual({ content: 'Your order o1 is now cancelled.' });
    expect(agent.masked()).toEqual([]);
  });

  it('with a user that does not keep the protocol (no steps given), only acts and answers', async () => {
    const write: Task = {
      ...task,
      calls: [{ toolId: 't2', name: 'set_status', op: 'write', arguments: { order_id: 'o1', status: 'cancelled' }, result: null }],
      readOnly: false,
    };
    const agent = createOracleAgent({ task: write, content });
    const messages: ChatMessage[] = [{ role: 'user', content: 'Cancel it.' }];
    const call = await agent.next({ messages, tools: [] });
    expect(call.tool_calls![0]!.function.name).toBe('set_status');
    messages.push({ role: 'assistant', ...call }, { role: 'tool', tool_call_id: 'call_1', content: 'null' });
    expect(await agent.next({ messages, tools: [] })).toEqual({ content: "Done: I've gone ahead and set status." });
  });

  it('refuses steps that do not add up to the gold calls', () => {
    expect(() => createOracleAgent({ task, content, callsPerStep: [1] })).toThrow(
      'callsPerStep must be positive whole numbers adding up to the 2 gold calls, got [1]',
    );
  });
});
