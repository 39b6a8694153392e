import { isStopWord, singular } from '../graph/terms';
import { isVerb } from '../tools/op';
import { words } from '../kernel/words';

/**
 * Entity words from identifiers: which record a parameter points at (`order_id` → order), which
 * nouns a tool's name is about (`get_user_orders` → user, order), and the table an entity lives in.
 * Pure word games, shared by schema inference, code generation and argument sampling so that the
 * three always agree on what `order_id` means.
 */

/** Verbs beyond op.ts's list that change a record's status (`ship_order`, `activate_user`). */
const EXTRA_VERBS = new Set(
  'activate deactivate deliver ship refund confirm decline complete finish suspend block unblock pause resume unarchive unpublish expire destroy drop erase'.split(
    ' ',
  ),
);
export const isToolVerb = (w: string) => isVerb(w) || EXTRA_VERBS.has(w);

const ID_WORDS = new Set(['id', 'ids', 'uuid', 'uuids', 'guid', 'guids']);

/** Words before `_id` that qualify rather than name the entity: `new_item_ids` points at items. */
const MODIFIERS = new Set('new old current target source original primary secondary selected default my other updated previous'.split(' '));

/**
 * Nouns too generic to be an entity on their own: `payment_method_id` is a payment method, not a
 * "method"; `product_type` stays compound when it is the head of a name.
 */
const GENERIC_HEADS = new Set('method type kind group line option setting mode version address profile record entry'.split(' '));

/** Name words that never name an entity: statistics and views of one, not a record. */
const NON_ENTITY = new Set(
  (
    'stat statistic analytic summary overview count total number result top latest recent random available specific single ' +
    'multiple endpoint test testing v by new full current me self'
  ).split(' '),
);

/** Status adjectives a tool name can carry (`close_open_invoice`): a precondition, not an entity. */
export const STATUS_ADJECTIVES = new Set(
  'pending delivered active inactive open closed draft shipped processed confirmed approved completed paused suspended locked published archived enabled disabled cancelled expired'.split(
    ' ',
  ),
);

const PREPOSITIONS = new Set(
  'by for from with in of to on at via using into and or since until before after about per within between over under near'.split(' '),
);

/** Single words that end in "id" and are not ids. */
const NOT_IDS = new Set(
  'valid invalid paid android rapid liquid humid fluid hybrid pyramid squid avoid void solid acid vivid lucid candid stupid splendid'.split(' '),
);

const CURSOR_WORDS = new Set('max min since until next prev previous cursor'.split(' '));

/** Lookup keys that identify a record without being its id (`user_email` finds a user). */
const LOOKUP_WORDS = new Set(['email', 'username', 'handle', 'slug']);

export type IdParam = {
  /** The entity pointed at (`payment_method`), or null for a bare `id` (the tool's own entity). */
  entity: string | null;
  /** An array of ids (`item_ids`). */
  many: boolean;
  /** Set for lookup keys (`user_email` → `email`): a column of the entity, not its primary key. */
  lookup?: string;
};

const isContent = (w: string) => w.length >= 2 && /^[a-z][a-z]*$/.test(w) && !isStopWord(w);

/** Entity words → snake_case entity: drops modifiers, keeps a generic head's qualifier. */
function entityOf(before: string[]): string | null {
  const ws = before.filter((w) => !MODIFIERS.has(w));
  const last = ws[ws.length - 1];
  if (!last || !isContent(last)) return null;
  const head = singular(last);
  const prev = ws[ws.length - 2];
  return GENERIC_HEADS.has(head) && prev && isContent(prev) ? `${singular(prev)}_${head}` : head;
}

/**
 * What an id-like parameter points at: `order_id`, `orderId`, `item_ids`, `user_email`, or a
 * lower-case `jobid` when its description says it is an id or the domain knows a `job`.
 */
export function idParam(name: string, description = '', vocabulary?: Set<string>): IdParam | null {
  const ws = words(name);
  const last = ws[ws.length - 1];
  if (!last) return null;
  if (ID_WORDS.has(last)) {
    // `max_id`, `since_id`: cursors into a listing, not references to a record.
    if (ws.length >= 2 && CURSOR_WORDS.has(ws[ws.length - 2]!)) return null;
    const many = last.endsWith('s');
    if (ws.length === 1) return { entity: null, many };
    const entity = entityOf(ws.slice(0, -1));
    return entity ? { entity, many } : { entity: null, many };
  }
  if (LOOKUP_WORDS.has(last) && ws.length >= 2) {
    const entity = entityOf(ws.slice(0, -1));
    return entity ? { entity, many: false, lookup: last } : null;
  }
  // `jobid`, `projectid`: one lower-case word; only with evidence, since "valid" ends in "id" too.
  const glued = ws.length === 1 ? gluedId(last) : null;
  if (glued) {
    const said = words(description).some((w) => ID_WORDS.has(w) || w === 'identifier');
    if (said || vocabulary?.has(glued.entity)) return glued;
  }
  return null;
}

