import { words } from '../kernel/words';
import { tableEntity } from './columns';
import { idParam, nameNouns } from './entities';
import { singular } from '../graph/terms';

type Schema = Record<string, unknown>;

/**
 * Which part of a tool's response schema is a row of the entity the tool acts on, so its
 * properties can be the table's columns. APIs answer with the record itself (`GET /guilds/{id}`),
 * a list of records, or a wrapper (`{data: {...}}`, `{data: [...], meta}`, `{guild: {...}}`);
 * and a tool acting on an entity often returns something else (a guild's channels, a page of
 * threads with their members), whose fields are not the entity's.
 */

/** Keys that wrap the payload of a response rather than being a field of it. */
const WRAPPERS = new Set([
  'data',
  'result',
  'results',
  'item',
  'items',
  'record',
  'records',
  'value',
  'values',
  'payload',
  'response',
  'entry',
  'entries',
  'object',
  'objects',
  'content',
  'body',
]);

const isRecord = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (s: unknown) => (isRecord(s) && typeof s.description === 'string' ? s.description : '');

/** An object schema with properties, or the items of an array of them; `list` says which. */
function objectOf(schema: unknown): { object: Schema & { properties: Record<string, unknown> }; list: boolean } | null {
  if (!isRecord(schema)) return null;
  if (schema.type === 'array' || isRecord(schema.items)) {
    const items = schema.items;
    return isRecord(items) && isRecord(items.properties) ? { object: items as Schema & { properties: Record<string, unknown> }, list: true } : null;
  }
  return isRecord(schema.properties) ? { object: schema as Schema & { properties: Record<string, unknown> }, list: false } : null;
}

/**
 * Whether an object is a row of `entity`: it has its own key (a bare `id`, or the table's key) and
 * is not a child of the entity (an `id` beside a `<entity>_id` is a child record pointing at it).
 * Null when it carries no key at all and so says nothing either way.
 */
function isRow(object: Schema & { properties: Record<string, unknown> }, entity: string, primaryKey: string): boolean | null {
  const { bare, own } = keysOf(object, entity, primaryKey);
  if (bare && own) return false;
  return bare || own ? true : null;
}

/**
 * Whether an object has a bare `id`, whether it has the entity's own key (the table's key, or
 * exactly `<entity>_id`: `source_guild_id` is a reference, not the key), and whose other ids it has.
 */
function keysOf(object: Schema & { properties: Record<string, unknown> }, entity: string, primaryKey: string) {
  let bare = false;
  let own = false;
  const others = new Set<string>();
  for (const [name, schema] of Object.entries(object.properties)) {
    if (name === primaryKey && primaryKey !== 'id') own = true;
    const id = idParam(name, describe(schema));
    if (!id || id.lookup || id.many) continue;
    if (id.entity === null) bare = true;
    else if (id.entity === entity && words(name).join('_') === `${entity}_id`) own = true;
    else others.add(id.entity);
  }
  return { bare, own, others };
}

/** What a tool's name is about, singular (`list_guild_emojis` → emoji). */
function nameHead(toolName: string): string | null {
  const head = nameNouns(toolName).head;
  return head ? singular(head) : null;
}

/**
 * Whether a tool's name is about the entity (`get_guild`, `list_my_guilds`, `modify_user_address`
 * for users), not about something of it (`get_guild_emoji`): a response names its ids `id`
 * whatever it is, so only the name tells a guild from the guild's emoji.
 */
function isAbout(head: string | null, entity: string): boolean {
  return !head || head === entity || head.startsWith(`${entity}_`) || entity.endsWith(`_${head}`);
}

/** A property named after the entity (`guild`, `guilds`, `paymentMethods` for payment_method). */
const namesEntity = (name: string, entity: string) => tableEntity(words(name).join('_')) === entity;

/**
 * The properties of the object in `returns` that is a row of `entity`, or none. A tool named after
 * something else (`get_guild_emoji`, acting on guilds) gives them only when its response is keyed
 * by the entity's own key. A response that
 * is itself such a row, or a list of them, gives its properties; otherwise a wrapper property
 * named after the entity, or a generic one (`data`) holding a row, does. A bare object with no key
 * anywhere (`{status: "received", reference}`) is taken as the entity's own answer, unless it
 * holds lists of records, which makes it a page of something else.
 */
export function returnedRow(toolName: string, returns: unknown, entity: string, primaryKey: string): Record<string, unknown> {
  const top = objectOf(returns);
  if (!top) return {};
  const head = nameHead(toolName);
  if (!isAbout(head, entity)) {
    // Named after something else, it still answers with the entity's row when the row is keyed by
    // the entity's own key, with no id of its own nor of the thing the name is about (a sound's `sound_id`).
    const keys = top.list ? null : keysOf(top.object, entity, primaryKey);
    return keys?.own && !keys.bare && !keys.others.has(head!) ? top.object.properties : {};
  }
  const row = isRow(top.object, entity, primaryKey);
  if (row !== null) return row ? top.object.properties : {};
  if (top.list) return {};

  const inner = Object.entries(top.object.properties)
    .map(([name, schema]) => ({ name, found: objectOf(schema) }))
    .filter((c): c is { name: string; found: NonNullable<ReturnType<typeof objectOf>> } => c.found !== null);
  const named = inner.find((c) => namesEntity(c.name, entity));
  if (named && isRow(named.found.object, entity, primaryKey) !== false) return named.found.object.properties;
  const wrapped = inner.find((c) => {
    if (!WRAPPERS.has(c.name.toLowerCase())) return false;
    const row = isRow(c.found.object, entity, primaryKey);
    // A keyless object under `data` is the answer itself; a keyless list is a page of something else.
    return row === true || (row === null && !c.found.list);
  });
  if (wrapped) return wrapped.found.object.properties;
  return inner.some((c) => c.found.list) ? {} : top.object.properties;
}
