import { isToolVerb } from '../environment/entities';
import { words } from '../tools/op';
import type { GoldCall } from './model';

/**
 * The user's side of a task: what they want, in words, naming every value they know (an order
 * number, a reason) and none they do not (the user id a search will find). The template writer is
 * offline and deterministic; the LLM writer rephrases the same content and is checked against it.
 */

/** What a writer may know beyond the calls: tool descriptions by tool id. */
export type IntentContext = { descriptions?: Record<string, string> };

export type ChatTurn = { role: 'system' | 'user' | 'assistant'; content: string };
export type Complete = (messages: ChatTurn[]) => Promise<string>;

type Call = Pick<GoldCall, 'toolId' | 'name' | 'op' | 'arguments'> & { derived?: string[] };

/** Verbs that read badly to a user ("You want to get order details"). */
const PLAIN_VERBS: Record<string, string> = { get: 'look up', fetch: 'look up', retrieve: 'look up', read: 'look up', show: 'see', view: 'see', lookup: 'look up', query: 'look up' };

const MAX_DESCRIPTION_WORDS = 14;

/**
 * What the tool is for, as a verb phrase (`get_order_details` → "look up order details"), and the
 * API it belongs to when its name starts with one (ToolBench's `Giphy_Get_GIF_by_ID` → "giphy").
 */
export function purpose(call: Pick<Call, 'toolId' | 'name' | 'op'>, ctx: IntentContext = {}): { phrase: string; api: string | null } {
  const ws = words(call.name);
  const v = ws.findIndex(isToolVerb);
  if (v >= 0) {
    const phrase = [PLAIN_VERBS[ws[v]!] ?? ws[v]!, ...ws.slice(v + 1)].join(' ');
    return { phrase, api: v > 0 ? ws.slice(0, v).join(' ') : null };
  }
  const described = describedPurpose(ctx.descriptions?.[call.toolId]);
  if (described) return { phrase: described, api: null };
  return { phrase: `${call.op === 'read' ? 'look up' : 'use'} ${ws.join(' ') || call.name}`, api: null };
}

/** The description's first sentence when it starts with a verb ("Get the top players by rank"). */
function describedPurpose(description: string | undefined): string | null {
  const sentence = description?.trim().split(/(?<=[.!?])\s|\n/)[0]?.replace(/[.!?:;,]+$/, '').trim();
  if (!sentence) return null;
  const ws = sentence.split(/\s+/);
  const first = ws[0]!.toLowerCase();
  if (!isToolVerb(first) || ws.length < 2) return null;
  return [PLAIN_VERBS[first] ?? first, ...ws.slice(1, MAX_DESCRIPTION_WORDS)].join(' ');
}

/** The arguments the user knows (not taken from an earlier result), in the call's order. */
export function knownArguments(call: Call): Array<[string, unknown]> {
  const derived = new Set(call.derived ?? []);
  return Object.entries(call.arguments).filter(([k, v]) => !derived.has(k) && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
}

/** A value as a user would say it: text verbatim, quoted when it has spaces so its bounds are clear. */
export function sayValue(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) || v === '' ? `'${v}'` : v;
  if (Array.isArray(v)) return listing(v.map(sayValue));
  if (v && typeof v === 'object') return `(${Object.entries(v).map(([k, x]) => `${label(k)} ${sayValue(x)}`).join(', ')})`;
  return String(v);
}

const label = (param: string) => words(param).join(' ') || param;

