import { words } from '../kernel/words';
import { idParam, mentions, nameNouns, type IdParam, type NameNouns } from './entities';
import { nominalisations } from './nominal';
import { toolIntent, writeKindOf } from './verbs';

/**
 * Which entity a tool acts on: `get_order_details(order_id)` on orders, `get_user_orders(user_id)`
 * on orders (filtered by user), `find_customer_id_by_email(email)` on customers. Used by schema inference
 * and again by validation, which has only the tools' names and parameters, so it works from those.
 */

export type ToolShape = {
  name: string;
  op?: 'read' | 'write';
  /** When known: a description that leads with "Set"/"Change" makes an `add_…` tool an update. */
  description?: string;
  parameters: { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
  returns?: Record<string, unknown> | null;
};

export type ToolId = { param: string; id: IdParam; schema: Record<string, unknown>; required: boolean };

/** What the domain as a whole knows: entities its id parameters name, and the nouns of its tool names. */
export type DomainContext = { known: Set<string>; vocabulary: Set<string> };

const props = (t: ToolShape) =>
  (t.parameters?.properties && typeof t.parameters.properties === 'object' ? t.parameters.properties : {}) as Record<string, unknown>;
const describe = (s: unknown) =>
  s && typeof s === 'object' && typeof (s as { description?: unknown }).description === 'string' ? (s as { description: string }).description : '';

/** The id-like parameters of a tool, required ones first. */
export function toolIds(tool: ToolShape, vocabulary?: Set<string>): ToolId[] {
  const required = new Set(Array.isArray(tool.parameters?.required) ? tool.parameters.required : []);
  const out: ToolId[] = [];
  for (const [param, schema] of Object.entries(props(tool))) {
    const id = idParam(param, describe(schema), vocabulary);
    if (id) out.push({ param, id, schema: (schema ?? {}) as Record<string, unknown>, required: required.has(param) });
  }
  return out.sort((a, b) => Number(b.required) - Number(a.required));
}

export function domainContext(tools: ToolShape[]): DomainContext {
  const vocabulary = new Set(tools.flatMap((t) => nameNouns(t.name).nouns));
  const known = new Set<string>();
  for (const t of tools) for (const { id } of toolIds(t, vocabulary)) if (id.entity) known.add(id.entity);
  return { known, vocabulary };
}

/** The entity a returns schema describes: its first `<entity>_id` property. */
function returnsEntity(returns: ToolShape['returns']): string | null {
  const r = returns && typeof returns === 'object' ? returns : null;
  const shape = (r?.type === 'array' ? r.items : r) as { properties?: Record<string, unknown> } | undefined;
  for (const [name, schema] of Object.entries(shape?.properties ?? {})) {
    const id = idParam(name, describe(schema));
    if (id?.entity && !id.lookup) return id.entity;
  }
  return null;
}

/**
 * The entity a create-like write creates, when its name, verb or response says so rather than the
 * ids it is handed: `add_post_reply(post_id)` adds a reply to a post, `create_payment(wallet_id,
 * to_wallet_id)` a payment between wallets, and `reserve_room(room_id)` a reservation
 * (the flight is handed in, so it is not what is made; the verb's noun is, when the domain knows
 * it). Null leaves the choice to the ids, as for any other tool.
 */
export function createdEntity(tool: ToolShape, n: NameNouns, ctx: DomainContext): string | null {
  if (tool.op !== 'write' || toolIntent({ name: tool.name, op: 'write' }).kind !== 'create') return null;
  const handed = new Set(toolIds(tool, ctx.vocabulary).flatMap((t) => (t.id.entity && !t.id.lookup ? [t.id.entity] : [])));
  // "Set how many seats a reservation holds": the description's verb fills a field of a record
  // it is handed, whatever the name's "add" says.
  const lead = words(tool.description ?? '')[0];
  const leadKind = lead ? writeKindOf(lead) : null;
  if (handed.size && (leadKind === 'update' || leadKind === 'status')) return null;
  const returned = returnsEntity(tool.returns ?? null);
  if (returned && !handed.has(returned)) return returned;
  if (n.head && !handed.has(n.head)) return n.head;
  const nominal = n.verb ? nominalisations(n.verb).find((w) => !handed.has(w) && (ctx.known.has(w) || ctx.vocabulary.has(w))) : undefined;
  return nominal ?? null;
}

/** The entity a tool acts on, or null when nothing in it names one (`think`, `calculate`). */
export function actsOn(tool: ToolShape, ctx: DomainContext): string | null {
  const n = nameNouns(tool.name);
  const created = createdEntity(tool, n, ctx);
  if (created) return created;
  const ids = toolIds(tool, ctx.vocabulary).filter((t) => !t.id.lookup);
  const named = ids.filter((t) => t.id.entity);
  const single = named.filter((t) => !t.id.many);
  const many = named.filter((t) => t.id.many);
  // A bare `id` is the key of whatever the name is about.
  if (n.head && ids.some((t) => t.id.entity === null)) return n.head;
  // `get_user_orders(user_id)`: orders of a user, not the user.
  if (n.head && n.headPlural && named.length && !named.some((t) => t.id.entity === n.head)) return n.head;
  const byName = single.find((t) => mentions(n, t.id.entity!)) ?? many.find((t) => mentions(n, t.id.entity!));
  if (byName) return byName.id.entity;
  const knownNoun = n.nouns.find((w) => ctx.known.has(w));
  if (knownNoun) return knownNoun;
  if (single[0]) return single[0].id.entity;
  if (n.head) return n.head;
  if (many[0]) return many[0].id.entity;
  // A lookup key (`user_email`) still says whose record it is.
  const lookup = toolIds(tool, ctx.vocabulary).find((t) => t.id.lookup);
  return lookup?.id.entity ?? returnsEntity(tool.returns ?? null);
}

/**
 * The entity of every tool of a domain. A write that names nothing still has to change something,
 * so it acts on the entity most tools act on (or a generic `item`); a read that names nothing
 * needs no table.
 */
export function assignEntities(tools: ToolShape[], ctx: DomainContext = domainContext(tools)): Array<string | null> {
  const entities = tools.map((t) => actsOn(t, ctx));
  const counts = new Map<string, number>();
  for (const e of entities) if (e) counts.set(e, (counts.get(e) ?? 0) + 1);
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'item';
  return entities.map((e, i) => e ?? (tools[i]!.op === 'write' ? busiest : null));
}
