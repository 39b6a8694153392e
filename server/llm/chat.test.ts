import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage, ToolSpec } from '../pipeline/rollout/model';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai';
import { createChat } from './chat';
import { LlmError, type LlmConfig } from './client';

const KEY = 'sk-test-secret-4242';
const HI: ChatMessage[] = [{ role: 'user', content: 'hi' }];
const TOOLS: ToolSpec[] = [
  {
    type: 'function',
    function: { name: 'cancel_order', description: 'Cancel a pending order', parameters: { type: 'object', properties: { order_id: { type: 'string' } } } },
  },
];

const fakes: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function start(...args: Parameters<typeof startFakeOpenAi>): Promise<FakeOpenAi> {
  const f = await startFakeOpenAi(...args);
  fakes.push(f);
  return f;
}

function configFor(f: FakeOpenAi, extra: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl: f.url, apiKey: KEY, model: 'studio-default', ...extra };
}

const chats = (f: FakeOpenAi) => f.requests.filter((r) => r.path === '/v1/chat/completions');

describe('createChat', () => {
  it("returns the model's content, sending the role's model", async () => {
    const fake = await start({ chat: (messages) => `echo: ${messages.at(-1)?.content}` });
    const { chat, info } = createChat(configFor(fake), { model: 'agent-model', temperature: 0.3 });

    await expect(chat(HI)).resolves.toEqual({ content: 'echo: hi' });
    expect(info).toEqual({ model: 'agent-model', baseUrl: fake.url, temperature: 0.3 });
    expect(chats(fake)[0]!.body).toMatchObject({ model: 'agent-model', temperature: 0.3, messages: [{ role: 'user', content: 'hi' }] });
  });

  it('describes the endpoint without a password written into its URL, and keeps it out of errors', async () => {
    const fake = await start();
    const withPassword = fake.url.replace('http://', 'http://me:hunter2@');
    const { chat, info } = createChat({ baseUrl: withPassword }, { model: 'm', maxRetries: 0 });
    expect(info.baseUrl).toBe(fake.url);
    // fetch refuses URLs with credentials; the message must still not show the password.
    const error = await chat(HI).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).not.toContain('hunter2');
  });

  it('says which settings are missing when there is no endpoint at all', () => {
    expect(() => createChat({}, { model: 'm' })).toThrow(LlmError);
    expect(() => createChat({ apiKey: KEY }, { model: 'm' })).toThrow('no LLM endpoint: set STUDIO_LLM_BASE_URL or give the policy a base URL');
  });

  it('passes a call temperature through, over the role default', async () => {
    const fake = await start();
    const { chat } = createChat(configFor(fake), { model: 'm', temperature: 0.7 });
    await chat(HI, { temperature: 0 });
    await chat(HI);
    expect(chats(fake).map((r) => (r.body as { temperature?: number }).temperature)).toEqual([0, 0.7]);
  });

  it('sends no temperature when neither the role nor the call sets one', async () => {
    const fake = await start();
    const { chat } = createChat(configFor(fake), { model: 'm' });
    await chat(HI);
    expect(chats(fake)[0]!.body).not.toHaveProperty('temperature');
  });
});

describe('tools', () => {
  it('sends the tools with tool_choice auto, and none when no tools are given', async () => {
    const seen: unknown[] = [];
    const fake = await start({ chat: (_m, body) => (seen.push(body.tools), 'ok') });
    const { chat } = createChat(configFor(fake), { model: 'm' });
    await chat(HI, { tools: TOOLS });
    await chat(HI);

    expect(seen[0]).toEqual(TOOLS);
    expect(chats(fake)[0]!.body).toMatchObject({ tools: TOOLS, tool_choice: 'auto' });
    expect(chats(fake)[1]!.body).not.toHaveProperty('tools');
    expect(chats(fake)[1]!.body).not.toHaveProperty('tool_choice');
  });

  it('returns tool calls exactly as sent, a malformed arguments string included', async () => {
    const broken = '{"order_id": "O-1",';
    const fake = await start({
      chat: () => ({
        content: null,
        tool_calls: [
          { id: 'call_a', name: 'cancel_order', arguments: broken },
          { name: 'cancel_order', arguments: '{"order_id":"O-2"}' },
        ],
      }),
    });
    const { chat } = createChat(configFor(fake), { model: 'm' });
    const reply = await chat(HI, { tools: TOOLS });

    expect(reply.content).toBeNull();
    expect(reply.tool_calls).toHaveLength(2);
    expect(reply.tool_calls![0]).toEqual({ id: 'call_a', type: 'function', function: { name: 'cancel_order', arguments: broken } });
    expect(reply.tool_calls![1]).toMatchObject({ type: 'function', function: { name: 'cancel_order', arguments: '{"order_id":"O-2"}' } });
    expect(reply.tool_calls![1]!.id).toMatch(/\S/);
  });

  it('sends back a conversation with tool calls and tool results in the OpenAI format', async () => {
    const fake = await start();
    const { chat } = createChat(configFor(fake), { model: 'm' });
    const messages: ChatMessage[] = [
      { role: 'system', content: 'you are an agent' },
      { role: 'user', content: 'cancel O-1' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'cancel_order', arguments: '{"order_id":"O-1"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{"ok":true}' },
    ];
    await chat(messages, { tools: TOOLS });
    expect((chats(fake)[0]!.body as { messages: unknown }).messages).toEqual(messages);
  });
});

