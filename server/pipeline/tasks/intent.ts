import type { State } from '../kernel/state';
import { isToolVerb } from '../environment/entities';
import { seededRandom } from '../kernel/random';
import { words } from '../kernel/words';
import { callFacts, sayValue, spokenCode, type Fact } from './intent-facts';
import { goalOf } from './intent-goals';
import { intentProblems, sayProblems } from './intent-measure';
import type { GoldCall } from './model';
import { seedOf, writerInputs } from './writer-inputs';

export { sayValue };

/**
 * The user's side of a task: what they want, in their own words, in the first person, naming
 * every value they know (an order number, a reason, their email) and none they do not (the user
 * id a search will find). The template writer is offline and deterministic; the LLM writer is given
 * the same facts and checked for the same properties.
 */

/**
 * What a writer may know beyond the calls: tool descriptions by tool id, the task's initial state
 * (to say "the Water Bottle (blue)" for an item the user cannot name by id), and a seed for the
 * choice of phrasings (default: one drawn from the calls, so a task always reads the same).
 */
export type IntentContext = { descriptions?: Record<string, string>; state?: State; seed?: number };

/**
 * One turn of the user's request, as the scripted user plays it (the conversation protocol):
 * the goal to open with, and the facts to give when the agent asks.
 */
export type UserStep = {
  /** How many consecutive gold calls this step covers (>= 1); the steps' counts sum to the task's calls. */
  calls: number;
  /** The goal in the first person ("I'd like to cancel my pending order."), with or without the facts. */
  opening: string;
  /** The facts, for when the agent asks ("It's order #W2378156. The reason is 'no longer needed'."), or '' when the opening has them. */
  details: string;
};

export type ChatTurn = { role: 'system' | 'user' | 'assistant'; content: string };
export type Complete = (messages: ChatTurn[]) => Promise<string>;

type Call = Pick<GoldCall, 'toolId' | 'name' | 'op' | 'arguments'> & { derived?: string[]; result?: unknown };

/** Verbs that read badly to a user ("You want to get order details"). */
const PLAIN_VERBS: Record<string, string> = {
  get: 'look up',
  fetch: 'look up',
  retrieve: 'look up',
  read: 'look up',
  show: 'see',
  view: 'see',
  lookup: 'look up',
  query: 'look up',
};

const MAX_DESCRIPTION_WORDS = 14;

