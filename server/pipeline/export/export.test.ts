import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox/sandbox';
import type { Task } from '../tasks/model';
import { runRollout } from '../rollout/loop';
import type { ChatMessage, ChatReply, Noise, Trajectory } from '../rollout/model';
import { createOracleAgent } from '../rollout/oracle-agent';
import type { AgentPolicy } from '../rollout/policies';
import { createScriptedUser } from '../rollout/scripted-user';
import { goldTask, keyWhere, retailContent, retailState } from '../rollout/test-retail';
import { createTestUser, testSteps } from '../rollout/test-user';
import { toolSpecs } from '../rollout/tool-specs';
import { checkOpenAiRecord, openAiLine, openAiRecord, toOpenAiRecord } from './openai';
import { checkShareGptRecord, shareGptRecord, toShareGptRecord } from './sharegpt';

const sandbox = new Sandbox({ workers: 2 });
afterAll(() => sandbox.close());

const content = retailContent();
const tools = toolSpecs(content);
const state = retailState(content, 11);
const pending = keyWhere(state, 'orders', 'status', 'pending');

const oracle = (task: Task, noise: Noise[] = []) =>
  runRollout({
    task,
    content,
    tools,
    user: createTestUser(testSteps(task.calls)),
    agent: createOracleAgent({ task, content, noise, converse: true }),
    sandbox,
    domain: 'retail orders',
  });

/** An agent that answers with two calls in one message, with text alongside, then in words. */
const parallelAgent = (): AgentPolicy => {
  let n = 0;
  return {
    info: { kind: 'llm', model: 'test' },
    next: async (): Promise<ChatReply> =>
      ++n === 1
        ? {
            content: 'Let me look both up.',
            tool_calls: [
              { id: 'p1', type: 'function', function: { name: 'get_user_details', arguments: JSON.stringify({ user_id: 'user_3' }) } },
              { id: 'p2', type: 'function', function: { name: 'get_order_details', arguments: JSON.stringify({ order_id: 'order_5' }) } },
            ],
          }
        : { content: 'Here is what I found.' },
  };
};

type Case = { name: string; trajectory: Trajectory };
const cases: Case[] = [];

beforeAll(async () => {
  const writeTask = await goldTask(sandbox, content, {
    seed: 11,
    initialState: state,
    calls: [
      { name: 'get_order_details', arguments: { order_id: pending } },
      { name: 'cancel_pending_order', arguments: { order_id: pending, reason: 'no longer needed' } },
    ],
  });
  const readTask = await goldTask(sandbox, content, {
    seed: 11,
    initialState: state,
    calls: [
      { name: 'get_user_details', arguments: { user_id: 'user_3' } },
      { name: 'get_order_details', arguments: { order_id: 'order_5' } },
    ],
  });
  const runs: Array<[string, Task, Noise[]]> = [
    ['write', writeTask, []],
    ['read', readTask, []],
    ['write malformed_call', writeTask, ['malformed_call']],
    ['write tool_error', writeTask, ['tool_error']],
    ['read malformed_call + tool_error', readTask, ['malformed_call', 'tool_error']],
    ['write all noise', writeTask, ['wrong_argument', 'skipped_step', 'extra_read', 'malformed_call', 'tool_error']],
  ];
  for (const [name, task, noise] of runs) cases.push({ name, trajectory: await oracle(task, noise) });
  cases.push({
    name: 'parallel calls',
    trajectory: await runRollout({
      task: readTask,
      content,
      tools,
      user: createScriptedUser(['Look up user_3 and order_5.']),
      agent: parallelAgent(),
      sandbox,
    }),
  });
}, 60_000);

const byName = (name: string) => cases.find((c) => c.name === name)!.trajectory;