describe('retries', () => {
  it('retries a 429 and then succeeds', async () => {
    const fake = await start({ chat: () => 'after the rate limit' });
    fake.fail(429, { times: 1, message: 'slow down' });
    const { chat } = createChat(configFor(fake), { model: 'm', maxRetries: 2 });
    await expect(chat(HI)).resolves.toEqual({ content: 'after the rate limit' });
    expect(chats(fake)).toHaveLength(2);
  });

  it('gives up on a server that keeps failing, naming the URL, the status and its message', async () => {
    const fake = await start();
    fake.fail(500, { message: 'the model is overloaded' });
    const { chat } = createChat(configFor(fake), { model: 'm', maxRetries: 2 });
    const error = await chat(HI).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).toBe(`${fake.url}/chat/completions answered HTTP 500: the model is overloaded`);
    expect((error as LlmError).status).toBe(500);
    expect((error as LlmError).url).toBe(`${fake.url}/chat/completions`);
    expect(chats(fake)).toHaveLength(3);
  });

  it('does not retry a 400, and hides the key if the server echoes it', async () => {
    const fake = await start();
    fake.fail(400, { message: `bad request from ${KEY}` });
    const { chat } = createChat(configFor(fake), { model: 'm', maxRetries: 3 });
    const error = await chat(HI).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).toContain('HTTP 400');
    expect((error as LlmError).message).not.toContain(KEY);
    expect(chats(fake)).toHaveLength(1);
  });

  it('counts a server that does not answer in time as a failure, retried, then reported', { timeout: 15_000 }, async () => {
    const fake = await start();
    fake.stall(5);
    const { chat } = createChat(configFor(fake), { model: 'm', timeoutMs: 200, maxRetries: 1 });
    const error = await chat(HI).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).toBe(`${fake.url}/chat/completions did not answer within 0.2 s`);
    expect(chats(fake)).toHaveLength(2);
  });

  it('succeeds when only the first attempt stalls', { timeout: 15_000 }, async () => {
    const fake = await start({ chat: () => 'second time lucky' });
    fake.stall(1);
    const { chat } = createChat(configFor(fake), { model: 'm', timeoutMs: 300, maxRetries: 2 });
    await expect(chat(HI)).resolves.toEqual({ content: 'second time lucky' });
    expect(chats(fake)).toHaveLength(2);
  });

  it('names the URL when nothing listens there', async () => {
    const fake = await start();
    const url = fake.url;
    await fakes.pop()!.close();
    const { chat } = createChat({ baseUrl: url }, { model: 'm', maxRetries: 0 });
    const error = await chat(HI).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message.startsWith(`${url}/chat/completions could not be reached`)).toBe(true);
  });
});

