import type { ChatFn, ChatReply, ChatToolCall } from '../pipeline/rollout/model';
import { DEFAULT_REPLY_LIMITS, withoutCredentials } from '../config';
import { refusedBaseUrl } from './allowed-endpoints';
import { CUT_FIELD, cappedFetch, partialContent, type Cut } from './capped-fetch';
import { LlmError, openEndpoint, type LlmConfig } from './client';
import { capReply } from './reply-limits';

/** How one role (user simulator, agent) talks to its endpoint. */
export type ChatRole = {
  model: string;
  /** Empty: the studio's configured base URL. */
  baseUrl?: string;
  /** The default for calls that give none. */
  temperature?: number;
  /** Per attempt; a timed-out attempt is retried like a 5xx. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 408/409/429/5xx, connection errors and timeouts. */
  maxRetries?: number;
};

/** What is recorded about the endpoint with a trajectory: no key, no password. */
export type ChatInfo = { model: string; baseUrl: string; temperature: number | undefined };

const DEFAULTS = { timeoutMs: 60_000, maxRetries: 3 };
const PATH = '/chat/completions';

/**
 * A chat function for rollouts, bound to one role's model and endpoint. The configured API key is
 * sent only to the configured base URL: a policy pointing somewhere else gets no key.
 */
export function createChat(config: LlmConfig, role: ChatRole): { chat: ChatFn; info: ChatInfo } {
  const baseUrl = role.baseUrl || config.baseUrl;
  if (!baseUrl) throw new LlmError('no LLM endpoint: set STUDIO_LLM_BASE_URL or give the policy a base URL', '');
  // Also checked when a run is launched; a run stored before the allowlist changed is held to it here.
  const refused = role.baseUrl ? refusedBaseUrl(config, role.baseUrl, `the model "${role.model}"`) : null;
  if (refused) throw new LlmError(refused, withoutCredentials(role.baseUrl!));
  const apiKey = config.baseUrl && sameEndpoint(baseUrl, config.baseUrl) ? config.apiKey : undefined;
  const limits = config.limits ?? DEFAULT_REPLY_LIMITS;
  // JSON may spell a character in six bytes (\uXXXX); the rest of a completion is small beside its text.
  const readCap = limits.replyBytes * 6 + 64 * 1024;
  const { client, shownBase, fail } = openEndpoint(baseUrl, apiKey, {
    timeoutMs: role.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRetries: role.maxRetries ?? DEFAULTS.maxRetries,
    fetch: cappedFetch(readCap, salvageCompletion),
  });
  const url = `${shownBase}${PATH}`;

  const chat: ChatFn = async (messages, opts = {}) => {
    const temperature = opts.temperature ?? role.temperature;
    let message: { content?: string | null; tool_calls?: unknown } | undefined;
    let cut: Cut | undefined;
    try {
      const res = await client.chat.completions.create(
        {
          model: role.model,
          messages,
          ...(opts.tools?.length ? { tools: opts.tools, tool_choice: 'auto' as const } : {}),
          ...(temperature === undefined ? {} : { temperature }),
        },
        { signal: opts.signal },
      );
      message = res.choices?.[0]?.message;
      cut = (res as unknown as Record<string, Cut | undefined>)[CUT_FIELD];
    } catch (e) {
      throw fail(PATH, e, opts.signal);
    }
    if (!message) throw new LlmError(`${url} returned no message`, url);
    // As the server sent it: a malformed `arguments` string is the agent's mistake to record, not ours to fix.
    const reply: ChatReply = { content: message.content ?? null };
    if (message.tool_calls !== undefined && message.tool_calls !== null) reply.tool_calls = message.tool_calls as ChatToolCall[];
    return capReply(reply, limits, cut ? { bytes: cut.declaredBytes, readBytes: cut.readBytes } : {});
  };

  return { chat, info: { model: role.model, baseUrl: shownBase, temperature: role.temperature } };
}

/** A completion cut while it was read: what could be read of its text, and the cut. */
function salvageCompletion(prefix: string, cut: Cut) {
  return {
    id: 'chatcmpl-cut',
    object: 'chat.completion',
    created: 0,
    model: '',
    choices: [{ index: 0, message: { role: 'assistant', content: partialContent(prefix) }, finish_reason: 'length' }],
    [CUT_FIELD]: cut,
  };
}

/** Same origin and path, trailing slashes aside: the test for whether a URL may receive the configured key. */
function sameEndpoint(a: string, b: string): boolean {
  return endpointKey(a) === endpointKey(b);
}

function endpointKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.replace(/\/+$/, '');
  }
}