describe('real trajectories exported to OpenAI fine-tuning JSONL', () => {
  it('ran what the cases claim', () => {
    expect(cases).toHaveLength(7);
    for (const { trajectory } of cases) expect(trajectory.status).toBe('completed');
    expect(byName('write malformed_call').noiseApplied).toEqual(['malformed_call']);
    expect(byName('write tool_error').noiseApplied).toEqual(['tool_error']);
    expect(byName('write malformed_call').steps[0]).toMatchObject({ errorKind: 'bad_arguments' });
    expect(byName('parallel calls').steps.map((s) => [s.callId, s.ok])).toEqual([
      ['p1', true],
      ['p2', true],
    ]);
  });

  it('validates every record, keeps every message up to the agent’s last, and weights the assistant messages 1 unless masked', () => {
    for (const { name, trajectory } of cases) {
      const record = toOpenAiRecord(trajectory, tools);
      expect(openAiRecord.parse(record), name).toEqual(record);
      expect(checkOpenAiRecord(record), name).toEqual([]);
      expect(record.tools).toEqual(tools);
      // The user's closing line is left off: the record ends on the agent.
      expect(trajectory.messages.at(-1)!.role).toBe('user');
      expect(record.messages.map((m) => m.role)).toEqual(trajectory.messages.slice(0, -1).map((m) => m.role));
      expect(record.messages.at(-1)!.role, name).toBe('assistant');
      for (const [i, m] of record.messages.entries()) {
        expect('weight' in m ? m.weight : undefined, `${name} message ${i}`).toBe(m.role === 'assistant' ? (trajectory.masked.includes(i) ? 0 : 1) : undefined);
        const { weight: _, ...rest } = m as typeof m & { weight?: number };
        expect(rest).toEqual(trajectory.messages[i]);
      }
    }
  });

  it('answers every tool call with exactly one tool message of the same id, before the next turn', () => {
    for (const { name, trajectory } of cases) {
      const { messages } = toOpenAiRecord(trajectory, tools);
      let calls = 0;
      messages.forEach((m, i) => {
        if (m.role !== 'assistant' || !m.tool_calls) return;
        let end = i + 1;
        while (messages[end]?.role === 'tool') end++;
        const answers = messages.slice(i + 1, end).map((t) => (t as { tool_call_id: string }).tool_call_id);
        expect(answers.sort(), name).toEqual(m.tool_calls.map((c) => c.id).sort());
        calls += m.tool_calls.length;
      });
      expect(calls, name).toBe(trajectory.steps.length);
    }
  });

  it('writes one line per record that parses back to it', () => {
    for (const { trajectory } of cases) {
      const record = toOpenAiRecord(trajectory, tools);
      const line = openAiLine(record);
      expect(line).not.toContain('\n');
      expect(JSON.parse(line)).toEqual(record);
    }
    // A malformed call's arguments travel as the text the agent sent, not trained on.
    const malformed = byName('write malformed_call');
    const bad = toOpenAiRecord(malformed, tools).messages[malformed.steps[0]!.messageIndex]!;
    expect(bad).toMatchObject({ role: 'assistant', content: null, weight: 0 });
    expect(() => JSON.parse((bad as { tool_calls: Array<{ function: { arguments: string } }> }).tool_calls[0]!.function.arguments)).toThrow();
  });
});

