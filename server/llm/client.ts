import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { withoutCredentials, type StudioConfig } from '../config';
import { CUT_FIELD, cappedFetch, type Cut } from './capped-fetch';

export type LlmConfig = StudioConfig['llm'];
export type LlmMessage = { role: 'system' | 'user' | 'assistant'; content: string };
export type EmbedOptions = { signal?: AbortSignal; onProgress?: (done: number, total: number) => void };
export type CompleteOptions = { signal?: AbortSignal; temperature?: number; json?: boolean };

export type Llm = {
  /** The endpoint's base URL with any password hidden, for logs and messages. */
  baseUrl: string;
  embed(texts: string[], opts?: EmbedOptions): Promise<number[][]>;
  complete(messages: LlmMessage[], opts?: CompleteOptions): Promise<string>;
};

/** `maxAnswerBytes`: the most read of one answer (a batch of embeddings, a completion); past it the call fails. */
export type LlmTuning = { maxRetries?: number; timeoutMs?: number; batchSize?: number; maxAnswerBytes?: number };

/** A failure of the LLM endpoint, worded for a person: which URL, which status, what the server said. */
export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

const DEFAULTS = { maxRetries: 2, timeoutMs: 60_000, batchSize: 256, maxAnswerBytes: 32 * 1024 * 1024 };

/** One client for any OpenAI-compatible endpoint; `null` means offline (no base URL configured). */
export function createLlm(config: LlmConfig, tuning: LlmTuning = {}): Llm | null {
  if (!config.baseUrl) return null;
  const { maxRetries, timeoutMs, batchSize, maxAnswerBytes } = { ...DEFAULTS, ...tuning };
  // An answer cut at the cap comes back as an empty one carrying the cut, which each call turns into its error (not retried).
  const fetch = cappedFetch(maxAnswerBytes, (_prefix, cut) => ({ choices: [], data: [], [CUT_FIELD]: cut }));
  const { client, shownBase, fail } = openEndpoint(config.baseUrl, config.apiKey, { maxRetries, timeoutMs, fetch });
  const tooLong = (path: string, res: unknown) => {
    const cut = (res as Record<string, Cut | undefined>)[CUT_FIELD];
    if (!cut) return;
    const said = cut.declaredBytes ? `${cut.declaredBytes.toLocaleString('en-US')} bytes` : `more than ${cut.readBytes.toLocaleString('en-US')} bytes`;
    throw new LlmError(
      `${shownBase}${path} answered ${said}; the studio reads at most ${maxAnswerBytes.toLocaleString('en-US')} bytes of one answer.`,
      `${shownBase}${path}`,
    );
  };

  return {
    baseUrl: shownBase,

    async embed(texts, opts = {}) {
      const model = config.embeddingsModel;
      if (!model) throw new LlmError('STUDIO_EMBEDDINGS_MODEL is not set: the embeddings endpoint needs a model name', `${shownBase}/embeddings`);
      const out: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        let data: Array<{ index: number; embedding: number[] }>;
        try {
          // Floats rather than the SDK's default base64: not every compatible server speaks base64.
          const res = await client.embeddings.create({ model, input: batch, encoding_format: 'float' }, { signal: opts.signal });
          data = res.data;
          tooLong('/embeddings', res);
        } catch (e) {
          if (e instanceof LlmError) throw e;
          throw fail('/embeddings', e, opts.signal);
        }
        if (data.length !== batch.length) {
          throw new LlmError(`${shownBase}/embeddings returned ${data.length} embeddings for ${batch.length} inputs`, `${shownBase}/embeddings`);
        }
        // The protocol promises `index`, not order.
        for (const item of [...data].sort((a, b) => a.index - b.index)) out.push(item.embedding);
        opts.onProgress?.(out.length, texts.length);
      }
      return out;
    },

    async complete(messages, opts = {}) {
      const model = config.model;
      if (!model) throw new LlmError('STUDIO_LLM_MODEL is not set: the chat endpoint needs a model name', `${shownBase}/chat/completions`);
      let content: string | null | undefined;
      try {
        const res = await client.chat.completions.create(
          {
            model,
            messages,
            ...(opts.temperature === undefined ? {} : { temperature: opts.temperature }),
            ...(opts.json ? { response_format: { type: 'json_object' as const } } : {}),
          },
          { signal: opts.signal },
        );
        tooLong('/chat/completions', res);
        content = res.choices[0]?.message?.content;
      } catch (e) {
        if (e instanceof LlmError) throw e;
        throw fail('/chat/completions', e, opts.signal);
      }
      if (typeof content !== 'string') throw new LlmError(`${shownBase}/chat/completions returned no message content`, `${shownBase}/chat/completions`);
      return content;
    },
  };
}

