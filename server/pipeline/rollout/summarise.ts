import { isToolVerb, nameNouns, pluralize } from '../environment/entities';
import { words } from '../kernel/words';

/**
 * What a tool answered, said to the user in a sentence or two, the way a support agent would
 * ("Your order #W1 is now cancelled.", "I found 3 orders: #W1, #W2 and #W3."), never the raw JSON
 * a model would learn to parrot. Generic: the entity comes from the tool's name or the result's id
 * field, the facts from a few short scalar fields, nothing from any one API.
 */

export type CallOutcome = {
  name: string;
  op: 'read' | 'write';
  arguments: Record<string, unknown> | null;
  ok: boolean;
  /** The tool's result (parsed), when ok. */
  result?: unknown;
  /** The refusal's message, when not ok. */
  error?: string;
};

/** Items named in a list before "and N more". */
const LISTED = 5;
/** Facts quoted from an object besides its id and status. */
const FACTS = 3;
/** Longest value quoted as it is; longer text is cut. */
const SHORT = 60;

/** Verbs that read badly to a user ("I'm going to get order details"). */
const PLAIN_VERBS: Record<string, string> = {
  get: 'look up',
  fetch: 'look up',
  retrieve: 'look up',
  read: 'look up',
  show: 'look up',
  view: 'look up',
  lookup: 'look up',
  query: 'look up',
  list: 'list',
  find: 'find',
  search: 'search for',
};

const STATUS_KEYS = ['status', 'state'];

/** Words of a name or key, for a sentence: `payment_method_id` → "payment method id". */
export const inWords = (name: string) => words(name).join(' ') || name;

/** What the tool does, as a verb phrase from its name (`cancel_pending_order` → "cancel pending order"). */
export function actionPhrase(tool: string): string {
  const ws = words(tool);
  const v = ws.findIndex(isToolVerb);
  if (v < 0) return `use ${ws.join(' ') || tool}`;
  return [PLAIN_VERBS[ws[v]!] ?? ws[v]!, ...ws.slice(v + 1)].join(' ');
}