describe('real trajectories exported to ShareGPT for LLaMA-Factory', () => {
  it('validates every record: alternation, even count, each function_call followed by its observation', () => {
    for (const { name, trajectory } of cases) {
      const record = toShareGptRecord(trajectory, tools);
      expect(shareGptRecord.parse(record), name).toEqual(record);
      expect(checkShareGptRecord(record), name).toEqual([]);
      const turns = record.conversations;
      expect(turns.length % 2, name).toBe(0);
      expect(turns.at(-1)!.from).toBe('gpt');
      turns.forEach((t, i) => {
        expect(i % 2 === 0 ? ['human', 'observation'] : ['gpt', 'function_call'], `${name} turn ${i + 1}`).toContain(t.from);
        if (t.from === 'function_call') expect(turns[i + 1]!.from).toBe('observation');
      });
      expect(record.system).toBe((trajectory.messages[0] as { content: string }).content);
    }
  });

  it('keeps every call and its result, in order, and marks the gpt and function_call turns for loss unless masked', () => {
    for (const { name, trajectory } of cases) {
      const record = toShareGptRecord(trajectory, tools);
      const turns = record.conversations;
      const modelTurns = turns.filter((t) => t.from === 'gpt' || t.from === 'function_call').length;
      // One model turn per masked message here: the oracle makes one call per message.
      expect(record.loss_mask.filter((w) => w === 1).length, name).toBe(modelTurns - trajectory.masked.length);
      record.loss_mask.forEach((w, i) => {
        if (w === 1) expect(['gpt', 'function_call']).toContain(turns[i]!.from);
      });

      const calls = turns.filter((t) => t.from === 'function_call').map((t) => JSON.parse(t.value) as { name: string; arguments: unknown });
      expect(
        calls.map((c) => c.name),
        name,
      ).toEqual(trajectory.steps.map((s) => s.name));
      expect(calls.map((c) => c.arguments)).toEqual(trajectory.steps.map((s) => s.arguments ?? s.rawArguments));
      const results = new Map(trajectory.messages.flatMap((m) => (m.role === 'tool' ? [[m.tool_call_id, m.content] as const] : [])));
      const observations = turns.flatMap((t, i) => (t.from === 'function_call' ? [turns[i + 1]!.value] : []));
      expect(observations).toEqual(trajectory.steps.map((s) => results.get(s.callId)));

      // Only the user's closing line is left off, after the last gpt turn.
      expect(turns.filter((t) => t.from === 'human').length).toBe(trajectory.messages.filter((m) => m.role === 'user').length - 1);
      expect(turns.filter((t) => t.from === 'gpt').length).toBe(trajectory.messages.filter((m) => m.role === 'assistant' && !m.tool_calls).length);
    }
  });

  it('writes the tools as a JSON string of function definitions that parses back to them', () => {
    for (const { trajectory } of cases) {
      const record = toShareGptRecord(trajectory, tools);
      expect(JSON.parse(record.tools)).toEqual(tools.map((t) => t.function));
    }
  });

  it('keeps a malformed call as its raw text and splits parallel calls into call/observation pairs', () => {
    const record = toShareGptRecord(byName('write malformed_call'), tools);
    const malformed = record.conversations;
    const at = malformed.findIndex((t) => t.from === 'function_call');
    const first = JSON.parse(malformed[at]!.value) as { name: string; arguments: unknown };
    expect(first.name).toBe('get_order_details');
    expect(typeof first.arguments).toBe('string');
    expect(record.loss_mask[at]).toBe(0);
    expect(malformed[at + 1]).toMatchObject({
      from: 'observation',
      value: expect.stringMatching(/^Error: the arguments of get_order_details are not a JSON object/),
    });

    const parallel = toShareGptRecord(byName('parallel calls'), tools).conversations;
    expect(parallel.map((t) => t.from)).toEqual(['human', 'function_call', 'observation', 'function_call', 'observation', 'gpt']);
    expect(parallel.map((t) => t.value)).not.toContain('Let me look both up.');
    expect(JSON.parse(parallel[3]!.value)).toEqual({ name: 'get_order_details', arguments: { order_id: 'order_5' } });
  });
});

describe('injected mistakes are exported as context, not trained on', () => {
  it('a recovered tool_error: the refused call weighs 0 and has loss mask 0, the retry and the reply 1', () => {
    const t = byName('write tool_error');
    const refused = t.steps[0]!;
    expect(refused).toMatchObject({ ok: false, errorKind: 'tool' });
    expect(t.masked).toEqual([refused.messageIndex]);

    const openai = toOpenAiRecord(t, tools).messages;
    expect(openai[refused.messageIndex]).toMatchObject({ role: 'assistant', weight: 0, tool_calls: [expect.objectContaining({ id: refused.callId })] });
    expect(openai.filter((m) => m.role === 'assistant' && m.weight === 0)).toHaveLength(1);
    expect(openai[t.steps[1]!.messageIndex]).toMatchObject({ role: 'assistant', weight: 1 });
    expect(openai.at(-1)).toMatchObject({ role: 'assistant', weight: 1 });

    const sharegpt = toShareGptRecord(t, tools);
    const at = sharegpt.conversations.findIndex((x) => x.from === 'function_call' && JSON.stringify(JSON.parse(x.value).arguments) === refused.rawArguments);
    expect(sharegpt.loss_mask[at]).toBe(0);
    expect(sharegpt.conversations[at + 1]).toMatchObject({ from: 'observation', value: `Error: ${refused.error}` });
    expect(
      sharegpt.loss_mask.filter((w, i) => w === 0 && (sharegpt.conversations[i]!.from === 'gpt' || sharegpt.conversations[i]!.from === 'function_call')),
    ).toHaveLength(1);
    expect(checkShareGptRecord(sharegpt)).toEqual([]);
  });

  it('a trajectory without mistakes trains on every assistant message', () => {
    const t = byName('write');
    expect(t.masked).toEqual([]);
    expect(
      toOpenAiRecord(t, tools)
        .messages.filter((m) => m.role === 'assistant')
        .every((m) => m.weight === 1),
    ).toBe(true);
  });
});

