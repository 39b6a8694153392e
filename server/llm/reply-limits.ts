import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from '../config';
import type { ChatFn, ChatReply } from '../pipeline/rollout/model';
import { LlmError } from './client';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * Roughly what a BPE tokenizer makes of a text, without one: a run of up to four letters or digits
 * is a token, and so is every other non-space character. Close to real counts on English and code,
 * and it errs high on long words, which is the safe side for a cap.
 */
export function approxTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]{1,4}|[^\s\p{L}\p{N}]/gu)) count++;
  return count;
}

export const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** What a cut says about the whole reply, when more is known than what was kept (the endpoint's declared size). */
export type Known = { bytes?: number | null; readBytes?: number };

/**
 * A text held to `bytes` and `tokens`, cut at a character and followed by a mark that says how
 * long the reply was and what the limit is, so a reviewer sees that it was cut and why.
 */
export function capText(text: string, limit: { bytes: number; tokens: number }, known: Known = {}): { text: string; mark: string | null } {
  const bytes = utf8Bytes(text);
  const tokens = bytes > limit.bytes ? 0 : approxTokens(text);
  const overBytes = bytes > limit.bytes || known.bytes !== undefined;
  if (!overBytes && tokens <= limit.tokens) return { text, mark: null };
  const mark = overBytes
    ? known.bytes
      ? `… [truncated: reply was ${n(known.bytes)} bytes, limit ${n(limit.bytes)}]`
      : known.readBytes
        ? `… [truncated: reply was more than ${n(known.readBytes)} bytes, limit ${n(limit.bytes)}]`
        : `… [truncated: reply was ${n(bytes)} bytes, limit ${n(limit.bytes)}]`
    : `… [truncated: reply was about ${n(tokens)} tokens, limit ${n(limit.tokens)}]`;
  return { text: cutTo(text, limit) + mark, mark };
}

/** The longest prefix within both limits, never splitting a character. */
function cutTo(text: string, limit: { bytes: number; tokens: number }): string {
  let keep = Buffer.from(text, 'utf8')
    .subarray(0, limit.bytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  if (approxTokens(keep) > limit.tokens) {
    let tokens = 0;
    let end = 0;
    for (const m of keep.matchAll(/[\p{L}\p{N}]{1,4}|[^\s\p{L}\p{N}]/gu)) {
      if (++tokens > limit.tokens) break;
      end = m.index + m[0].length;
    }
    keep = keep.slice(0, end);
  }
  return keep;
}

/** One reply held to the per-message limits: its text, and each tool call's arguments (cut arguments are the model's malformed call). */
export function capReply(reply: ChatReply, limits: ReplyLimits, known: Known = {}): ChatReply {
  const limit = { bytes: limits.replyBytes, tokens: limits.replyTokens };
  const marks: string[] = [];
  const out: ChatReply = { content: reply.content };
  if (reply.content !== null || known.bytes !== undefined || known.readBytes !== undefined) {
    const capped = capText(reply.content ?? '', limit, known);
    out.content = capped.text;
    if (capped.mark) marks.push(capped.mark);
  }
  if (reply.tool_calls) {
    out.tool_calls = reply.tool_calls.map((call) => {
      const args = call?.function?.arguments;
      if (typeof args !== 'string') return call;
      const capped = capText(args, limit);
      if (!capped.mark) return call;
      marks.push(capped.mark);
      return { ...call, function: { ...call.function, arguments: capped.text } };
    });
  }
  if (marks.length) out.truncated = marks[0];
  return out;
}

/**
 * The replies of one trajectory, counted: each is held to what is left of the trajectory's budget
 * (cut with a mark when it passes), and once the budget is spent the next request is refused, so
 * an endpoint that babbles ends the rollout instead of growing its record and its prompts.
 */
export function replyBudget(limits: ReplyLimits = DEFAULT_REPLY_LIMITS) {
  let bytes = 0;
  let tokens = 0;
  let truncated = 0;
  let spent = false;
  const wrap =
    (chat: ChatFn): ChatFn =>
    async (messages, opts) => {
      if (spent) {
        throw new LlmError(
          `The LLM replies of this trajectory passed its limit of ${n(limits.trajectoryBytes)} bytes or about ${n(limits.trajectoryTokens)} tokens, so the rollout was stopped.`,
          '',
        );
      }
      let reply = await chat(messages, opts);
      const left = { replyBytes: Math.max(0, limits.trajectoryBytes - bytes), replyTokens: Math.max(0, limits.trajectoryTokens - tokens) };
      const text = (reply.content ?? '') + (reply.tool_calls ?? []).map((c) => c?.function?.arguments ?? '').join('');
      const size = utf8Bytes(text);
      const count = approxTokens(text);
      if (size > left.replyBytes || count > left.replyTokens) {
        const wasCut = reply.truncated;
        reply = capReply(reply, {
          ...limits,
          replyBytes: Math.min(limits.replyBytes, left.replyBytes),
          replyTokens: Math.min(limits.replyTokens, left.replyTokens),
        });
        reply.truncated ??= wasCut;
        spent = true;
      }
      bytes += size;
      tokens += count;
      if (reply.truncated) truncated++;
      return reply;
    };
  return { wrap, truncated: () => truncated };
}