/**
 * One SDK client for one base URL, and how its failures are worded. Shared by the clients of
 * server/llm (createLlm here, createChat in chat.ts); not meant for use elsewhere.
 */
export type Endpoint = {
  client: OpenAI;
  /** The base URL without trailing slashes and with any password hidden. */
  shownBase: string;
  /** Turns what the SDK threw for `path` into an LlmError, or gives back the caller's own abort. */
  fail(path: string, e: unknown, signal?: AbortSignal): unknown;
};

export function openEndpoint(baseUrl: string, apiKey: string | undefined, opts: { maxRetries: number; timeoutMs: number; fetch?: typeof fetch }): Endpoint {
  const base = baseUrl.replace(/\/+$/, '');
  const shownBase = withoutCredentials(base).replace(/\/+$/, '');
  const client = new OpenAI({
    baseURL: base,
    // Local servers (llama.cpp, vLLM, Ollama) take no key, but the SDK insists on one.
    apiKey: apiKey || 'not-needed',
    // Stop the SDK from picking up OPENAI_* settings meant for something else on this machine.
    organization: null,
    project: null,
    adminAPIKey: null,
    // The SDK retries 408, 409, 429, 5xx, connection errors and timeouts with backoff, honouring retry-after(-ms).
    maxRetries: opts.maxRetries,
    timeout: opts.timeoutMs,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  // Secrets may come back inside a server's or fetch's message: the key, or a password in the URL.
  const hide = (s: string) => {
    let out = s.split(base).join(shownBase);
    if (apiKey) out = out.split(apiKey).join('***');
    return out;
  };
  return {
    client,
    shownBase,
    fail: (path, e, signal) => toLlmError(e, `${shownBase}${path}`, hide, opts.timeoutMs, signal),
  };
}

function toLlmError(e: unknown, url: string, hide: (s: string) => string, timeoutMs: number, signal?: AbortSignal): unknown {
  // A caller who cancelled wants its own abort back, not an endpoint failure.
  if (signal?.aborted) return signal.reason ?? e;
  if (e instanceof APIUserAbortError) return e;
  if (e instanceof APIConnectionTimeoutError) return new LlmError(`${url} did not answer within ${timeoutMs / 1000} s`, url);
  if (e instanceof APIConnectionError) {
    return new LlmError(hide(`${url} could not be reached: ${causes(e)}`), url);
  }
  if (e instanceof APIError) {
    return new LlmError(hide(`${url} answered HTTP ${e.status ?? '?'}: ${serverMessage(e)}`), url, e.status ?? null);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new LlmError(hide(`${url} failed: ${message}`), url);
}

/** The SDK says a bare "Connection error." and fetch a bare "fetch failed"; the innermost cause says why. */
function causes(e: Error): string {
  const chain: string[] = [];
  for (let c: unknown = e.cause; c instanceof Error && chain.length < 4; c = c.cause) chain.push(c.message);
  return chain.length ? chain.join(': ') : e.message;
}

/** The server's own words: OpenAI-style `{ error: { message } }`, else whatever the SDK made of the body. */
function serverMessage(e: APIError): string {
  const body = e.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string') return body.message;
  // The SDK prefixes its message with the status, which is already said.
  return e.message.replace(/^\d{3}\s*/, '') || '(no message)';
}