/** A value as said in a sentence: text as it is (quoted when it has spaces), lists joined, objects by their fields. */
export function sayValue(v: unknown): string {
  if (typeof v === 'string') {
    // Text that is itself structured data is not read out: that is the log-file voice to avoid.
    if (/[{[]["{[]/.test(v)) return 'a structured text';
    return /\s/.test(v) ? `'${clip(v)}'` : clip(v);
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v === null || v === undefined) return 'none';
  if (Array.isArray(v)) return listing(v.map(sayValue));
  if (typeof v === 'object') return listing(Object.entries(v).map(([k, x]) => `${inWords(k)} ${sayValue(x)}`));
  return String(v);
}

/** "a", "a and b", "a, b and c". */
export function listing(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Each outcome in a sentence or two, joined. */
export function summariseOutcomes(outcomes: CallOutcome[]): string {
  return outcomes.map(summariseOutcome).join(' ');
}

/** One call's outcome in words. */
export function summariseOutcome(o: CallOutcome): string {
  if (!o.ok) return `I'm sorry, I couldn't ${actionPhrase(o.name)}: ${refusal(o.error)}.`;
  return summariseResult(o.name, o.op, o.result, o.arguments);
}

/** A result in words, by its shape: an object, a list, a scalar, or nothing. */
export function summariseResult(tool: string, op: 'read' | 'write', raw: unknown, args: Record<string, unknown> | null = null): string {
  const result = parsedText(raw);
  if (Array.isArray(result)) return summariseList(tool, op, result);
  if (result && typeof result === 'object') return summariseObject(tool, op, result as Record<string, unknown>, args);
  return summariseScalar(tool, op, result);
}

function summariseObject(tool: string, op: 'read' | 'write', obj: Record<string, unknown>, args: Record<string, unknown> | null): string {
  const id = idField(obj, tool);
  const entity = id ? entityOfKey(id[0], tool) : entityOfTool(tool);
  const named = id ? `${entity} ${sayValue(id[1])}` : `the ${entity}`;
  const statusKey = STATUS_KEYS.find((k) => isScalar(obj[k]) && obj[k] !== null && obj[k] !== '');
  const status = statusKey ? inWords(String(obj[statusKey])) : null;
  const facts = salientFacts(obj, [id?.[0], statusKey], args);
  const withFacts = facts.length ? `, with ${listing(facts)}` : '';
  if (op === 'write') {
    // What the user asked to change is what they want to hear back; the rest of the record is noise.
    const asked = facts.filter((_, i) => i < askedFacts(obj, [id?.[0], statusKey], args));
    if (status && (namesStatus(tool, status) || (args !== null && statusKey! in args)))
      return `Your ${named} is now ${status}${asked.length ? `, with ${listing(asked)}` : ''}.`;
    const changed = asked.length ? asked : facts;
    return changed.length ? `Done: your ${named} now has ${listing(changed)}.` : `Done: I've taken care of your ${named}.`;
  }
  // A record with little else to say is described by what it belongs to.
  const links = facts.length < FACTS ? relatedIds(obj, id?.[0]) : [];
  const linked = links.length ? `, linked to ${listing(links)}` : '';
  if (status) return `I found ${named}: it is ${status}${withFacts}${linked}.`;
  if (facts.length || links.length) return `I found ${named}${withFacts}${linked}.`;
  const size = Object.keys(obj).length;
  return size ? `I found ${named}, with ${size} detail${size === 1 ? '' : 's'} on file.` : `I found nothing for that ${entity}.`;
}

/**
 * Whether the write's name says it sets this status (`cancel_…` → cancelled, `block_…` → blocked):
 * only then is "now cancelled" news; an update of another field leaves the status as it was.
 */
function namesStatus(tool: string, status: string): boolean {
  const said = status.toLowerCase();
  return words(tool).some((w) => w.length >= 3 && said.startsWith(w.slice(0, Math.min(4, w.length))));
}

/** Other records this one points at ("client client_5"), at most two. */
function relatedIds(obj: Record<string, unknown>, own: string | undefined): string[] {
  return Object.entries(obj)
    .filter(([k, v]) => k !== own && isIdKey(k) && (typeof v === 'string' || typeof v === 'number') && v !== '' && words(k).length > 1)
    .slice(0, 2)
    .map(([k, v]) => `${entityOfKey(k, '')} ${sayValue(v)}`);
}

function summariseList(tool: string, op: 'read' | 'write', items: unknown[]): string {
  const first = items.find((x) => x && typeof x === 'object' && !Array.isArray(x)) as Record<string, unknown> | undefined;
  const idKey = first ? idField(first, tool)?.[0] : undefined;
  const noun = idKey ? entityOfKey(idKey, tool) : entityOfTool(tool);
  const many = items.length === 1 ? noun : pluralize(noun.replace(/ /g, '_')).replace(/_/g, ' ');
  const names = items.flatMap((x) => {
    if (isScalar(x)) return [sayValue(x)];
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      const key = idKey && isScalar(o[idKey]) ? idKey : (idField(o, tool)?.[0] ?? (isScalar(o.name) ? 'name' : isScalar(o.title) ? 'title' : undefined));
      return key ? [sayValue(o[key])] : [];
    }
    return [];
  });
  const shown = names.slice(0, LISTED);
  const rest = items.length - shown.length;
  const named = shown.length ? `: ${listing(rest > 0 ? [...shown, `${rest} more`] : shown)}` : '';
  if (items.length === 0) return op === 'write' ? `Done: there were no ${pluralize(noun)} to change.` : `I found no ${pluralize(noun)}.`;
  return op === 'write' ? `Done: that covers ${items.length} ${many}${named}.` : `I found ${items.length} ${many}${named}.`;
}

function summariseScalar(tool: string, op: 'read' | 'write', value: unknown): string {
  const subject = subjectOfTool(tool);
  if (value === null || value === undefined || value === '')
    return op === 'write' ? `Done: I've gone ahead and ${pastPhrase(tool)}.` : `I found no ${subject} for that.`;
  if (typeof value === 'boolean') {
    if (op === 'write')
      return value ? `Done: I've gone ahead and ${pastPhrase(tool)}.` : `I'm sorry, that didn't go through: the request to ${actionPhrase(tool)} was declined.`;
    return `The answer is ${value ? 'yes' : 'no'}.`;
  }
  const said = typeof value === 'string' ? sayValue(value) : String(value);
  return op === 'write' ? `Done: the ${subject} is now ${said}.` : `The ${subject} is ${said}.`;
}

/** A tool's result as JSON text parses to what it says; other text stays text. */
function parsedText(result: unknown): unknown {
  if (typeof result !== 'string') return result;
  const t = result.trim();
  if (!/^[[{]/.test(t)) return result;
  try {
    return JSON.parse(t);
  } catch {
    return result;
  }
}

/** The id field of a record: the tool's entity's `<entity>_id`, else `id`, else the first `…_id` with a scalar value. */
function idField(obj: Record<string, unknown>, tool: string): [string, unknown] | null {
  const head = nameNouns(tool).head;
  const keys = Object.keys(obj).filter((k) => isScalar(obj[k]) && obj[k] !== '' && isIdKey(k));
  const pick = (head && keys.find((k) => words(k).slice(0, -1).join('_') === head)) || keys.find((k) => /^id$/i.test(k)) || keys[0];
  return pick ? [pick, obj[pick]] : null;
}

const isIdKey = (k: string) => /(^|_)id$/i.test(k) || /[a-z]Id$/.test(k);

/** `order_id` → "order"; a bare `id` is the tool's entity. */
function entityOfKey(key: string, tool: string): string {
  const ws = words(key).slice(0, -1);
  return ws.length ? ws.join(' ') : entityOfTool(tool);
}

/** What a tool is about, as a noun ("order", "payment method"); "record" when its name says nothing. */
function entityOfTool(tool: string): string {
  const head = nameNouns(tool).head;
  return head ? head.replace(/_/g, ' ') : 'record';
}

/** What a scalar result is, from the name's words after the verb up to a preposition (`find_user_id_by_email` → "user id"). */
function subjectOfTool(tool: string): string {
  const ws = words(tool);
  const v = ws.findIndex(isToolVerb);
  const rest = v >= 0 ? ws.slice(v + 1) : ws;
  const stop = rest.findIndex((w) => ['by', 'for', 'from', 'with', 'of', 'in', 'on', 'to', 'at', 'via'].includes(w));
  const phrase = (stop >= 0 ? rest.slice(0, stop) : rest).join(' ');
  return phrase || 'result';
}

/** The name's verb phrase in the past (`delete_note` → "deleted note"), by rule, with a few irregular verbs. */
function pastPhrase(tool: string): string {
  const ws = words(tool);
  const v = ws.findIndex(isToolVerb);
  if (v < 0) return `used ${ws.join(' ') || tool}`;
  return [past(ws[v]!), ...ws.slice(v + 1)].join(' ');
}

function past(verb: string): string {
  const irregular: Record<string, string> = {
    send: 'sent',
    set: 'set',
    put: 'put',
    get: 'got',
    find: 'found',
    make: 'made',
    pay: 'paid',
    buy: 'bought',
    run: 'ran',
    reset: 'reset',
    give: 'gave',
    take: 'took',
    hold: 'held',
  };
  if (irregular[verb]) return irregular[verb]!;
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(verb)) return `${verb}${verb.at(-1)}ed`;
  return `${verb}ed`;
}

/**
 * Up to FACTS short scalar fields, "total 54.12": those the call's arguments named first (what the
 * user asked about), then the rest in order; never ids, the status, or long or empty values.
 */
function salientFacts(obj: Record<string, unknown>, skip: Array<string | undefined>, args: Record<string, unknown> | null): string[] {
  return factKeys(obj, skip, args)
    .slice(0, FACTS)
    .map((k) => `${inWords(k)} ${sayValue(obj[k])}`);
}

/** How many of the salient facts come from keys the call's arguments named. */
function askedFacts(obj: Record<string, unknown>, skip: Array<string | undefined>, args: Record<string, unknown> | null): number {
  return factKeys(obj, skip, args)
    .slice(0, FACTS)
    .filter((k) => args && k in args).length;
}

function factKeys(obj: Record<string, unknown>, skip: Array<string | undefined>, args: Record<string, unknown> | null): string[] {
  const keys = Object.keys(obj).filter((k) => {
    const v = obj[k];
    if (skip.includes(k) || isIdKey(k) || !isScalar(v) || v === '' || v === null) return false;
    return !(typeof v === 'string' && (v.length > SHORT || /[{}[\]\n]/.test(v)));
  });
  const named = keys.filter((k) => args && k in args);
  return [...named, ...keys.filter((k) => !named.includes(k))];
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A refusal as the user hears it: the tool's message without the "Error:" prefix, any JSON in it left out. */
function refusal(error: string | undefined): string {
  const text = (error ?? 'it did not go through')
    .replace(/^Error:\s*/, '')
    .split(/\s*[[{]["{[]/)[0]!
    .trim()
    .replace(/[.:;,]+$/, '');
  return clip(text || 'it did not go through', 160);
}

function clip(text: string, max = SHORT): string {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
}
