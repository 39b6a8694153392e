import { isToolVerb, pluralize, STATUS_ADJECTIVES } from '../environment/entities';
import { toolIntent } from '../environment/verbs';
import { singular } from '../graph/terms';
import { words } from '../kernel/words';
import { PERSON_WORDS } from './intent-facts';

/**
 * What a user wants from one call, in their words: "I'd like to cancel my pending order",
 * "Could you show me the flights". The verb and its kind come from the tool's name (verbs.ts);
 * the object from the name's words after the verb, with a determiner between them so the tool's
 * name never appears as written. A few phrasings per kind, picked by the caller's seeded draw.
 */

export type GoalCall = { name: string; op: 'read' | 'write' };
export type Goal = { text: string; /** Asks rather than states ("Could you …?"). */ question: boolean; person: boolean };

const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid']);
/** Words that count rather than name (`list_all_product_types`). */
const QUANTIFIERS = new Set(['all', 'every', 'each', 'any', 'some']);
/** Prepositions that introduce the lookup key ("by email"), which the facts say instead. */
const KEY_PREPOSITIONS = new Set(['by', 'with', 'using', 'via', 'from']);
const PREPOSITIONS = new Set([
  ...KEY_PREPOSITIONS,
  'for',
  'in',
  'of',
  'to',
  'on',
  'at',
  'into',
  'about',
  'per',
  'within',
  'between',
  'over',
  'under',
  'near',
  'and',
  'or',
]);
/** Things a person has rather than looks up in a catalogue: "my order", "the product". */
const OWNED = new Set(
  'order reservation booking account card subscription ticket appointment payment address profile cart wishlist membership policy claim loan transfer invoice bill trip session'.split(
    ' ',
  ),
);

/** Verbs that read badly to a user, and what they say instead. */
const SAY_VERB: Record<string, string> = {
  get: 'check',
  fetch: 'check',
  retrieve: 'check',
  read: 'check',
  lookup: 'look up',
  query: 'check',
  show: 'see',
  view: 'see',
  modify: 'change',
  edit: 'change',
  upsert: 'update',
  patch: 'update',
  insert: 'add',
  post: 'send',
  put: 'update',
  destroy: 'delete',
  erase: 'delete',
  purge: 'delete',
  drop: 'remove',
};

type Phrase = (verb: string, np: string) => [string, boolean];
const PHRASES: Record<string, Phrase[]> = {
  fetch: [
    (v, np) => [`I'd like to ${v} ${np}`, false],
    (_, np) => [`Could you look up ${np} for me`, true],
    (_, np) => [`I need to see ${np}`, false],
    (_, np) => [`Can you pull up ${np}`, true],
  ],
  list: [(_, np) => [`I'd like to see ${np}`, false], (_, np) => [`Could you show me ${np}`, true], (_, np) => [`Can you list ${np} for me`, true]],
  search: [(_, np) => [`I'm looking for ${np}`, false], (_, np) => [`Could you help me find ${np}`, true], (_, np) => [`I need to find ${np}`, false]],
  compute: [(v, np) => [`I'd like to ${v} ${np}`, false], (v, np) => [`Could you ${v} ${np} for me`, true], (v, np) => [`I need you to ${v} ${np}`, false]],
  create: [
    (v, np) => [`I'd like to ${v} ${np}`, false],
    (v, np) => [`I want to ${v} ${np}`, false],
    (v, np) => [`Could you ${v} ${np} for me`, true],
    (v, np) => [`I need to ${v} ${np}`, false],
  ],
  update: [
    (v, np) => [`I'd like to ${v} ${np}`, false],
    (_, np) => [`I need to update ${np}`, false],
    (_, np) => [`Could you change ${np} for me`, true],
    (v, np) => [`I want to ${v} ${np}`, false],
  ],
  delete: [(v, np) => [`I'd like to ${v} ${np}`, false], (_, np) => [`Please remove ${np}`, false], (v, np) => [`Could you ${v} ${np}`, true]],
  status: [
    (v, np) => [`I'd like to ${v} ${np}`, false],
    (v, np) => [`I need to ${v} ${np}`, false],
    (v, np) => [`Could you ${v} ${np} for me`, true],
    (v, np) => [`I want to ${v} ${np}`, false],
  ],
  write: [(v, np) => [`I'd like to ${v} ${np}`, false], (v, np) => [`Could you ${v} ${np} for me`, true], (v, np) => [`I need to ${v} ${np}`, false]],
};
/** A lookup of the user themself by what they know of themselves (email, name and zip). */
const FIND_ME: Array<[string, boolean]> = [
  ['Could you find my account', true],
  ["I'd like you to pull up my account", false],
  ['Can you look up my account', true],
];

