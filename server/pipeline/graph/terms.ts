import { isVerb } from '../tools/op';
import { words } from '../kernel/words';

/**
 * Words that say nothing about what a tool is about: English glue, and the vocabulary every API
 * description shares ("the optional string parameter"). Kept small on purpose: idf already damps
 * what is merely common, this list removes what is common *and* meaningless.
 */
const STOP_WORDS = new Set(
  (
    'a an and any are as at be been but by can could do does for from has have how if in into is it its may must no not of on ' +
    'one or other should so such than that the their then there these this those to use used using was were what when where ' +
    'which while who will with would you your e g eg ie etc also only each per via all more most ' +
    'string value values optional required param params parameter parameters default field fields type number integer boolean ' +
    'object array null true false format example examples api endpoint request response result results return returns data ' +
    'specified specify given provided provide based default defaults set list info information detail details'
  ).split(/\s+/),
);

export const isStopWord = (w: string) => STOP_WORDS.has(w);

/** Words that make no sense once stemmed ("status" is not the plural of "statu"). */
const KEEP_S = /(ss|us|is|ics|news|series|species)$/;

/**
 * Plural → singular, lightly: enough that `orders` meets `order_id` and `categories` meets
 * `category`, without a dictionary. Wrong on some irregular words, which then simply stay apart.
 */
export function singular(w: string): string {
  if (w.length <= 3 || KEEP_S.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(xes|ches|shes|sses|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** The content words of any text or identifier, singular, without stop words, digits or single letters. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || /^\d+$/.test(w) || STOP_WORDS.has(w)) continue;
    out.push(singular(w));
  }
  return out;
}

/**
 * `order_id`, `orderId`, `item_ids`, `userUUID`: an identifier of the entity named before it. Not
 * `phone_number` or `api_key`: those are values, not references to a record.
 */
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'uuids']);

/**
 * The entity an id-like parameter points at (`new_item_ids` → `item`), or null when the name is
 * not id-like or is a bare `id` (whose entity is the tool's own, decided by the caller).
 */
export function idEntity(paramName: string): string | null {
  const ws = words(paramName);
  if (ws.length < 2 || !ID_WORDS.has(ws[ws.length - 1]!)) return null;
  const before = ws[ws.length - 2]!;
  return STOP_WORDS.has(before) || /^\d+$/.test(before) ? null : singular(before);
}

/** A bare identifier parameter (`id`, `ID`, `uuid`) that names no entity of its own. */
export const isBareId = (paramName: string) => {
  const ws = words(paramName);
  return ws.length === 1 && (ws[0] === 'id' || ws[0] === 'uuid');
};

/**
 * The nouns of a tool's name: the words after its first verb (`get_order_details` → order, detail;
 * ToolBench's `Shop_API_Get_Order` → order), or all content words but the verb when the verb is last
 * or there is none (`Flight_Fare_Search`). Later verbs are kept: they are as often nouns
 * ("place_order", "return_book").
 */
export function nameEntities(name: string): string[] {
  const ws = words(name);
  const verb = ws.findIndex(isVerb);
  const rest = verb >= 0 && verb < ws.length - 1 ? ws.slice(verb + 1) : ws.filter((_, i) => i !== verb);
  return rest.filter((w) => w.length >= 2 && !/^\d+$/.test(w) && !STOP_WORDS.has(w)).map(singular);
}
