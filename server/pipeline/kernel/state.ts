/** A domain database: table → primary key → row. */
export type State = Record<string, Record<string, Record<string, unknown>>>;

export type RowChange =
  | { table: string; key: string; kind: 'added'; after: Record<string, unknown> }
  | { table: string; key: string; kind: 'removed'; before: Record<string, unknown> }
  | { table: string; key: string; kind: 'changed'; before: Record<string, unknown>; after: Record<string, unknown>; fields: string[] };

/**
 * Canonical JSON: keys sorted at every level, so equal values give equal text whatever their order.
 * It runs over whole databases many times per task: JSON.stringify does the writing (native, far
 * faster than any serialiser written here), and only objects whose keys are out of order are rebuilt.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

function sortKeys(_key: string, v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
  if (sorted) return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(keys.sort().map((k) => [k, o[k]]));
}

/** Row-level differences between two states: rows added, removed, and changed with the fields that changed. */
export function diffStates(before: State, after: State): RowChange[] {
  const changes: RowChange[] = [];
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const table of tables) {
    const b = before[table] ?? {};
    const a = after[table] ?? {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    for (const key of keys) {
      const rb = b[key];
      const ra = a[key];
      if (rb === undefined && ra !== undefined) changes.push({ table, key, kind: 'added', after: ra });
      else if (ra === undefined && rb !== undefined) changes.push({ table, key, kind: 'removed', before: rb });
      else if (rb && ra && !sameJson(rb, ra)) {
        const fields = [...new Set([...Object.keys(rb), ...Object.keys(ra)])].filter((f) => !sameJson(rb[f], ra[f])).sort();
        changes.push({ table, key, kind: 'changed', before: rb, after: ra, fields });
      }
    }
  }
  return changes;
}

/**
 * Whether two JSON values are equal as canonical JSON would say (key order ignored), without
 * building the strings: rollouts diff every row after every call, and most rows are unchanged.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