function listing(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Each call as a clause: "look up order details with order id #W1, using the user id …". The API
 * is named where it changes, which tells apart similar tools of different APIs without repeating it.
 */
function clauses(calls: Call[], ctx: IntentContext, learned: string): string[] {
  let api: string | null = null;
  return calls.map((call) => {
    const p = purpose(call, ctx);
    const known = knownArguments(call).map(([k, v]) => `${label(k)} ${sayValue(v)}`);
    const derived = (call.derived ?? []).filter((k) => k in call.arguments).map(label);
    let text = p.phrase;
    if (p.api && p.api !== api) text += ` via ${p.api}`;
    api = p.api;
    if (known.length) text += ` with ${listing(known)}`;
    if (derived.length) text += `${known.length ? ',' : ''} using the ${listing(derived)} ${learned}`;
    return text;
  });
}

/**
 * One request per call, in the user's voice, for a simulator that reveals them one at a time: each
 * names what the tool does and every value the user knows.
 */
export function intentSteps(calls: Call[], ctx: IntentContext = {}): string[] {
  return clauses(calls, ctx, 'from your last answer').map((c, i) => `${i === 0 ? 'I want to' : 'Next, I want to'} ${c}.`);
}

/** The whole intent, one sentence per call: "You want to …. Then you want to …." */
export function templateIntent(calls: Call[], ctx: IntentContext = {}): string {
  return clauses(calls, ctx, 'found before')
    .map((c, i) => `${i === 0 ? 'You want to' : 'Then you want to'} ${c}.`)
    .join(' ');
}

// --- the LLM writer -------------------------------------------------------------------------

/** The text forms a value must appear in: each string and number inside it (booleans are said in words). */
export function valueMentions(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(valueMentions);
  if (v && typeof v === 'object') return Object.values(v).flatMap(valueMentions);
  return [];
}

/** Known values the text does not mention verbatim (case aside), as "param value". */
export function missingValues(text: string, calls: Call[]): string[] {
  const lower = text.toLowerCase();
  const missing: string[] = [];
  for (const call of calls) {
    for (const [param, value] of knownArguments(call)) {
      for (const m of valueMentions(value)) if (!lower.includes(m.toLowerCase())) missing.push(`${param} ${JSON.stringify(m)}`);
    }
  }
  return [...new Set(missing)];
}

const SYSTEM = [
  'You write the instructions for a simulated customer who will talk to a support agent that can call tools.',
  'Given the exact tool calls the agent should make, describe what the customer wants in the second person,',
  'as one short paragraph: start with "You want to", and for each later step use "Then you intend to" or similar.',
  'Describe goals, not tools: never name functions or say "call". Name every value marked KNOWN exactly as',
  'written (same spelling, digits and symbols), since the customer must be able to tell the agent. Do not name',
  'values marked FROM EARLIER RESULT: the agent finds those. Answer with the paragraph only.',
].join(' ');

/** The messages that ask for an intent: the calls in order, each argument marked known or found. */
export function intentPrompt(calls: Call[], ctx: IntentContext = {}): ChatTurn[] {
  const lines = calls.map((c, i) => {
    const derived = new Set(c.derived ?? []);
    const args = Object.entries(c.arguments).map(([k, v]) => `   - ${k} = ${JSON.stringify(v)} (${derived.has(k) ? 'FROM EARLIER RESULT' : 'KNOWN'})`);
    const description = ctx.descriptions?.[c.toolId]?.trim().split('\n')[0]?.slice(0, 300);
    return [`${i + 1}. ${c.name} (${c.op}; purpose: ${purpose(c, ctx).phrase})${description ? ` — ${description}` : ''}`, ...args].join('\n');
  });
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `The agent's calls, in order:\n${lines.join('\n')}\n\nWrite the customer's intent.` },
  ];
}

/**
 * An intent from an LLM, checked to name every known value verbatim; one chance to fix an answer
 * that leaves some out, then an Error naming what is still missing.
 */
export async function llmIntent(calls: Call[], complete: Complete, ctx: IntentContext = {}): Promise<string> {
  if (calls.length === 0) throw new Error('llmIntent needs at least one call');
  const messages = intentPrompt(calls, ctx);
  let text = (await complete(messages)).trim();
  let missing = text ? missingValues(text, calls) : ['everything (the answer was empty)'];
  if (missing.length) {
    const retry: ChatTurn[] = [
      ...messages,
      { role: 'assistant', content: text },
      { role: 'user', content: `Your answer leaves out these known values: ${missing.join(', ')}. Write the paragraph again, naming each of them exactly as written.` },
    ];
    text = (await complete(retry)).trim();
    missing = text ? missingValues(text, calls) : ['everything (the answer was empty)'];
  }
  if (missing.length) throw new Error(`the LLM intent leaves out known values: ${missing.join(', ')}`);
  return text;
}
