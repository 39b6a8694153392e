import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_ANSWER, startFakeOpenAi, type FakeOpenAi } from './fake-openai';

/** The fake speaks plain HTTP: these tests use fetch, so they check the wire format, not a client's view of it. */

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function post(path: string, body: unknown, signal?: AbortSignal) {
  const res = await fetch(`${fake!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify(body),
    signal,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read whatever JSON the fake server answered
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}

const CHAT = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

describe('fake OpenAI chat', () => {
  it('answers a string handler as content, as before', async () => {
    fake = await startFakeOpenAi();
    const { status, json } = await post('/chat/completions', CHAT);
    expect(status).toBe(200);
    expect(json.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: DEFAULT_CHAT_ANSWER }, finish_reason: 'stop' });
  });

  it('turns a reply object into OpenAI tool calls, ids made up where missing, arguments untouched', async () => {
    fake = await startFakeOpenAi({
      chat: (_messages, body) => ({
        tool_calls: [
          { id: 'call_1', name: 'a', arguments: '{not json' },
          { name: String((body.tools as Array<{ function: { name: string } }>)[0]!.function.name), arguments: '{}' },
        ],
      }),
    });
    const { json } = await post('/chat/completions', { ...CHAT, tools: [{ type: 'function', function: { name: 'b', parameters: {} } }] });
    const choice = json.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls[0]).toEqual({ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{not json' } });
    expect(choice.message.tool_calls[1]).toMatchObject({ type: 'function', function: { name: 'b', arguments: '{}' } });
    expect(choice.message.tool_calls[1].id).toMatch(/^call_/);
  });

  it('answers a reply object without tool calls as plain content', async () => {
    fake = await startFakeOpenAi({ chat: () => ({ content: 'done' }) });
    const { json } = await post('/chat/completions', CHAT);
    expect(json.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' });
    expect(json.choices[0].message).not.toHaveProperty('tool_calls');
  });

  it('fails the given number of requests with retry-after-ms, recording them', async () => {
    fake = await startFakeOpenAi();
    fake.fail(429, { times: 1, message: 'slow down' });
    const first = await post('/chat/completions', CHAT);
    const second = await post('/chat/completions', CHAT);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after-ms')).toBe('1');
    expect(first.json.error.message).toBe('slow down');
    expect(second.status).toBe(200);
    expect(fake.requests).toHaveLength(2);
  });

  it('applies latency to every answer, errors included, and can change it', async () => {
    fake = await startFakeOpenAi({ latencyMs: 30 });
    fake.fail(503, { times: 1 });
    expect((await post('/chat/completions', CHAT)).status).toBe(503);
    expect((await post('/embeddings', { model: 'e', input: 'x' })).status).toBe(200);
    fake.setLatency(0);
    expect((await post('/chat/completions', CHAT)).status).toBe(200);
  });

  it('stalls the next chat requests only, records them, and still closes promptly', { timeout: 10_000 }, async () => {
    fake = await startFakeOpenAi();
    fake.stall(1);
    const controller = new AbortController();
    const stalled = post('/chat/completions', CHAT, controller.signal).catch((e: unknown) => e);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    // Embeddings are not held; the next chat request is answered.
    expect((await post('/embeddings', { model: 'e', input: 'x' })).status).toBe(200);
    expect((await post('/chat/completions', CHAT)).status).toBe(200);
    expect(fake.requests).toHaveLength(3);

    // close() must not wait for the held socket.
    await fake.close();
    fake = undefined;
    const error = await stalled;
    expect(error).toBeInstanceOf(Error);
    controller.abort();
  });

  it('does not answer into a connection the client has dropped while latency is pending', async () => {
    fake = await startFakeOpenAi({ latencyMs: 100 });
    const controller = new AbortController();
    const pending = post('/chat/completions', CHAT, controller.signal).catch((e: unknown) => e);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 150));
    // Still serving.
    fake.setLatency(0);
    expect((await post('/chat/completions', CHAT)).status).toBe(200);
  });
});
