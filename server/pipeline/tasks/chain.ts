import { idParam } from '../environment/entities';
import { cleanSchema, mainType } from '../environment/json-schema';
import { canonicalJson } from '../state/diff';
import { words } from '../tools/op';

/**
 * Arguments an agent takes from what earlier calls returned: the user id `find_user_id_by_email`
 * found goes into `get_user_details(user_id)`. Deliberately narrow, so it stays predictable: only
 * id-like parameters, matched by exact name to a field of an earlier result (or, for a result that
 * is a bare list of ids, to the `<entity>_id` the tool's name promises).
 */

export type Offers = Map<string, unknown[]>;

const MAX_ROWS = 5;
const MAX_VALUES = 5;

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
      else if (Array.isArray(v)) v.filter(isScalar).forEach((x) => add(k, x));
    }
  };
  const named = namedIdKey(toolName);
  const rows = Array.isArray(result) ? result.slice(0, MAX_ROWS) : [result];
  for (const row of rows) {
    if (row && typeof row === 'object' && !Array.isArray(row)) fields(row as Record<string, unknown>);
    else if (isScalar(row) && named) add(named, row);
  }
  return offers;
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
    const values = offers.findLast((o) => o.has(param))?.get(param);
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
  return offers.some((o) => (o.get(param) ?? []).some((v) => canonicalJson([v]) === want || canonicalJson([String(v)]) === want || canonicalJson([Number(v)]) === want));
}