/** A lower-case word that may be an entity and "id" glued together (`jobid` → job), not "valid". */
export function gluedId(word: string): { entity: string; many: boolean } | null {
  const m = /^([a-z]{3,}?)(ids?|uuids?)$/.exec(word);
  return m && !NOT_IDS.has(word) ? { entity: singular(m[1]!), many: m[2]!.endsWith('s') } : null;
}

export type NameNouns = {
  /** Entity nouns of the name in order, singular; compounds (`payment_method`) where a generic head follows. */
  nouns: string[];
  /** The head noun of the first noun phrase: what the name is about (`human_agents` → agent). */
  head: string | null;
  /** The head was plural in the name (`get_user_orders`): a list of those. */
  headPlural: boolean;
  /** Status adjectives in the name (`pending`). */
  statuses: string[];
  /** The first verb of the name, if any. */
  verb: string | null;
};

/**
 * The nouns of a tool name. Words after its first verb (or all words when there is none, as in
 * ToolBench's `Trackmania_Top_Players_by_Matchmaking`), split at prepositions: the first phrase
 * is what the tool is about, and its last noun is the head (English compounds end in their head).
 */
export function nameNouns(toolName: string): NameNouns {
  const ws = words(toolName);
  const v = ws.findIndex(isToolVerb);
  const rest = v >= 0 && v < ws.length - 1 ? ws.slice(v + 1) : ws.filter((_, i) => i !== v);
  const statuses = ws.filter((w) => STATUS_ADJECTIVES.has(w));
  const phrases: Array<Array<{ w: string; plural: boolean }>> = [[]];
  for (const w of rest) {
    if (PREPOSITIONS.has(w)) {
      if (phrases[phrases.length - 1]!.length) phrases.push([]);
      continue;
    }
    // Later verbs stay: they are as often nouns (`place_order`, `return_book`).
    if (!isContent(w) || ID_WORDS.has(w) || STATUS_ADJECTIVES.has(w)) continue;
    const s = singular(w);
    if (NON_ENTITY.has(s) || isStopWord(s)) continue;
    phrases[phrases.length - 1]!.push({ w: s, plural: s !== w });
  }
  const nouns: string[] = [];
  for (const phrase of phrases) {
    phrase.forEach(({ w }, i) => {
      const prev = phrase[i - 1];
      // `payment_methods` → payment_method; the qualifier stays a noun of its own too.
      if (GENERIC_HEADS.has(w) && prev) nouns.push(`${prev.w}_${w}`);
      else nouns.push(w);
    });
  }
  const first = phrases.find((p) => p.length) ?? [];
  const last = first[first.length - 1];
  const beforeLast = first[first.length - 2];
  const head = last ? (GENERIC_HEADS.has(last.w) && beforeLast ? `${beforeLast.w}_${last.w}` : last.w) : null;
  return { nouns, head, headPlural: !!last?.plural, statuses, verb: v >= 0 ? ws[v]! : null };
}

/** Whether the name's nouns mention an entity, compound ones included. */
export const mentions = (n: NameNouns, entity: string) => `_${n.nouns.join('_')}_`.includes(`_${entity}_`);

/** Nouns that are already plural or have none: `news`, `statistics`, `media`, `data`. */
const NO_PLURAL = /(ics|news|series|species|info|data|media|metadata|feedback|information|software|hardware|equipment|music|weather|money|sheep|fish)$/;

/** `order` → `orders`, `category` → `categories`, `payment_method` → `payment_methods`, `news` → `news`. */
export function pluralize(entity: string): string {
  if (NO_PLURAL.test(entity)) return entity;
  if (/[^aeiou]y$/.test(entity)) return `${entity.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(entity)) return `${entity}es`;
  return `${entity}s`;
}

/** The table of an entity: plural, lower snake_case, at most 63 characters, starting with a letter. */
export function tableName(entity: string): string {
  const clean = entity
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '');
  return pluralize(clean || 'item').slice(0, 63);
}

/** The entity of a table, for messages (`payment_methods` → "payment method"). */
export function entityLabel(table: string): string {
  const parts = table.split('_').filter(Boolean);
  parts[parts.length - 1] = singular(parts[parts.length - 1] ?? 'item');
  return parts.join(' ');
}
