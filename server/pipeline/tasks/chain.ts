import { idParam } from '../environment/entities';
import { cleanSchema, mainType } from '../environment/json-schema';
import { singular } from '../graph/terms';
import { canonicalJson } from '../kernel/state';
import { words } from '../kernel/words';

/**
 * Arguments an agent takes from what earlier calls returned: the user id `find_user_id_by_email`
 * found goes into `get_user_details(user_id)`. Deliberately narrow, so it stays predictable: only
 * id-like parameters, matched by name (or its singular, `item_ids` → `item_id`) to a field of an
 * earlier result: a top-level one, an id-like one nested inside (`items[].product_id`), an `id`
 * inside a collection (`payment_methods.*.id` → `payment_method_id`), a list named for an entity
 * (`orders: [...]` → `order_id`), or, for a result that is a bare list of ids, the `<entity>_id` the
 * tool's name promises.
 */

export type Offers = Map<string, unknown[]>;

const MAX_ROWS = 5;
const MAX_VALUES = 5;
/** How deep nested ids are looked for (`items[].product_id` is 2 down). */
const MAX_DEPTH = 3;

const isScalar = (v: unknown): v is string | number => (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v));

/** The values a result offers to later calls, by the parameter name they would fill. */
export function offeredValues(toolName: string, result: unknown): Offers {
  const offers: Offers = new Map();
  const add = (key: string, v: unknown) => {
    const list = offers.get(key) ?? [];
    if (list.length < MAX_VALUES && !list.some((x) => canonicalJson(x) === canonicalJson(v))) list.push(v);
    offers.set(key, list);
  };
  const fields = (row: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(row)) {
      if (isScalar(v)) add(k, v);
      else if (Array.isArray(v)) {
        const scalars = v.filter(isScalar);
        scalars.forEach((x) => add(k, x));
        // `orders: ['#W1', '#W2']` on a user: the keys of its orders.
        const entity = singular(k);
        if (entity !== k && !idParam(k)) scalars.forEach((x) => add(`${entity}_id`, x));
      }
    }
    nestedIds(row, [], 0, add);
  };
  const named = namedIdKey(toolName);
  const rows = Array.isArray(result) ? result.slice(0, MAX_ROWS) : [result];
  for (const row of rows) {
    if (row && typeof row === 'object' && !Array.isArray(row)) fields(row as Record<string, unknown>);
    else if (isScalar(row) && named) add(named, row);
  }
  return offers;
}

/** Id-like fields below the top level, and `id`s named by the collection they sit in. */
function nestedIds(v: unknown, path: string[], depth: number, add: (key: string, v: unknown) => void): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(v)) v.forEach((x) => nestedIds(x, path, depth + 1, add));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nestedIds(x, [...path, k], depth + 1, add);
  else if (isScalar(v) && path.length > 1) {
    const name = path[path.length - 1]!;
    if (name === 'id') {
      const owner = path.slice(0, -1).findLast((p) => singular(p) !== p);
      if (owner) add(`${singular(owner)}_id`, v);
    } else if (idParam(name)) add(name, v);
  }
}

/** `find_user_id_by_email` → `user_id`: what a list of bare values from this tool holds. */
function namedIdKey(toolName: string): string | null {
  const ws = words(toolName);
  const i = ws.findIndex((w, k) => k > 0 && (w === 'id' || w === 'ids'));
  return i > 0 ? `${ws[i - 1]}_id` : null;
}

type Parameters = { properties?: Record<string, unknown> } & Record<string, unknown>;

/**
 * Puts earlier results' values into `args` for the id-like parameters they name. `pick` chooses
 * among several offered values (the attempt number, so retries try the others). Returns the
 * parameters filled this way.
 */
export function chainArgs(parameters: Parameters, args: Record<string, unknown>, offers: Offers[], pick: number): string[] {
  const props = (parameters?.properties && typeof parameters.properties === 'object' ? parameters.properties : {}) as Record<string, Record<string, unknown>>;
  const derived: string[] = [];
  for (const [param, raw] of Object.entries(props)) {
    if (!idParam(param, typeof raw?.description === 'string' ? raw.description : '')) continue;
    // The latest call that offers the name wins: it is what the agent just looked at.
    const values = offerFor(
      offers.findLast((o) => !!offerFor(o, param)),
      param,
    );
    if (!values?.length) continue;
    const value = asType(values[pick % values.length], cleanSchema(raw));
    if (value === undefined) continue;
    args[param] = value;
    derived.push(param);
  }
  return derived;
}

/** The value in the parameter's type, or undefined when it cannot be. */
function asType(v: unknown, schema: Record<string, unknown>): unknown {
  const type = mainType(schema);
  if (type === 'array') {
    const item = asType(v, (schema.items ?? {}) as Record<string, unknown>);
    return item === undefined ? undefined : [item];
  }
  if (type === 'string') return String(v);
  if (type === 'integer' || type === 'number') {
    const n = Number(v);
    return Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : undefined;
  }
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** Whether a value was offered by some earlier result (after a replay, results can differ). */
export function wasOffered(param: string, value: unknown, offers: Offers[]): boolean {
  const want = canonicalJson(Array.isArray(value) ? value : [value]);
  return offers.some((o) =>
    (offerFor(o, param) ?? []).some((v) => canonicalJson([v]) === want || canonicalJson([String(v)]) === want || canonicalJson([Number(v)]) === want),
  );
}

/** The values an offer holds for a parameter, by its name or its singular (`item_ids` → `item_id`). */
function offerFor(offer: Offers | undefined, param: string): unknown[] | undefined {
  return offer?.get(param) ?? offer?.get(singular(param));
}
