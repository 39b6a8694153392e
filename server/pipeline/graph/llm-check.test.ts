import { afterEach, describe, expect, it } from 'vitest';
import { createLlm } from '../../llm/client';
import { startFakeOpenAi, type FakeChatMessage, type FakeOpenAi } from '../../testing/fake-openai';
import { buildEdgeCheckPrompt, checkEdges, parseEdgeCheck } from './llm-check';
import type { GraphEdge, GraphTool } from './model';

function tool(name: string, params: string[] = [], op: GraphTool['op'] = 'read'): GraphTool {
  return {
    id: `id-${name}`,
    name,
    description: `Does ${name.replace(/_/g, ' ')}.`,
    op,
    parameters: { type: 'object', properties: Object.fromEntries(params.map((p) => [p, { type: 'string' }])) },
    returns: null,
  };
}

function edge(a: string, b: string, direction: GraphEdge['direction'] = 'forward'): GraphEdge {
  return { source: `id-${a}`, target: `id-${b}`, weight: 0.7, direction, reason: 'similar descriptions' };
}

describe('buildEdgeCheckPrompt', () => {
  it('numbers each candidate and shows both tools with their parameters', () => {
    const messages = buildEdgeCheckPrompt([
      { source: tool('create_user', ['name']), target: tool('get_user', ['user_id']), direction: 'forward' },
      { source: tool('get_user'), target: tool('delete_user', [], 'write'), direction: 'both' },
    ]);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain('"verdicts"');
    const user = messages[1]!.content;
    expect(user).toContain('Edge 1: create_user -> get_user');
    expect(user).toContain('Edge 2: get_user <-> delete_user');
    expect(user).toContain('parameters: user_id');
    expect(user).toContain('delete_user (write)');
    expect(user).not.toContain('Edge 3');
  });
});

