import type { ChatMessage, ToolSpec } from '../rollout/model';
import { argumentsProblem, parseArguments } from '../kernel/arguments';
import type { FilterResult } from './model';

/**
 * The paper's first filter: is this a conversation worth training on at all? The turns are in
 * order (the user opens, user and assistant alternate, each tool call is answered once before the
 * assistant speaks again), every call is one the agent could have made correctly (a JSON object
 * of arguments fitting a known tool's schema), and the assistant does not loop.
 */

/**
 * When assistant text counts as degenerate:
 * - `identicalReplies` or more consecutive assistant replies with the same text (tool-call-only
 *   messages in between are skipped: an agent saying the same thing around its calls is looping);
 * - within one reply of at least `minTokens` words, fewer than `minDistinctRatio` of its word
 *   `ngram`s distinct. A loop of period p over L words has about p/L distinct n-grams, while prose
 *   and quoted records, whose values differ, stay well above a third.
 */
export const REPETITION = { identicalReplies: 3, ngram: 4, minTokens: 32, minDistinctRatio: 0.3 } as const;

export function checkValidity(messages: ChatMessage[], tools: ToolSpec[]): FilterResult {
  const problem = orderProblem(messages, tools) ?? repetitionProblem(messages);
  if (problem) return { pass: false, reason: problem };
  const calls = messages.reduce((n, m) => n + (m.role === 'assistant' ? (m.tool_calls?.length ?? 0) : 0), 0);
  return { pass: true, reason: `${messages.length} messages in order, ${calls} well-formed tool call${calls === 1 ? '' : 's'}` };
}

function orderProblem(messages: ChatMessage[], tools: ToolSpec[]): string | null {
  const byName = new Map(tools.map((t) => [t.function.name, t]));
  let i = 0;
  while (messages[i]?.role === 'system') i++;
  if (i === messages.length) return 'no user message';
  if (messages[i]!.role !== 'user') return `message ${i}: the conversation opens with ${describe(messages[i]!)}, not the user`;

  let expect: 'user' | 'assistant' = 'user';
  let pending = new Map<string, number>();
  let caller = -1;
  for (; i < messages.length; i++) {
    const m = messages[i]!;
    if (pending.size) {
      if (m.role !== 'tool') return `message ${i}: ${describe(m)} before every call of message ${caller} was answered (${[...pending.keys()].join(', ')})`;
      if (!pending.has(m.tool_call_id))
        return `message ${i}: a tool result for ${JSON.stringify(m.tool_call_id)}, which message ${caller} did not call or was already answered`;
      pending.delete(m.tool_call_id);
      continue;
    }
    if (m.role === 'system') return `message ${i}: a system message inside the conversation`;
    if (m.role === 'tool') return `message ${i}: a tool result that answers no call`;
    if (m.role !== expect) return `message ${i}: ${describe(m)} where the ${expect} should speak`;
    if (m.role === 'user') {
      if (typeof m.content !== 'string' || !m.content.trim()) return `message ${i}: an empty user message`;
      expect = 'assistant';
      continue;
    }
    const calls = m.tool_calls ?? [];
    if (!calls.length) {
      if (typeof m.content !== 'string' || !m.content.trim()) return `message ${i}: an assistant message with neither text nor tool calls`;
      expect = 'user';
      continue;
    }
    pending = new Map();
    caller = i;
    for (const call of calls) {
      const problem = callProblem(call, byName);
      const id = call?.id;
      const where = `message ${i}: call ${typeof call?.function?.name === 'string' ? call.function.name : '?'} (${String(id)})`;
      if (problem) return `${where}: ${problem}`;
      if (pending.has(id)) return `${where}: the id is used twice`;
      pending.set(id, i);
    }
    // Tool results are answered next; then the assistant speaks again.
  }
  if (pending.size) return `message ${caller}: calls never answered (${[...pending.keys()].join(', ')})`;
  return null;
}

function callProblem(call: unknown, byName: Map<string, ToolSpec>): string | null {
  const c = call as { id?: unknown; type?: unknown; function?: { name?: unknown; arguments?: unknown } } | null;
  if (!c || typeof c !== 'object') return 'not a tool call object';
  if (typeof c.id !== 'string' || !c.id) return 'no id';
  // A missing type is tolerated (some servers leave it out); another type is not a function call.
  if (c.type !== undefined && c.type !== 'function') return `type ${JSON.stringify(c.type)}, not "function"`;
  const name = c.function?.name;
  if (typeof name !== 'string' || !name) return 'no function name';
  const spec = byName.get(name);
  if (!spec) return 'not one of the tools offered';
  const raw = c.function?.arguments;
  const args = typeof raw === 'string' ? parseArguments(raw) : null;
  if (!args) return `arguments are not a JSON object: ${clip(typeof raw === 'string' ? raw : JSON.stringify(raw))}`;
  const invalid = argumentsProblem(spec.function.parameters, args);
  return invalid ? `arguments do not fit the schema: ${invalid}` : null;
}

function repetitionProblem(messages: ChatMessage[]): string | null {
  let run = { text: '', count: 0 };
  for (const [i, m] of messages.entries()) {
    if (m.role !== 'assistant' || typeof m.content !== 'string' || !m.content.trim()) continue;
    const text = m.content.trim();
    run = text === run.text ? { text, count: run.count + 1 } : { text, count: 1 };
    if (run.count >= REPETITION.identicalReplies) return `message ${i}: the assistant said the same thing ${run.count} times in a row`;
    const ratio = distinctNgramRatio(text);
    if (ratio !== null && ratio < REPETITION.minDistinctRatio) {
      return `message ${i}: the assistant repeats itself (${Math.round(ratio * 100)}% of its ${REPETITION.ngram}-word sequences distinct)`;
    }
  }
  return null;
}

/** Share of distinct word n-grams in a text, or null when it is too short to judge. */
export function distinctNgramRatio(text: string): number | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < REPETITION.minTokens) return null;
  const n = REPETITION.ngram;
  const grams = new Set<string>();
  const total = words.length - n + 1;
  for (let k = 0; k < total; k++) grams.add(words.slice(k, k + n).join(' '));
  return grams.size / total;
}

function describe(m: ChatMessage): string {
  if (m.role === 'assistant') return m.tool_calls?.length ? 'an assistant message with tool calls' : 'an assistant message';
  return `a ${m.role} message`;
}

const clip = (text: string | undefined) => (text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 60)}…` : text);