/**
 * What the tool is for, as a verb phrase (`get_order_details` → "look up order details"), and the
 * API it belongs to when its name starts with one (ToolBench's `Giphy_Get_GIF_by_ID` → "giphy").
 * For prompts and summaries addressed to a model; a user never says it.
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
  const sentence = description
    ?.trim()
    .split(/(?<=[.!?])\s|\n/)[0]
    ?.replace(/[.!?:;,]+$/, '')
    .trim();
  if (!sentence) return null;
  const ws = sentence.split(/\s+/);
  const first = ws[0]!.toLowerCase();
  if (!isToolVerb(first) || ws.length < 2) return null;
  return [PLAIN_VERBS[first] ?? first, ...ws.slice(1, MAX_DESCRIPTION_WORDS)].join(' ');
}

/** The arguments the user knows (not taken from an earlier result), in the call's order. */
export function knownArguments(call: Pick<Call, 'arguments' | 'derived'>): Array<[string, unknown]> {
  const derived = new Set(call.derived ?? []);
  return Object.entries(call.arguments).filter(([k, v]) => !derived.has(k) && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
}

// --- the template writer --------------------------------------------------------------------

/**
 * The calls a user asks for in one breath: everything up to and including a write (the lookups
 * before it are how the agent gets there), and after the last write, one step per read that
 * starts afresh (a read that uses an earlier result goes with the read it follows from).
 */
export function stepSizes(calls: Array<Pick<Call, 'op' | 'derived'>>): number[] {
  const sizes: number[] = [];
  let run = 0;
  let lastWrite = -1;
  calls.forEach((c, i) => {
    if (c.op === 'write') lastWrite = i;
  });
  calls.forEach((c, i) => {
    if (i > lastWrite && run > 0 && !c.derived?.length) {
      sizes.push(run);
      run = 0;
    }
    run++;
    if (c.op === 'write') {
      sizes.push(run);
      run = 0;
    }
  });
  if (run) sizes.push(run);
  return sizes;
}

const GREETINGS = ['Hi! ', 'Hello, ', '', 'Hi there. ', 'Hey, '];
const NEXT = ['Also, ', 'Next, ', 'One more thing: ', 'After that, ', 'And '];
/** Facts a user tells about themself, which make a read of a person "find my account". */
const SELF_WORDS = new Set(['email', 'zip', 'postcode', 'postal', 'phone', 'first', 'last', 'surname', 'username', 'name']);

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;
const lowerFirst = (s: string) => (/^I\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** The user's request, step by step (see UserStep). */
export function userSteps(calls: Call[], ctx: IntentContext = {}): UserStep[] {
  const random = seededRandom(ctx.seed ?? seedOf(calls));
  // Values the agent finds: never said, not even as part of a record's description.
  const exclude = new Set(calls.flatMap((c) => (c.derived ?? []).flatMap((k) => valueMentions(c.arguments[k]).map((m) => m.toLowerCase()))));
  const steps: UserStep[] = [];
  let at = 0;
  for (const size of stepSizes(calls)) {
    const group = calls.slice(at, at + size);
    // The write the lookups lead to, or the read the user starts from.
    const main = group.find((c) => c.op === 'write') ?? group[0]!;
    const known = knownArguments(main);
    const identifiesMe = main.op === 'read' && !main.derived?.length && known.length > 0 && known.every(([k]) => words(k).some((w) => SELF_WORDS.has(w)));
    const goal = goalOf(main, { pick: random(), description: ctx.descriptions?.[main.toolId], identifiesMe });
    const prefix = steps.length === 0 ? pick(GREETINGS, random()) : pick(NEXT, random());
    // After "Hi! " a new sentence starts; after "Hello, " or "Also, " the goal goes on the same one.
    const opening = `${prefix}${/[,:]\s$/.test(prefix) || prefix === 'And ' ? lowerFirst(goal.text) : goal.text}${goal.question ? '?' : '.'}`;
    const facts: Fact[] = [];
    for (const [j, c] of group.entries()) {
      const earlier = calls.slice(0, at + j);
      for (const f of callFacts(c, knownArguments(c), { state: ctx.state, earlier, exclude })) if (!facts.some((x) => x.key === f.key)) facts.push(f);
    }
    const details = facts.map((f) => f.sentence).join(' ');
    const fold = facts.length <= 3 && random() < 0.35;
    steps.push(fold && details ? { calls: size, opening: `${opening} ${details}`, details: '' } : { calls: size, opening, details });
    at += size;
  }
  return steps;
}

/** The whole request as one paragraph: each step's goal followed by its facts. */
export function templateIntent(calls: Call[], ctx: IntentContext = {}): string {
  return userSteps(calls, ctx)
    .map((s) => (s.details ? `${s.opening} ${s.details}` : s.opening))
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

/** Known values the text does not mention verbatim (case aside, a word code in words), as "param value". */
export function missingValues(text: string, calls: Call[]): string[] {
  const lower = text.toLowerCase();
  const missing: string[] = [];
  for (const call of calls) {
    for (const [param, value] of knownArguments(call)) {
      // A code made of words may be said in words ("charged twice" for `charged_twice`).
      for (const m of valueMentions(value))
        if (!lower.includes(m.toLowerCase()) && !lower.includes(spokenCode(m).toLowerCase())) missing.push(`${param} ${JSON.stringify(m)}`);
    }
  }
  return [...new Set(missing)];
}

const SYSTEM = [
  'You write what a customer says they want from a support agent who can call tools, as the customer, in the first person ("I\'d like to …").',
  'You are given the calls the agent should make, the data the values come from, and who the customer is.',
  'Describe the goal, not the tools: never name a function, never write a parameter name such as order_id or orderId, never say "call".',
  'Name every value marked KNOWN exactly as written (same spelling, digits and symbols), since the customer must be able to tell the agent.',
  'Never name values marked FROM EARLIER RESULT: the agent finds those; the customer may describe such a record by what the data says of it ("the blue one").',
  'Use real words only, no placeholder Latin. Answer with one short paragraph only.',
].join(' ');

/** The messages that ask for an intent: who the user is, the calls in order with each argument marked known or found, and the data. */
export function intentPrompt(calls: Call[], ctx: IntentContext = {}): ChatTurn[] {
  const inputs = writerInputs(calls, ctx);
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: `${inputs.persona}\n\nThe agent's calls, in order:\n${inputs.calls}${inputs.data ? `\n\nThe data these values come from:\n${inputs.data}` : ''}\n\nWrite what the customer says they want.`,
    },
  ];
}

/** What is wrong with an intent for these calls, in words: known values left out, tool or parameter names, placeholder Latin, values the user cannot know. */
export function intentFaults(text: string, calls: Call[]): string[] {
  if (!text) return ['the answer was empty'];
  const faults: string[] = [];
  const missing = missingValues(text, calls);
  if (missing.length) faults.push(`it leaves out known values: ${missing.join(', ')}`);
  const problems = intentProblems(text, calls);
  if (problems.length) faults.push(`it contains ${sayProblems(problems)}`);
  return faults;
}

/**
 * An intent from an LLM, checked like the template's: every known value verbatim, no tool or
 * parameter name, no placeholder Latin, no value the agent must find. One chance to fix a faulty
 * answer, then an Error naming what is still wrong.
 */
export async function llmIntent(calls: Call[], complete: Complete, ctx: IntentContext = {}): Promise<string> {
  if (calls.length === 0) throw new Error('llmIntent needs at least one call');
  const messages = intentPrompt(calls, ctx);
  let text = (await complete(messages)).trim();
  let faults = intentFaults(text, calls);
  if (faults.length) {
    const retry: ChatTurn[] = [
      ...messages,
      { role: 'assistant', content: text },
      {
        role: 'user',
        content: `Your answer is not usable: ${faults.join('; ')}. Write the paragraph again in the first person, naming each known value exactly as written, with no function or parameter names.`,
      },
    ];
    text = (await complete(retry)).trim();
    faults = intentFaults(text, calls);
  }
  if (faults.length) throw new Error(`the LLM intent is not usable: ${faults.join('; ')}`);
  return text;
}