/** The call's object in words, and the API its name starts with (ToolBench's `Giphy_Search` → "Giphy"). */
export function objectOf(call: GoalCall, description?: string): { nouns: string[]; api: string | null; verb: string | null; particle: string | null } {
  const ws = words(call.name);
  const v = ws.findIndex(isToolVerb);
  const after = v >= 0 ? ws.slice(v + 1) : ws;
  const nouns: string[] = [];
  // "respond to event": a preposition right after the verb belongs to it.
  const particle = v >= 0 && after.length > 1 && PREPOSITIONS.has(after[0]!) && !KEY_PREPOSITIONS.has(after[0]!) ? after[0]! : null;
  for (const w of particle ? after.slice(1) : after) {
    if (PREPOSITIONS.has(w)) break;
    if (!ID_WORDS.has(w) && !QUANTIFIERS.has(w)) nouns.push(w);
  }
  // Said only when the name writes it as a proper name (`Giphy_Search`); a lower-case prefix
  // (`shop_place_order`) is a namespace, and "a new order on Shop" is not how anyone speaks.
  let api =
    v > 0 && /^[A-Z]/.test(call.name)
      ? ws
          .slice(0, v)
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(' ')
      : null;
  // A name without a verb starts with its API's name (`Tiktok_v2_Feeds_by_secUid`): said from its
  // first word on, the nouns would be the name itself, or another tool's (`Tiktok_v2_Feeds`).
  if (v < 0 && nouns.length > 1 && nouns.every((n, i) => ws[i] === n)) nouns.shift();
  if (!nouns.length && description) nouns.push(...descriptionNouns(description));
  // Nothing to name ("think", `Giphy_Search` without a description): the goal stays vague, never empty.
  if (!nouns.length) nouns.push('something');
  if (api && nouns.join(' ') === api.toLowerCase()) api = null;
  return { nouns, api, verb: v >= 0 ? ws[v]! : null, particle };
}

/** Nouns from a description's first words after its verb ("Search GIFs by keyword" → gifs). */
function descriptionNouns(description: string): string[] {
  const ws = words(description.split(/[.\n]/)[0] ?? '').slice(0, 8);
  const v = ws.findIndex(isToolVerb);
  const out: string[] = [];
  for (const w of ws.slice(v + 1)) {
    if (PREPOSITIONS.has(w) || ['a', 'an', 'the', 'all', 'some', 'your'].includes(w)) {
      if (out.length) break;
      continue;
    }
    out.push(w);
    if (out.length >= 2) break;
  }
  return out;
}

/** The user's goal for a call; `pick` is the seeded draw in [0, 1) that chooses the phrasing. */
export function goalOf(call: GoalCall, opts: { pick: number; description?: string; identifiesMe?: boolean }): Goal {
  const intent = toolIntent(call);
  const { nouns, api, verb, particle } = objectOf(call, opts.description);
  const head = singular(nouns[nouns.length - 1] ?? '');
  const person = nouns.some((n) => PERSON_WORDS.has(singular(n)));
  if (call.op === 'read' && person && opts.identifiesMe) {
    const [text, question] = FIND_ME[Math.floor(opts.pick * FIND_ME.length)]!;
    return { text, question, person: true };
  }
  const kind = intent.kind;
  const plural = kind === 'list' || kind === 'search';
  // "my user address" is "my address": the user is the one speaking.
  if (nouns.length > 1 && PERSON_WORDS.has(singular(nouns[0]!)) && call.op === 'write') nouns.shift();
  let np = nouns.join(' ');
  if (plural && np !== 'something' && nouns.length && !STATUS_ADJECTIVES.has(head))
    np = [...nouns.slice(0, -1), pluralize(singular(nouns[nouns.length - 1]!))].join(' ');
  const owned = person || nouns.some((n) => OWNED.has(singular(n)) || OWNED.has(n)) || nouns.some((n) => STATUS_ADJECTIVES.has(n));
  const det = kind === 'create' ? 'a new' : call.op === 'write' || owned ? 'my' : 'the';
  let phrase = np === 'something' ? np : `${det} ${np}`;
  if (api) phrase += ` on ${api}`;
  const said = verb
    ? `${SAY_VERB[verb] ?? verb}${particle ? ` ${particle}` : ''}`
    : kind === 'create'
      ? 'create'
      : kind === 'delete'
        ? 'remove'
        : kind === 'update'
          ? 'update'
          : call.op === 'write'
            ? 'take care of'
            : 'check';
  const phrases = PHRASES[kind] ?? PHRASES.write!;
  const [text, question] = phrases[Math.floor(opts.pick * phrases.length)]!(said, phrase);
  return { text, question, person };
}
