import type { GraphTool } from './model';
import { idEntity, isBareId, nameEntities } from './terms';

export type Direction = { direction: 'forward' | 'both'; from: string; to: string; reason: string };

/**
 * Which of two similar tools comes first, when the schemas say so. Three rules, strongest first;
 * the first rule with evidence decides, and evidence both ways (or none at all) gives `both`:
 *
 * 1. Returns: A's returns schema has an id property (`order_id`) that B requires → A → B. The
 *    schema states the hand-off outright, so it outranks guesses from names: `create_order`
 *    returning `order_id` comes before `get_order`, although rule 2 alone would say the opposite.
 * 2. Read before write: A reads an entity that B changes (`get_order_details` / `cancel_order`) →
 *    A → B. An agent looks before it acts; the read is how it learns the state the write needs.
 * 3. Read hands an id on: A reads an entity (from its name) whose id B requires
 *    (`find_customer_id_by_email` → `get_customer_details(customer_id)`).
 *
 * Entities are nouns: the words after the name's verb, and what id parameters point at
 * (`order_id`, `orderId`, `item_ids`; a bare `id` points at the tool's own first noun).
 */
export function directEdge(a: GraphTool, b: GraphTool): Direction {
  const A = profile(a);
  const B = profile(b);
  for (const rule of [byReturns, byReadThenWrite, byReadName]) {
    const ab = rule(A, B);
    const ba = rule(B, A);
    if (ab && !ba) return { direction: 'forward', from: a.id, to: b.id, reason: ab };
    if (ba && !ab) return { direction: 'forward', from: b.id, to: a.id, reason: ba };
    if (ab && ba) return { direction: 'both', from: a.id, to: b.id, reason: `${ab}; and ${ba}` };
  }
  return { direction: 'both', from: a.id, to: b.id, reason: `no order between ${a.name} and ${b.name}: neither produces what the other needs` };
}

type Profile = {
  name: string;
  op: 'read' | 'write';
  /** Nouns of the name; the first is what a bare `id` parameter refers to. */
  entities: string[];
  /** Entity → the parameter naming its id, for the parameters the tool needs. */
  requires: Map<string, string>;
  /** Entity → the returns property holding its id. */
  returnsIds: Map<string, string>;
};

/** A tool meets many neighbours; its profile is worked out once. */
const profiles = new WeakMap<GraphTool, Profile>();

function profile(tool: GraphTool): Profile {
  let p = profiles.get(tool);
  if (!p) profiles.set(tool, (p = makeProfile(tool)));
  return p;
}

function makeProfile(tool: GraphTool): Profile {
  const entities = nameEntities(tool.name).filter((e) => !ID_WORDS.has(e));
  const properties = Object.keys(tool.parameters.properties ?? {});
  // Without a `required` list every parameter counts: a schema that says nothing says nothing optional.
  const needed = tool.parameters.required?.length ? tool.parameters.required : properties;
  return { name: tool.name, op: tool.op, entities, requires: idsOf(needed, entities), returnsIds: idsOf(returnedNames(tool.returns), entities) };
}

const ID_WORDS = new Set(['id', 'uuid']);

function idsOf(names: string[], ownEntities: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const name of names) {
    const entity = idEntity(name) ?? (isBareId(name) ? ownEntities[0] : undefined);
    if (entity && !ids.has(entity)) ids.set(entity, name);
  }
  return ids;
}

/** The property names of a returns schema, one level deep, and inside an array's items. */
function returnedNames(returns: Record<string, unknown> | null): string[] {
  if (!returns) return [];
  const items = returns.items as Record<string, unknown> | undefined;
  const properties = (returns.properties ?? items?.properties) as Record<string, unknown> | undefined;
  return properties && typeof properties === 'object' ? Object.keys(properties) : [];
}

function byReturns(a: Profile, b: Profile): string | null {
  for (const entity of b.requires.keys()) {
    const prop = a.returnsIds.get(entity);
    if (prop) return `${a.name} returns ${prop}, which ${b.name} requires`;
  }
  return null;
}

function byReadThenWrite(a: Profile, b: Profile): string | null {
  if (a.op !== 'read' || b.op !== 'write') return null;
  const changed = new Set([...b.entities, ...b.requires.keys()]);
  const entity = [...a.entities, ...a.requires.keys()].find((e) => changed.has(e));
  return entity ? `${a.name} reads ${entity} before ${b.name} changes it` : null;
}

function byReadName(a: Profile, b: Profile): string | null {
  if (a.op !== 'read') return null;
  for (const entity of a.entities) {
    const param = b.requires.get(entity);
    if (param) return `${a.name} reads the ${entity} whose ${param} ${b.name} requires`;
  }
  return null;
}
