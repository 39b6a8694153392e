import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EnvironmentContent } from '../environment/model';
import { seedState } from '../environment/seed-state';
import { SHOP } from '../environment/test-schema';
import { Sandbox } from '../sandbox/sandbox';
import { canonicalJson } from '../kernel/state';
import type { Task } from '../tasks/model';
import { verifyTrajectory } from '../verify/verify';
import { createLlmAgent } from './llm-agent';
import { createLlmUser } from './llm-user';
import { runRollout } from './loop';
import type { ChatFn, ChatMessage, ChatReply, Noise, ToolSpec } from './model';
import { createOracleAgent } from './oracle-agent';
import { STOP, type AgentPolicy } from './policies';
import { CLOSING, createScriptedUser } from './scripted-user';
import { userSteps } from '../tasks/intent';
import { goldTask, keyWhere, retailContent, retailState } from './test-retail';
import { createTestUser, testSteps } from './test-user';
import { toolSpecs } from './tool-specs';

/** The OpenAI chat format, strictly: what an exported trajectory must be. */
const toolCall = z.strictObject({ id: z.string().min(1), type: z.literal('function'), function: z.strictObject({ name: z.string(), arguments: z.string() }) });
const openAiMessage = z.union([
  z.strictObject({ role: z.literal('system'), content: z.string() }),
  z.strictObject({ role: z.literal('user'), content: z.string() }),
  z.strictObject({ role: z.literal('assistant'), content: z.string().nullable(), tool_calls: z.array(toolCall).min(1).optional() }),
  z.strictObject({ role: z.literal('tool'), tool_call_id: z.string(), content: z.string() }),
]);

const sandbox = new Sandbox({ workers: 2 });
afterAll(() => sandbox.close());

const content = retailContent();
const tools = toolSpecs(content);
const state = retailState(content, 11);
const pending = keyWhere(state, 'orders', 'status', 'pending');

let writeTask: Task;
let readTask: Task;
let writeOnlyTask: Task;
beforeAll(async () => {
  writeTask = await goldTask(sandbox, content, {
    seed: 11,
    initialState: state,
    calls: [
      { name: 'get_order_details', arguments: { order_id: pending } },
      { name: 'cancel_pending_order', arguments: { order_id: pending, reason: 'no longer needed' } },
    ],
  });
  readTask = await goldTask(sandbox, content, {
    seed: 11,
    initialState: state,
    calls: [
      { name: 'get_user_details', arguments: { user_id: 'user_3' } },
      { name: 'get_order_details', arguments: { order_id: 'order_5' } },
    ],
  });
  writeOnlyTask = await goldTask(sandbox, content, {
    seed: 11,
    initialState: state,
    calls: [{ name: 'cancel_pending_order', arguments: { order_id: pending, reason: 'ordered by mistake' } }],
  });
}, 30_000);

// A user keeping the conversation protocol: asked for details, it gives them; asked to confirm, it does.
async function oracle(task: Task, noise: Noise[] = []) {
  const agent = createOracleAgent({ task, content, noise, converse: true });
  const trajectory = await runRollout({ task, content, tools, user: createTestUser(testSteps(task.calls)), agent, sandbox, domain: 'retail orders' });
  return { trajectory, verdict: verifyTrajectory(trajectory, task, tools) };
}