describe('parseEdgeCheck', () => {
  it('reads JSON inside code fences and prose', () => {
    const text =
      'Sure, here you go:\n```json\n{"verdicts":[{"edge":1,"keep":true,"reason":"ids flow"},{"edge":2,"keep":false,"reason":"unrelated"}]}\n```\nHope it helps.';
    expect(parseEdgeCheck(text, 2)).toEqual({
      verdicts: [
        { edge: 1, keep: true, reason: 'ids flow' },
        { edge: 2, keep: false, reason: 'unrelated' },
      ],
      unparsed: 0,
    });
  });

  it('reads JSON with text around it and no fences, and a bare array', () => {
    expect(parseEdgeCheck('Verdicts: {"verdicts":[{"edge":"1","keep":"no","reason":"x"}]} done', 1).verdicts).toEqual([{ edge: 1, keep: false, reason: 'x' }]);
    expect(parseEdgeCheck('[{"edge":1,"keep":false}]', 1).verdicts).toEqual([{ edge: 1, keep: false, reason: '' }]);
  });

  it('keeps every edge of a garbage answer and counts them as unparsed', () => {
    const { verdicts, unparsed } = parseEdgeCheck('I think these all look fine, mostly.', 3);
    expect(unparsed).toBe(3);
    expect(verdicts.map((v) => [v.edge, v.keep])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
  });

  it('keeps missing, out-of-range and unreadable verdicts, counting only those', () => {
    const text = JSON.stringify({
      verdicts: [
        { edge: 1, keep: false, reason: 'a' },
        { edge: 3, keep: 'maybe' },
        { edge: 9, keep: false },
      ],
    });
    const { verdicts, unparsed } = parseEdgeCheck(text, 3);
    expect(verdicts.map((v) => v.keep)).toEqual([false, true, true]);
    expect(unparsed).toBe(2);
  });
});

describe('checkEdges through the real client and a fake endpoint', () => {
  let fake: FakeOpenAi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  /** A stand-in model: an edge is real when its two tool names share a word. */
  function judge(messages: FakeChatMessage[]): string {
    const user = messages.find((m) => m.role === 'user')?.content ?? '';
    const verdicts = [...user.matchAll(/^Edge (\d+): (\S+) <?-> (\S+)$/gm)].map(([, n, a, b]) => {
      const shared = a!.split('_').filter((w) => b!.split('_').includes(w));
      return shared.length
        ? { edge: Number(n), keep: true, reason: `both are about ${shared.join(', ')}` }
        : { edge: Number(n), keep: false, reason: `${a} and ${b} share no entity` };
    });
    return '```json\n' + JSON.stringify({ verdicts }) + '\n```';
  }

  it('drops exactly the edges the model rejects, in batches, and leaves cross-domain edges alone', async () => {
    fake = await startFakeOpenAi({ chat: judge });
    const llm = createLlm({ baseUrl: fake.url, model: 'fake-chat' })!;
    const names = ['create_user', 'find_user', 'delete_account', 'place_order', 'ship_order', 'refund_payment', 'weather_forecast'];
    const toolsById = new Map(names.map((n) => [`id-${n}`, tool(n)]));
    const domainOf = new Map([
      ['id-create_user', 'users'],
      ['id-find_user', 'users'],
      ['id-delete_account', 'users'],
      ['id-place_order', 'orders'],
      ['id-ship_order', 'orders'],
      ['id-refund_payment', 'orders'],
    ]);
    const edges = [
      edge('create_user', 'find_user'),
      edge('place_order', 'ship_order'),
      edge('find_user', 'delete_account'),
      edge('ship_order', 'refund_payment', 'both'),
      edge('create_user', 'delete_account'),
      // Across domains and outside any domain: the model would reject them, so kept means unchecked.
      edge('find_user', 'refund_payment'),
      edge('place_order', 'weather_forecast'),
    ];
    const progress: number[] = [];

    const result = await checkEdges(edges, toolsById, (m, o) => llm.complete(m, { ...o, json: true, temperature: 0 }), {
      domainOf,
      batchSize: 2,
      concurrency: 1,
      onProgress: (done, total) => progress.push(done / total),
    });

    expect(result.dropped.map((e) => [e.source, e.target, e.dropReason])).toEqual([
      ['id-find_user', 'id-delete_account', 'find_user and delete_account share no entity'],
      ['id-ship_order', 'id-refund_payment', 'ship_order and refund_payment share no entity'],
      ['id-create_user', 'id-delete_account', 'create_user and delete_account share no entity'],
    ]);
    expect(result.dropped[0]!.reason).toBe('similar descriptions');
    expect(result.kept).toEqual([edges[0], edges[1], edges[5], edges[6]]);
    expect(result.checked).toBe(5);
    expect(result.unparsed).toBe(0);

    // Five candidates in batches of two: three requests, each a valid chat request for the configured model.
    const calls = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(calls).toHaveLength(3);
    const edgesPerCall = calls.map((r) => {
      const body = r.body as { model: string; messages: FakeChatMessage[]; response_format: unknown };
      expect(body.model).toBe('fake-chat');
      expect(body.response_format).toEqual({ type: 'json_object' });
      return (body.messages[1]!.content.match(/^Edge \d+:/gm) ?? []).length;
    });
    expect(edgesPerCall).toEqual([2, 2, 1]);
    expect(progress).toEqual([2 / 5, 4 / 5, 1]);
  });

  it('keeps the batch and counts it unparsed when the model answers nonsense', async () => {
    fake = await startFakeOpenAi({ chat: () => 'I cannot help with that.' });
    const llm = createLlm({ baseUrl: fake.url, model: 'fake-chat' })!;
    const toolsById = new Map([tool('create_user'), tool('delete_account')].map((t) => [t.id, t]));
    const domainOf = new Map([...toolsById.keys()].map((id) => [id, 'users']));
    const edges = [edge('create_user', 'delete_account')];
    const result = await checkEdges(edges, toolsById, (m, o) => llm.complete(m, o), { domainOf });
    expect(result).toEqual({ kept: edges, dropped: [], checked: 1, unparsed: 1 });
  });

  it('fails with the endpoint error, and the other workers take no further batches', async () => {
    // Answers are slow and the one failure is immediate, so the failure lands while another batch is in flight.
    fake = await startFakeOpenAi({ chat: (messages) => new Promise((resolve) => setTimeout(() => resolve(judge(messages)), 100)) });
    fake.fail(401, { message: 'invalid key', times: 1 });
    const llm = createLlm({ baseUrl: fake.url, model: 'fake-chat' })!;
    const names = ['create_user', 'find_user', 'delete_user', 'update_user'];
    const toolsById = new Map(names.map((n) => [`id-${n}`, tool(n)]));
    const domainOf = new Map(names.map((n) => [`id-${n}`, 'users']));
    const edges = [edge('create_user', 'find_user'), edge('find_user', 'delete_user'), edge('delete_user', 'update_user'), edge('create_user', 'update_user')];

    const run = checkEdges(edges, toolsById, (m, o) => llm.complete(m, o), { domainOf, batchSize: 1, concurrency: 2 });
    await expect(run).rejects.toThrow(/HTTP 401: invalid key/);
    // Let the batch in flight finish: had its worker gone on, it would ask for the remaining two.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests).toHaveLength(2);
  });
});