describe('checks catch broken records', () => {
  const call = (id: string, name: string) => ({ id, type: 'function' as const, function: { name, arguments: '{}' } });
  const offered = tools.filter((t) => t.function.name === 'get_order_details');

  it('OpenAI: an unanswered call, an unknown tool, an orphan or double answer, a weight off an assistant message', () => {
    const record = {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: null, tool_calls: [call('a', 'get_order_details'), call('b', 'teleport_order')], weight: 1 },
        { role: 'tool', tool_call_id: 'b', content: 'Error' },
        { role: 'user', content: 'And?' },
        { role: 'tool', tool_call_id: 'a', content: 'late' },
        { role: 'assistant', content: null, tool_calls: [call('c', 'get_order_details')], weight: 1 },
        { role: 'tool', tool_call_id: 'c', content: '{}' },
        { role: 'tool', tool_call_id: 'c', content: '{}' },
        { role: 'assistant', content: 'Done.', weight: 1 },
      ],
      tools: offered,
    };
    expect(checkOpenAiRecord(record)).toEqual([
      'message 1: call teleport_order (b): not one of the tools',
      'message 1: call get_order_details (a) is never answered',
      'message 4: tool message answers no call of the assistant message before it (a)',
      'message 7: call get_order_details (c) is answered more than once',
    ]);
    expect(checkOpenAiRecord({ ...record, messages: [{ role: 'user', content: 'Hi', weight: 1 }] })).toEqual([expect.stringMatching(/^schema: messages\.0: /)]);
    expect(checkOpenAiRecord({ messages: [{ role: 'user', content: 'Hi' }], tools: [] })).toEqual(['no assistant message: nothing to train on']);
    expect(checkOpenAiRecord({ ...record, extra: 1 })[0]).toMatch(/^schema: /);
  });

  it('ShareGPT: a function_call without observation, an unknown tool, broken alternation, a wrong mask, bad tools', () => {
    const fc = (name: string) => ({ from: 'function_call' as const, value: JSON.stringify({ name, arguments: {} }) });
    const record = {
      conversations: [
        { from: 'human' as const, value: 'Hi' },
        fc('get_order_details'),
        { from: 'human' as const, value: 'Well?' },
        fc('teleport_order'),
        { from: 'observation' as const, value: '{}' },
        { from: 'gpt' as const, value: 'Done.' },
      ],
      tools: JSON.stringify(offered.map((t) => t.function)),
      loss_mask: [0, 1, 0, 1, 0, 1] as Array<0 | 1>,
    };
    expect(checkShareGptRecord(record)).toEqual(['turn 2: function_call not followed by an observation', 'turn 4: call teleport_order: not one of the tools']);
    expect(checkShareGptRecord({ ...record, conversations: record.conversations.slice(0, 5), loss_mask: record.loss_mask.slice(0, 5) })).toContain(
      '5 turns: LLaMA-Factory wants an even number (ending on gpt)',
    );
    expect(
      checkShareGptRecord({
        ...record,
        conversations: [
          { from: 'gpt', value: 'Hello' },
          { from: 'human', value: 'Hi' },
        ],
        loss_mask: [1, 0],
      }),
    ).toEqual(['turn 1: gpt on an odd turn (expected human or observation)', 'turn 2: human on an even turn (expected gpt or function_call)']);
    expect(checkShareGptRecord({ ...record, loss_mask: [1, 1, 0, 1, 0, 1] })).toContain('turn 1: loss_mask 1 for human (expected 0)');
    expect(checkShareGptRecord({ ...record, loss_mask: [0, 1] })).toContain('loss_mask has 2 entries for 6 turns');
    expect(checkShareGptRecord({ ...record, tools: '{"name":' })).toContain('tools: not JSON');
    expect(checkShareGptRecord({ ...record, conversations: [{ from: 'user', value: 'Hi' }] })[0]).toMatch(/^schema: /);
  });

  it('ShareGPT conversion leaves an unanswered call for the check to report, and refuses a second system message', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: null, tool_calls: [call('a', 'get_order_details')] },
      { role: 'assistant', content: 'Done.' },
    ];
    expect(checkShareGptRecord(toShareGptRecord({ messages }, offered))).toEqual([
      '3 turns: LLaMA-Factory wants an even number (ending on gpt)',
      'turn 2: function_call not followed by an observation',
      'turn 3: gpt on an odd turn (expected human or observation)',
    ]);
    expect(() => toShareGptRecord({ messages: [...messages, { role: 'system', content: 'again' }] }, offered)).toThrow(
      /message 4: a system message after the first/,
    );
    expect(checkOpenAiRecord(toOpenAiRecord({ messages }, offered))).toEqual(['message 2: call get_order_details (a) is never answered']);
  });
});