describe('runRollout with the oracle agent on τ-bench retail, in the real sandbox', { timeout: 30_000 }, () => {
  it('reaches the gold state and passes all three filters without noise', async () => {
    const { trajectory: t, verdict: v } = await oracle(writeTask);
    expect(t.status).toBe('completed');
    expect(v).toMatchObject({
      passed: true,
      reason: 'passed',
      tags: [],
      validity: { pass: true },
      state: { pass: true },
      exact: { pass: true, decisive: false },
    });
    expect(canonicalJson(t.finalState)).toBe(canonicalJson(writeTask.finalState));
    for (const m of t.messages) openAiMessage.parse(m);

    // Each step: the goal, a question for what is missing, the details; before the write a confirmation.
    expect(t.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(t.messages[0]!.content).toMatch(/^You help a user with retail orders/);
    expect(t.messages[2]!.content).toBe('I can help with that. Could you tell me the order id?');
    expect(t.messages[6]!.content).toBe(
      `I found order ${pending}: it is pending, with reason 'no longer needed', address1 '619 Rubye Stravenue' and address2 'Suite 399'.`,
    );
    // The order was named in the first step: only the reason is asked for.
    expect(t.messages[8]!.content).toBe('Sure. Could you tell me the reason?');
    expect(t.messages[10]!.content).toBe(`I'm going to cancel pending order with order id ${pending} and reason 'no longer needed'. Shall I go ahead?`);
    expect(t.messages[11]!.content).toBe('Yes, please go ahead.');
    expect(t.messages[14]!.content).toBe(`All right. Your order ${pending} is now cancelled, with reason 'no longer needed'.`);
    expect(t.messages.at(-1)).toEqual({ role: 'user', content: CLOSING });
    expect(t.turns).toBe(13);
    expect(t).toMatchObject({ seed: 11, noiseApplied: [], masked: [], policies: { user: { kind: 'scripted' }, agent: { kind: 'oracle' } } });

    expect(t.steps.map((s) => [s.callId, s.name, s.ok, s.messageIndex])).toEqual([
      ['call_1', 'get_order_details', true, 4],
      ['call_2', 'cancel_pending_order', true, 12],
    ]);
    expect(t.steps[0]!.diff).toEqual([]);
    expect(t.steps[1]!.diff).toEqual([expect.objectContaining({ table: 'orders', key: pending, kind: 'changed', fields: expect.arrayContaining(['status']) })]);
    expect(t.steps[1]!.result).toEqual(writeTask.calls[1]!.result);
    expect(JSON.parse((t.messages[5] as { content: string }).content)).toEqual(writeTask.calls[0]!.result);
  });

  it('asks nothing when the user gives every value up front, and still confirms the write', async () => {
    const agent = createOracleAgent({ task: writeTask, content, callsPerStep: [2] });
    const t = await runRollout({ task: writeTask, content, tools, user: createTestUser(testSteps(writeTask.calls, { size: 2, tell: 'all' })), agent, sandbox });
    expect(t.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(t.messages[4]!.content).toMatch(/^I'm going to cancel pending order with .*\. Shall I go ahead\?$/);
    // One statement for the step's two calls.
    expect(t.messages[8]!.content).toMatch(/^I found order .*\. Your order .* is now cancelled/);
    expect(verifyTrajectory(t, writeTask, tools).passed).toBe(true);
  });

  it("plays the user's steps: the lookups and the write they lead to in one step, the facts in the user's words, and passes", async () => {
    const steps = userSteps(writeTask.calls, { state: writeTask.initialState, seed: 2 });
    expect(steps.map((s) => s.calls)).toEqual([2]);
    const agent = createOracleAgent({ task: writeTask, content, callsPerStep: steps.map((s) => s.calls) });
    const t = await runRollout({ task: writeTask, content, tools, user: createScriptedUser(steps), agent, sandbox, domain: 'retail orders' });
    expect(t.status).toBe('completed');
    expect(verifyTrajectory(t, writeTask, tools)).toMatchObject({ passed: true });
    const said = t.messages.filter((m) => m.role === 'user').map((m) => m.content);
    expect(said[0]).toBe(steps[0]!.opening);
    expect(said.join(' ')).toContain(pending);
    expect(said.join(' ')).not.toMatch(/cancel_pending_order|order_id/);
    expect(said.at(-1)).toBe(CLOSING);
  });

  it('passes a read-only task on exact match', async () => {
    const { trajectory: t, verdict: v } = await oracle(readTask);
    expect(v).toMatchObject({ passed: true, exact: { pass: true, decisive: true } });
    expect(t.steps.every((s) => s.diff.length === 0)).toBe(true);
  });

  it('wrong_argument: state alignment rejects a write task; a read-only task never gets it', async () => {
    const w = await oracle(writeTask, ['wrong_argument']);
    expect(w.trajectory.noiseApplied).toEqual(['wrong_argument']);
    // The confirmation names what the user asked for; the call that follows does not: that call is masked.
    const at = w.trajectory.steps.find((s) => s.name === 'cancel_pending_order')!.messageIndex;
    expect(w.trajectory.messages[at - 2]!.content).toContain(`order id ${pending}`);
    expect(w.trajectory.masked).toEqual([at]);
    expect(w.verdict).toMatchObject({ passed: false, validity: { pass: true }, state: { pass: false }, exact: { pass: false } });
    expect(w.verdict.state.reason).toMatch(/^the final state differs from the gold state: /);
    expect(w.verdict.state.diff!.length).toBeGreaterThan(0);
    const wrong = w.trajectory.steps.find((s) => s.name === 'cancel_pending_order')!;
    expect(wrong.arguments!.order_id).not.toBe(pending);
    expect(wrong.arguments!.order_id).toMatch(/^order_\d+$/);

    const r = await oracle(readTask, ['wrong_argument']);
    expect(r.trajectory).toMatchObject({ noiseApplied: [], masked: [] });
    expect(r.verdict).toMatchObject({ passed: true });
  });

  it('skipped_step: state alignment rejects a write task, exact match a read-only one', async () => {
    const w = await oracle(writeTask, ['skipped_step']);
    expect(w.trajectory).toMatchObject({ status: 'completed', noiseApplied: ['skipped_step'] });
    expect(w.trajectory.steps.map((s) => s.name)).toEqual(['get_order_details']);
    expect(w.verdict).toMatchObject({ passed: false, validity: { pass: true }, state: { pass: false } });
    // The write is announced and agreed, never made, then claimed done: that claim is the masked turn.
    const m = w.trajectory.messages;
    expect(m.slice(10, 13).map((x) => x.content)).toEqual([
      expect.stringMatching(/^I'm going to cancel pending order .*\?$/),
      'Yes, please go ahead.',
      `All right. Your order ${pending} is now cancelled, with reason 'no longer needed'.`,
    ]);
    expect(w.trajectory.masked).toEqual([12]);

    const r = await oracle(readTask, ['skipped_step']);
    expect(r.verdict).toMatchObject({
      passed: false,
      state: { pass: true },
      exact: { pass: false, reason: 'call 2: expected get_order_details({"order_id":"order_5"}), got no more calls' },
    });
  });

  it('extra_read: exact match rejects and the state still passes (deciding only for read-only tasks)', async () => {
    const w = await oracle(writeTask, ['extra_read']);
    expect(w.trajectory.noiseApplied).toEqual(['extra_read']);
    expect(w.trajectory.steps.map((s) => s.name)).toEqual(['get_order_details', 'get_order_details', 'cancel_pending_order']);
    expect(w.trajectory.masked).toEqual([w.trajectory.steps[1]!.messageIndex]);
    expect(w.verdict).toMatchObject({ passed: true, validity: { pass: true }, state: { pass: true }, exact: { pass: false, decisive: false } });
    expect(w.verdict.exact.reason).toMatch(/^call 2: expected cancel_pending_order/);

    const r = await oracle(readTask, ['extra_read']);
    expect(r.verdict).toMatchObject({ passed: false, state: { pass: true }, exact: { pass: false } });

    // No read in the task: a read tool is called with arguments the write carries.
    const o = await oracle(writeOnlyTask, ['extra_read']);
    expect(o.trajectory.noiseApplied).toEqual(['extra_read']);
    expect(o.trajectory.steps.map((s) => [s.name, s.arguments, s.ok])).toEqual([
      ['get_order_details', { order_id: pending }, true],
      ['cancel_pending_order', { order_id: pending, reason: 'ordered by mistake' }, true],
    ]);
    expect(o.verdict).toMatchObject({ state: { pass: true }, exact: { pass: false } });
  });

  it('malformed_call: the environment answers with an error, validity rejects', async () => {
    const { trajectory: t, verdict: v } = await oracle(writeTask, ['malformed_call']);
    expect(t.noiseApplied).toEqual(['malformed_call']);
    expect(t.steps[0]).toMatchObject({ name: 'get_order_details', ok: false, errorKind: 'bad_arguments', arguments: null, messageIndex: 4 });
    expect(t.messages[5]).toMatchObject({ role: 'tool', content: expect.stringMatching(/^Error: the arguments of get_order_details are not a JSON object/) });
    expect(t.masked).toEqual([4]);
    expect(v).toMatchObject({ passed: false, validity: { pass: false }, state: { pass: true }, exact: { pass: true } });
    expect(v.validity.reason).toMatch(/^message 4: call get_order_details \(call_1\): arguments are not a JSON object/);
  });

  it('tool_error: the tool refuses an unknown id, the agent recovers, and the trajectory passes tagged recovered', async () => {
    const { trajectory: t, verdict: v } = await oracle(writeTask, ['tool_error']);
    expect(t.noiseApplied).toEqual(['tool_error']);
    expect(t.steps[0]).toMatchObject({ name: 'get_order_details', ok: false, errorKind: 'tool', arguments: { order_id: 'order_21' }, messageIndex: 4 });
    expect(t.messages[5]).toMatchObject({ role: 'tool', content: 'Error: order order_21 not found' });
    // The refused call is masked; the retry and the reply about what it found are trained on.
    expect(t.masked).toEqual([4]);
    expect(t.steps[1]).toMatchObject({ name: 'get_order_details', ok: true, messageIndex: 6 });
    expect(t.messages[8]!.content).toMatch(new RegExp(`^I found order ${pending}: it is pending`));
    expect(v).toMatchObject({ passed: true, tags: ['recovered'], validity: { pass: true }, state: { pass: true }, exact: { pass: true } });
  });

  it('combines switches deterministically', async () => {
    const all: Noise[] = ['wrong_argument', 'skipped_step', 'extra_read', 'malformed_call', 'tool_error'];
    const a = await oracle(writeTask, all);
    const b = await oracle(writeTask, all);
    expect(b.trajectory.messages).toEqual(a.trajectory.messages);
    expect(canonicalJson(b.trajectory.finalState)).toBe(canonicalJson(a.trajectory.finalState));
    // The only write is skipped, so no write is left for a wrong argument.
    expect([...a.trajectory.noiseApplied].sort()).toEqual(all.filter((n) => n !== 'wrong_argument').sort());
    expect(a.trajectory.masked).toEqual(a.trajectory.masked.filter((i) => a.trajectory.messages[i]!.role === 'assistant'));
    expect(a.trajectory.masked.length).toBe(4);
    expect(a.verdict.passed).toBe(false);
  });
});

describe('runRollout endings', { timeout: 30_000 }, () => {
  const caller = (reply: (n: number) => ChatReply): AgentPolicy => {
    let n = 0;
    return { info: { kind: 'llm', model: 'test' }, next: async () => reply(++n) };
  };
  const call = (id: string, name: string, args: string): ChatReply => ({
    content: null,
    tool_calls: [{ id, type: 'function', function: { name, arguments: args } }],
  });

  it('stops at max_turns when the agent never stops calling', async () => {
    const agent = caller((n) => call(`c${n}`, 'get_order_details', JSON.stringify({ order_id: pending })));
    const t = await runRollout({ task: writeTask, content, tools, user: createScriptedUser(['Look up my order.']), agent, sandbox, maxTurns: 6 });
    expect(t).toMatchObject({ status: 'max_turns', turns: 6 });
    expect(t.steps).toHaveLength(5);
    const v = verifyTrajectory(t, writeTask, tools);
    expect(v).toMatchObject({ passed: false, reason: 'the rollout did not complete: it ended as max_turns' });
  });

  it('ends as failed when the LLM endpoint keeps failing, and as error for any other throw', async () => {
    const llmError = Object.assign(new Error('http://llm.test/v1/chat/completions: 500 after 3 retries'), { name: 'LlmError' });
    const failing = caller(() => {
      throw llmError;
    });
    const t = await runRollout({ task: writeTask, content, tools, user: createScriptedUser(['Hi']), agent: failing, sandbox });
    expect(t).toMatchObject({ status: 'failed', error: llmError.message, turns: 1 });
    expect(canonicalJson(t.finalState)).toBe(canonicalJson(writeTask.initialState));

    const broken = caller(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    expect(await runRollout({ task: writeTask, content, tools, user: createScriptedUser(['Hi']), agent: broken, sandbox })).toMatchObject({
      status: 'error',
      error: 'cannot read properties of undefined',
    });
  });

  it('rethrows an abort', async () => {
    const controller = new AbortController();
    const agent = caller((n) => {
      if (n === 2) controller.abort(new Error('run cancelled'));
      return call(`c${n}`, 'get_order_details', JSON.stringify({ order_id: pending }));
    });
    await expect(runRollout({ task: writeTask, content, tools, user: createScriptedUser(['Hi']), agent, sandbox, signal: controller.signal })).rejects.toThrow(
      'run cancelled',
    );
  });

  it('answers an unknown tool and arguments that are not an object with error messages, and validity rejects', async () => {
    const agent = caller((n) =>
      n === 1
        ? {
            content: null,
            tool_calls: [
              { id: 'a', type: 'function', function: { name: 'teleport_order', arguments: '{}' } },
              { id: 'b', type: 'function', function: { name: 'get_order_details', arguments: '["order_1"]' } },
            ],
          }
        : { content: 'Sorry, something went wrong.' },
    );
    const t = await runRollout({ task: writeTask, content, tools, user: createScriptedUser(['Look up order_1.']), agent, sandbox });
    expect(t.status).toBe('completed');
    expect(t.steps.map((s) => [s.errorKind, s.ok])).toEqual([
      ['unknown_tool', false],
      ['bad_arguments', false],
    ]);
    expect(t.messages.slice(3, 5)).toEqual([
      { role: 'tool', tool_call_id: 'a', content: 'Error: unknown tool "teleport_order"' },
      { role: 'tool', tool_call_id: 'b', content: 'Error: the arguments of get_order_details are not a JSON object: ["order_1"]' },
    ]);
    const v = verifyTrajectory(t, writeTask, tools);
    expect(v.validity).toEqual({ pass: false, reason: 'message 2: call teleport_order (a): not one of the tools offered' });
  });

  it('ends as error when a tool never returns, with no final state, and the sandbox carries on', async () => {
    const shop: EnvironmentContent = {
      schema: SHOP,
      tools: [
        { toolId: 'spin', name: 'spin', op: 'read', parameters: { type: 'object', properties: {} }, code: '(db, args) => { while (true) {} }' },
        { toolId: 'count', name: 'count_orders', op: 'read', parameters: { type: 'object', properties: {} }, code: '(db) => Object.keys(db.orders).length' },
      ],
    };
    const initialState = seedState(SHOP, { seed: 2, rows: 3 });
    const task: Task = {
      seed: 2,
      initialState,
      calls: [],
      finalState: initialState,
      readOnly: true,
      intent: 'Spin.',
      intentWriter: 'template',
      fingerprint: 'x',
    };
    const shopTools = toolSpecs(shop);
    const agent = caller((n) => ({
      content: null,
      tool_calls: [
        { id: `s${n}`, type: 'function', function: { name: 'spin', arguments: '{}' } },
        { id: `c${n}`, type: 'function', function: { name: 'count_orders', arguments: '{}' } },
      ],
    }));
    const t = await runRollout({ task, content: shop, tools: shopTools, user: createScriptedUser(['Spin.']), agent, sandbox, limits: { timeMs: 100 } });
    expect(t).toMatchObject({ status: 'error', finalState: null });
    expect(t.error).toMatch(/^the environment failed on spin: timeout: /);
    expect(t.steps).toEqual([expect.objectContaining({ name: 'spin', ok: false, errorKind: 'timeout' })]);
    // Both calls are answered, so the record stays well formed.
    expect(t.messages.slice(3).map((m) => m.role === 'tool' && m.tool_call_id)).toEqual(['s1', 'c1']);
    expect(verifyTrajectory(t, task, shopTools)).toMatchObject({
      passed: false,
      state: { pass: false, reason: expect.stringMatching(/^no final state to compare: the rollout ended as error/) },
    });

    const after = await runRollout({
      task,
      content: shop,
      tools: shopTools,
      user: createScriptedUser(['Count.']),
      agent: caller((n) => (n === 1 ? call('x', 'count_orders', '{}') : { content: 'There are 3.' })),
      sandbox,
    });
    expect(after).toMatchObject({ status: 'completed', steps: [{ ok: true, result: 3 }] });
  });

  it('records the same diffs and final state as a session that only has call() and state()', async () => {
    const shop: EnvironmentContent = {
      schema: SHOP,
      tools: [
        { toolId: 'count', name: 'count_orders', op: 'read', parameters: { type: 'object', properties: {} }, code: '(db) => Object.keys(db.orders).length' },
        {
          toolId: 'same',
          name: 'restate',
          op: 'write',
          parameters: { type: 'object', properties: {} },
          code: '(db) => { for (const o of Object.values(db.orders)) o.status = o.status; return 1; }',
        },
        {
          toolId: 'half',
          name: 'cancel_all_then_fail',
          op: 'write',
          parameters: { type: 'object', properties: {} },
          code: "(db) => { for (const o of Object.values(db.orders)) o.status = 'cancelled'; throw new Error('half done'); }",
        },
      ],
    };
    const initialState = seedState(SHOP, { seed: 2, rows: 3 });
    const task: Task = {
      seed: 2,
      initialState,
      calls: [],
      finalState: initialState,
      readOnly: false,
      intent: 'Go.',
      intentWriter: 'template',
      fingerprint: 'x',
    };
    const shopTools = toolSpecs(shop);
    const names = ['count_orders', 'restate', 'cancel_all_then_fail', 'count_orders', 'restate'];
    const agent = () =>
      caller((n) =>
        n === 1
          ? { content: null, tool_calls: names.map((name, i) => ({ id: `c${i}`, type: 'function' as const, function: { name, arguments: '{}' } })) }
          : { content: 'Done.' },
      );
    const plainSandbox = {
      openSession: async (...a: Parameters<Sandbox['openSession']>) => {
        const s = await sandbox.openSession(...a);
        return { call: s.call.bind(s), state: s.state.bind(s), close: s.close.bind(s) };
      },
    };
    const run = (sb: typeof plainSandbox | Sandbox) =>
      runRollout({ task, content: shop, tools: shopTools, user: createScriptedUser(['Go.']), agent: agent(), sandbox: sb });
    const [fast, plain] = [await run(sandbox), await run(plainSandbox)];
    const strip = (t: typeof fast) => t.steps.map((st) => ({ ...st, ms: 0 }));
    expect(strip(fast)).toEqual(strip(plain));
    expect(fast.steps.map((st) => st.diff.length > 0)).toEqual([false, false, true, false, false]);
    expect(fast.steps[2]).toMatchObject({ ok: false, errorKind: 'tool', error: 'half done' });
    expect(fast.finalState).toEqual(plain.finalState);
    expect(Object.values(fast.finalState!.orders!).every((o) => o.status === 'cancelled')).toBe(true);
  });
});

describe('LLM policies over a ChatFn', { timeout: 30_000 }, () => {
  it('drive a rollout: the agent gets the transcript and the tools, the user the flipped conversation', async () => {
    const agentCalls: Array<{ messages: ChatMessage[]; tools?: ToolSpec[]; temperature?: number }> = [];
    const agentChat: ChatFn = async (messages, opts) => {
      agentCalls.push({ messages, tools: opts?.tools, temperature: opts?.temperature });
      const done = messages.filter((m) => m.role === 'tool').length;
      const last = messages.at(-1)!;
      if (last.role === 'tool' || done >= writeTask.calls.length) return { content: 'Done: your order is cancelled.' };
      const gold = writeTask.calls[done]!;
      return {
        content: null,
        tool_calls: [{ id: `call_${done}`, type: 'function', function: { name: gold.name, arguments: JSON.stringify(gold.arguments) } }],
      };
    };
    const userCalls: ChatMessage[][] = [];
    const userChat: ChatFn = async (messages) => {
      userCalls.push(messages);
      const spoken = messages.filter((m) => m.role === 'assistant').length;
      return { content: spoken === 0 ? `Please look up ${pending}.` : spoken === 1 ? 'Now cancel it, I no longer need it.' : `Thanks! ${STOP}` };
    };
    const agent = createLlmAgent(agentChat, { model: 'agent-model', temperature: 0.2 });
    const user = createLlmUser(userChat, { model: 'user-model', baseUrl: 'http://llm.test/v1', temperature: 1 });
    const t = await runRollout({ task: writeTask, content, tools, user, agent, sandbox });

    expect(t).toMatchObject({
      status: 'completed',
      policies: { agent: { kind: 'llm', model: 'agent-model', temperature: 0.2 }, user: { kind: 'llm', model: 'user-model', baseUrl: 'http://llm.test/v1' } },
    });
    expect(verifyTrajectory(t, writeTask, tools)).toMatchObject({ passed: true });
    expect(t.messages.at(-1)).toEqual({ role: 'user', content: `Thanks! ${STOP}` });

    expect(agentCalls[0]).toMatchObject({ tools, temperature: 0.2 });
    expect(agentCalls[0]!.messages.map((m) => m.role)).toEqual(['system', 'user']);

    // The user sees the agent's words as the other side, never tool traffic, after τ-bench's greeting.
    const lastView = userCalls.at(-1)!;
    expect(lastView[0]).toMatchObject({ role: 'system', content: expect.stringContaining(writeTask.intent) });
    expect(lastView.slice(1)).toEqual([
      { role: 'user', content: 'Hi! How can I help you today?' },
      { role: 'assistant', content: `Please look up ${pending}.` },
      { role: 'user', content: 'Done: your order is cancelled.' },
      { role: 'assistant', content: 'Now cancel it, I no longer need it.' },
      { role: 'user', content: 'Done: your order is cancelled.' },
    ]);
  });

  it('keep malformed tool calls as the model sent them', async () => {
    const broken = { id: 'x', type: 'function' as const, function: { name: 'get_order_details', arguments: '{"order_id": ' } };
    const agent = createLlmAgent(async () => ({ content: 'Let me check.', tool_calls: [broken] }), { model: 'm', temperature: 0 });
    const reply = await agent.next({ messages: [{ role: 'user', content: 'Hi' }], tools });
    expect(reply).toEqual({ content: 'Let me check.', tool_calls: [broken] });
  });
});