describe('the API key', () => {
  it('goes to the configured endpoint, also when a policy names it again', async () => {
    const fake = await start();
    await createChat(configFor(fake), { model: 'm' }).chat(HI);
    await createChat(configFor(fake), { model: 'm', baseUrl: `${fake.url}/` }).chat(HI);
    expect(chats(fake).map((r) => r.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('never goes to another endpoint a policy names', async () => {
    const configured = await start();
    const other = await start({ chat: (_m, _b) => 'from elsewhere' });
    const { chat, info } = createChat(configFor(configured, { allowedOrigins: [new URL(configured.url).origin, new URL(other.url).origin] }), {
      model: 'm',
      baseUrl: other.url,
    });

    await expect(chat(HI)).resolves.toEqual({ content: 'from elsewhere' });
    expect(info.baseUrl).toBe(other.url);
    expect(chats(other)).toHaveLength(1);
    expect(chats(other)[0]!.authorization).toBe('Bearer not-needed');
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
    expect(configured.requests).toHaveLength(0);
  });

  it('is refused, with no request made, when a policy names an endpoint the configuration does not allow', async () => {
    const configured = await start();
    const other = await start();
    expect(() => createChat(configFor(configured), { model: 'm', baseUrl: other.url })).toThrow(
      `The base URL ${other.url} for the model "m" is not allowed: runs may use ${new URL(configured.url).origin} only; add its origin to STUDIO_LLM_ALLOWED_BASE_URLS to allow it.`,
    );
    expect(() => createChat(configFor(configured), { model: 'm', baseUrl: 'http://169.254.169.254/latest' })).toThrow(/is not allowed/);
    expect(other.requests).toHaveLength(0);
  });

  it('is not sent to a different path on the same server', async () => {
    const fake = await start();
    fake.fail(404, { times: 1, message: 'no such route' });
    const { chat } = createChat(configFor(fake), { model: 'm', baseUrl: fake.url.replace(/\/v1$/, '/other/v1'), maxRetries: 0 });
    await chat(HI).catch(() => undefined);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.authorization).toBe('Bearer not-needed');
  });
});

describe('cancelling', () => {
  it('gives the caller its own abort back, not an LlmError', { timeout: 15_000 }, async () => {
    const fake = await start();
    fake.stall(1);
    const { chat } = createChat(configFor(fake), { model: 'm', timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = chat(HI, { signal: controller.signal }).catch((e: unknown) => e);
    // Abort once the request has reached the server, so the cancel happens mid-request.
    while (chats(fake).length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('stopped by the user'));
    const error = await pending;
    expect(error).not.toBeInstanceOf(LlmError);
    expect((error as Error).message).toBe('stopped by the user');
    expect(chats(fake)).toHaveLength(1);
  });

  it('does not call the endpoint when already cancelled', async () => {
    const fake = await start();
    const { chat } = createChat(configFor(fake), { model: 'm' });
    const controller = new AbortController();
    controller.abort(new Error('never mind'));
    const error = await chat(HI, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(LlmError);
    expect((error as Error).message).toBe('never mind');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('an endpoint that says too much', () => {
  const FIFTY_MB = 'w'.repeat(50 * 1024 * 1024);

  it('cuts a 50 MB reply to the per-message limit while reading it, with a mark that says how long it was', async () => {
    const fake = await start({ chat: () => FIFTY_MB });
    const { chat } = createChat(configFor(fake), { model: 'agent-model', maxRetries: 0 });
    const reply = await chat(HI);
    expect(reply.content).toMatch(/^w{65536}… \[truncated: reply was 52,4\d\d,\d{3} bytes, limit 65,536\]$/);
    expect(reply.truncated).toMatch(/^… \[truncated: reply was 52,4/);
  });

  it('cuts a 50 MB reply sent without a length at the read cap', async () => {
    const fake = await start({ chat: () => FIFTY_MB, chunked: true });
    const { chat } = createChat(configFor(fake, { limits: { replyBytes: 4096, replyTokens: 100_000, trajectoryBytes: 1 << 20, trajectoryTokens: 1 << 20 } }), {
      model: 'agent-model',
      maxRetries: 0,
    });
    const reply = await chat(HI);
    // The read cap is six bytes a character of the limit (JSON escapes), plus 64 KB for the rest of the answer.
    expect(reply.content).toBe(`${'w'.repeat(4096)}… [truncated: reply was more than ${(4096 * 6 + 65536).toLocaleString('en-US')} bytes, limit 4,096]`);
  });

  it('leaves a reply within the limits as it came', async () => {
    const fake = await start({ chat: () => 'x'.repeat(60_000) });
    const { chat } = createChat(configFor(fake), { model: 'agent-model' });
    await expect(chat(HI)).resolves.toEqual({ content: 'x'.repeat(60_000) });
  });
});
