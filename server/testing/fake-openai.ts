import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible server on loopback for tests of LLM paths: they talk real HTTP to it
 * through the real client, so what is tested is what runs against a real endpoint.
 */

/**
 * A message as the client sent it. `content` is typed as a string for the common case; an assistant
 * message that made tool calls may carry null there.
 */
export type FakeChatMessage = {
  role: string;
  content: string;
  tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
};
/** An assistant answer with tool calls; `arguments` goes out exactly as given, malformed or not. */
export type FakeChatReply = { content?: string | null; tool_calls?: Array<{ id?: string; name: string; arguments: string }> };
/** A string is the answer's content. `body` is the whole request, e.g. to look at `tools`. */
export type FakeChatHandler = (messages: FakeChatMessage[], body: Record<string, unknown>) => string | FakeChatReply | Promise<string | FakeChatReply>;

export type FakeOpenAiOptions = {
  chat?: FakeChatHandler;
  models?: string[];
  /** Answers embeddings out of order, as some servers may, to prove the client sorts by `index`. */
  reverseEmbeddings?: boolean;
  /** A fixed delay before every answer, errors included. */
  latencyMs?: number;
  /** Answers without a Content-Length, in 64 KB chunks (as a streaming server does), instead of in one write. */
  chunked?: boolean;
};

export type FakeRequest = { method: string; path: string; body: unknown; authorization: string | null };

export type FakeOpenAi = {
  /** The base URL, ending in /v1, as STUDIO_LLM_BASE_URL would be set. */
  url: string;
  requests: FakeRequest[];
  /** The next `times` requests (all of them by default) fail with `status` and an OpenAI-style error body. */
  fail(status: number, opts?: { message?: string; times?: number }): void;
  /** The next `times` chat requests (1 by default) are recorded but never answered, so a client timeout fires. */
  stall(times?: number): void;
  /** Changes the delay before every answer from now on. */
  setLatency(ms: number): void;
  close(): Promise<void>;
};

export const FAKE_EMBEDDING_DIMENSIONS = 64;
export const DEFAULT_CHAT_ANSWER = '{"ok":true}';

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  let failure: { status: number; message: string; remaining: number } | null = null;
  let stalls = 0;
  let latencyMs = options.latencyMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void) => {
    if (latencyMs <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, latencyMs);
    timers.add(timer);
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      requests.push({ method: req.method ?? 'GET', path, body, authorization: req.headers.authorization ?? null });

      // Held until the client gives up or close() drops the connection.
      if (stalls > 0 && req.method === 'POST' && path === '/v1/chat/completions') {
        stalls--;
        return;
      }
      if (failure && failure.remaining > 0) {
        failure.remaining--;
        const { status, message } = failure;
        // A tiny retry-after keeps the client's retries real but fast.
        return later(() => sendError(res, status, message, { 'retry-after-ms': '1' }));
      }
      answer(req.method ?? 'GET', path, body, options)
        .then(({ status, json }) => later(() => send(res, status, json, {}, options.chunked)))
        .catch((e: unknown) => later(() => sendError(res, 500, `fake server handler failed: ${e instanceof Error ? e.message : String(e)}`)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    fail(status, opts = {}) {
      failure = { status, message: opts.message ?? `fake failure ${status}`, remaining: opts.times ?? Number.POSITIVE_INFINITY };
    },
    stall(times = 1) {
      stalls = times;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        // Keep-alive and stalled sockets from the client would otherwise hold close() open.
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

async function answer(method: string, path: string, body: unknown, options: FakeOpenAiOptions): Promise<{ status: number; json: unknown }> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (method === 'GET' && path === '/v1/models') {
    const ids = options.models ?? ['fake-chat', 'fake-embed'];
    return { status: 200, json: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) } };
  }
  if (method === 'POST' && path === '/v1/embeddings') {
    if (typeof b.model !== 'string' || !b.model) return errorJson(400, 'you must provide a model parameter');
    const inputs = typeof b.input === 'string' ? [b.input] : Array.isArray(b.input) ? b.input.map(String) : null;
    if (!inputs) return errorJson(400, 'input must be a string or an array of strings');
    const data = inputs.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: b.encoding_format === 'base64' ? toBase64(fakeEmbedding(text)) : fakeEmbedding(text),
    }));
    if (options.reverseEmbeddings) data.reverse();
    return { status: 200, json: { object: 'list', data, model: b.model, usage: { prompt_tokens: 0, total_tokens: 0 } } };
  }
  if (method === 'POST' && path === '/v1/chat/completions') {
    if (typeof b.model !== 'string' || !b.model) return errorJson(400, 'you must provide a model parameter');
    const messages = Array.isArray(b.messages) ? (b.messages as FakeChatMessage[]) : [];
    const reply = options.chat ? await options.chat(messages, b) : DEFAULT_CHAT_ANSWER;
    const { message, finishReason } = assistantMessage(reply);
    return {
      status: 200,
      json: {
        id: `chatcmpl-fake-${Date.now()}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: b.model,
        choices: [{ index: 0, message, finish_reason: finishReason }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      },
    };
  }
  return errorJson(404, `no route ${method} ${path}`);
}

let nextCallId = 1;

function assistantMessage(reply: string | FakeChatReply) {
  if (typeof reply === 'string') return { message: { role: 'assistant', content: reply }, finishReason: 'stop' };
  const calls = reply.tool_calls ?? [];
  const message: Record<string, unknown> = { role: 'assistant', content: reply.content ?? null };
  if (calls.length) {
    message.tool_calls = calls.map((c) => ({
      id: c.id ?? `call_fake_${nextCallId++}`,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  return { message, finishReason: calls.length ? 'tool_calls' : 'stop' };
}

/**
 * A hashed bag of words, normalised: texts sharing words point the same way, so tests can check
 * that similar texts come out closer than unrelated ones.
 */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)) {
    const h = fnv1a(word);
    // A hashed sign keeps colliding words from always adding up.
    v[h % FAKE_EMBEDDING_DIMENSIONS]! += h & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function toBase64(v: number[]): string {
  return Buffer.from(new Float32Array(v).buffer).toString('base64');
}

function errorJson(status: number, message: string) {
  return { status, json: { error: { message, type: 'invalid_request_error', param: null, code: null } } };
}

function sendError(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const type = status === 401 ? 'authentication_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  send(res, status, { error: { message, type, param: null, code: null } }, headers);
}

function send(res: http.ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}, chunked = false) {
  // The client may have given up (a timeout, an abort) while the answer was delayed.
  if (res.destroyed || res.writableEnded || res.socket?.destroyed) return;
  const text = JSON.stringify(json);
  if (chunked) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    const body = Buffer.from(text);
    let at = 0;
    // Written as the client reads, so a client that stops reading stops the writing too.
    const more = () => {
      while (at < body.length && !res.destroyed) {
        const ok = res.write(body.subarray(at, (at += 64 * 1024)));
        if (!ok) return void res.once('drain', more);
      }
      if (!res.destroyed) res.end();
    };
    res.on('close', () => (at = body.length));
    return more();
  }
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
