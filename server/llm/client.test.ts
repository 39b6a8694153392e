import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai';
import { createLlm, LlmError, type LlmConfig } from './client';

const KEY = 'sk-test-secret-4242';
let fake: FakeOpenAi | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function configFor(f: FakeOpenAi, extra: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl: f.url, apiKey: KEY, model: 'fake-chat', embeddingsModel: 'fake-embed', ...extra };
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(na * nb);
}

describe('createLlm', () => {
  it('is null when no base URL is configured, so callers take the offline path', () => {
    expect(createLlm({})).toBeNull();
    expect(createLlm({ model: 'm', embeddingsModel: 'e' })).toBeNull();
  });
});

describe('embed', () => {
  it('batches inputs and returns one vector per text, in input order', async () => {
    fake = await startFakeOpenAi({ reverseEmbeddings: true });
    const llm = createLlm(configFor(fake))!;
    const texts = Array.from({ length: 300 }, (_, i) => `text number ${i} about item${i}`);
    texts[0] = 'cancel a pending order';
    texts[1] = 'cancel the pending order now';
    texts[299] = 'weather forecast for a city';
    const progress: Array<[number, number]> = [];

    const vectors = await llm.embed(texts, { onProgress: (done, total) => progress.push([done, total]) });

    const calls = fake.requests.filter((r) => r.path === '/v1/embeddings');
    expect(calls).toHaveLength(2);
    expect(calls.map((r) => (r.body as { input: string[] }).input.length)).toEqual([256, 44]);
    expect(calls[0]!.body).toMatchObject({ model: 'fake-embed' });
    expect(calls[0]!.authorization).toBe(`Bearer ${KEY}`);
    expect(progress).toEqual([
      [256, 300],
      [300, 300],
    ]);
    expect(vectors).toHaveLength(300);
    // Each vector belongs to its own text: the same text embedded alone gives the same vector.
    const [again299, again0] = await llm.embed([texts[299]!, texts[0]!]);
    expect(vectors[299]).toEqual(again299);
    expect(vectors[0]).toEqual(again0);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(cosine(vectors[0]!, vectors[299]!) + 0.3);
  });

  it('sends a placeholder key when none is configured, as local servers expect none', async () => {
    fake = await startFakeOpenAi();
    const llm = createLlm(configFor(fake, { apiKey: undefined }))!;
    await llm.embed(['hello']);
    expect(fake.requests[0]!.authorization).toBe('Bearer not-needed');
  });

  it('says clearly that the embeddings model is missing, without calling the endpoint', async () => {
    fake = await startFakeOpenAi();
    const llm = createLlm(configFor(fake, { embeddingsModel: undefined }))!;
    await expect(llm.embed(['hello'])).rejects.toThrow(/STUDIO_EMBEDDINGS_MODEL is not set/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('complete', () => {
  it("returns the model's answer and sends the configured model and options", async () => {
    fake = await startFakeOpenAi({ chat: (messages) => `echo: ${messages.at(-1)?.content}` });
    const llm = createLlm(configFor(fake))!;
    const answer = await llm.complete(
      [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi there' },
      ],
      { temperature: 0, json: true },
    );
    expect(answer).toBe('echo: hi there');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: {
        model: 'fake-chat',
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [{ role: 'system' }, { role: 'user', content: 'hi there' }],
      },
    });
  });

  it('stops reading an answer past maxAnswerBytes and fails without retrying', async () => {
    fake = await startFakeOpenAi({ chat: () => 'v'.repeat(2_000_000), chunked: true });
    const llm = createLlm(configFor(fake), { maxAnswerBytes: 100_000 })!;
    await expect(llm.complete([{ role: 'user', content: 'hi' }])).rejects.toThrow(
      `${fake.url}/chat/completions answered more than 100,000 bytes; the studio reads at most 100,000 bytes of one answer.`,
    );
    expect(fake.requests).toHaveLength(1);
    await expect(llm.embed(['a', 'b'])).resolves.toHaveLength(2);
    await expect(createLlm(configFor(fake), { maxAnswerBytes: 1000 })!.embed(Array.from({ length: 50 }, (_, i) => `text ${i}`))).rejects.toThrow(
      /\/embeddings answered more than 1,000 bytes/,
    );
  });

  it('says clearly that the chat model is missing', async () => {
    fake = await startFakeOpenAi();
    const llm = createLlm(configFor(fake, { model: undefined }))!;
    await expect(llm.complete([{ role: 'user', content: 'hi' }])).rejects.toThrow(/STUDIO_LLM_MODEL is not set/);
    expect(fake.requests).toHaveLength(0);
  });

  it('retries a passing server failure and then succeeds', async () => {
    fake = await startFakeOpenAi();
    fake.fail(503, { times: 1 });
    const llm = createLlm(configFor(fake))!;
    await expect(llm.complete([{ role: 'user', content: 'hi' }])).resolves.toBe('{"ok":true}');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('endpoint errors', () => {
  it('turn a 500 into an LlmError naming the URL, status and message, after the retries', async () => {
    fake = await startFakeOpenAi();
    fake.fail(500, { message: 'the model is overloaded' });
    const llm = createLlm(configFor(fake))!;
    const error = await llm.embed(['hello']).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlmError);
    const e = error as LlmError;
    expect(e.message).toBe(`${fake.url}/embeddings answered HTTP 500: the model is overloaded`);
    expect(e.status).toBe(500);
    expect(e.url).toBe(`${fake.url}/embeddings`);
    // The first try and two retries.
    expect(fake.requests).toHaveLength(3);
  });

  it('turn a 401 into an LlmError at once, with the API key hidden even if the server echoes it', async () => {
    fake = await startFakeOpenAi();
    fake.fail(401, { message: `Incorrect API key provided: ${KEY}` });
    const llm = createLlm(configFor(fake))!;
    const error = await llm.complete([{ role: 'user', content: 'hi' }]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlmError);
    const e = error as LlmError;
    expect(e.message).toContain(`${fake.url}/chat/completions`);
    expect(e.message).toContain('HTTP 401');
    expect(e.message).toContain('Incorrect API key provided');
    expect(e.message).not.toContain(KEY);
    expect(String(e.stack)).not.toContain(KEY);
    expect(fake.requests).toHaveLength(1);
  });

  it('name the URL when nothing listens there', async () => {
    fake = await startFakeOpenAi();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const llm = createLlm({ baseUrl: url, embeddingsModel: 'fake-embed' }, { maxRetries: 0 })!;
    const error = await llm.embed(['hello']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).toMatch(new RegExp(`^${url.replace(/[.]/g, '\\.')}/embeddings could not be reached`));
  });

  it('hide a password written into the base URL', async () => {
    fake = await startFakeOpenAi();
    const llm = createLlm({ baseUrl: fake.url.replace('http://', 'http://me:hunter2@'), embeddingsModel: 'fake-embed' }, { maxRetries: 0 })!;
    const error = await llm.embed(['hello']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).toContain(fake.url);
    expect((error as LlmError).message).not.toContain('me:');
    expect((error as LlmError).message).not.toContain('hunter2');
  });

  it('give the caller its own abort back when it cancels', async () => {
    fake = await startFakeOpenAi({ chat: () => new Promise((resolve) => setTimeout(() => resolve('late'), 5_000)) });
    const llm = createLlm(configFor(fake))!;
    const controller = new AbortController();
    const pending = llm.complete([{ role: 'user', content: 'hi' }], { signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('stopped by the user')), 50);
    const error = await pending;
    expect(error).not.toBeInstanceOf(LlmError);
    expect((error as Error).message).toBe('stopped by the user');
  });
});
