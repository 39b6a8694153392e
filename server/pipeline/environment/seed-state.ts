import { tableEntity } from './columns';
import { fakeValue, seededFaker } from './fake-values';
import { LAST_ACTION } from './infer-schema';
import { mainType, type JsonSchema } from './json-schema';
import { keyCapacity, nthKey } from './keys';
import type { EnvironmentSchema, TableSchema } from './model';
import type { State } from '../kernel/state';

/**
 * A starting database for a schema: `rows` rows per table (fewer when the key allows fewer) of
 * plausible values that fit the columns' schemas (keys in the shape the API gives its ids), every reference
 * naming a row that exists, every status present at least once (so tools that need a `pending`
 * order find one). The same seed gives the same state; each table has its own stream, so adding a
 * table does not reshuffle the others.
 */
export function seedState(schema: EnvironmentSchema, { seed, rows = 20 }: { seed: number; rows?: number }): State {
  // A key with a maximum (`answer_id` up to 10) holds no more rows than it has keys.
  const keys = new Map(schema.tables.map((t) => [t.name, Array.from({ length: Math.min(rows, keyCapacity(t)) }, (_, i) => nthKey(t, i + 1))]));
  const state: State = {};
  for (const table of schema.tables) {
    const f = seededFaker(mix(seed, table.name));
    const out: Record<string, Record<string, unknown>> = {};
    keys.get(table.name)!.forEach((key, i) => {
      out[String(key)] = seedRow(table, key, i, f, keys);
    });
    state[table.name] = out;
  }
  return state;
}

function seedRow(
  table: TableSchema,
  key: string | number,
  i: number,
  f: ReturnType<typeof seededFaker>,
  keys: Map<string, Array<string | number>>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const entity = tableEntity(table.name);
  for (const [column, schema] of Object.entries(table.columns)) {
    if (column === table.primaryKey) {
      row[column] = mainType(schema) === 'string' ? String(key) : key;
      continue;
    }
    // The log column starts empty: only tools write it.
    if (column === LAST_ACTION && !table.required.includes(column)) continue;
    const ref = table.references.find((r) => r.column === column);
    const targets = ref ? keys.get(ref.table) : undefined;
    if (ref && targets) {
      if (targets.length === 0) continue;
      row[column] = referenceValue(schema, targets, f);
    } else if (column === 'status' && Array.isArray(schema.enum) && schema.enum.length) {
      // Round robin: every status occurs, so preconditions like "only pending orders" can be met.
      row[column] = schema.enum[i % schema.enum.length];
    } else {
      row[column] = fakeValue(f, column, schema, { entity });
    }
  }
  return row;
}

/** Existing keys in the column's own type (a list for array columns). */
function referenceValue(schema: JsonSchema, targets: Array<string | number>, f: ReturnType<typeof seededFaker>): unknown {
  // A text column holds numeric keys as text; otherwise the key keeps its own type.
  const asType = (k: string | number, s: JsonSchema) => (mainType(s) === 'string' ? String(k) : k);
  if (mainType(schema) === 'array') {
    const n = Math.min(targets.length, f.number.int({ min: 1, max: 3 }));
    return f.helpers.arrayElements(targets, n).map((k) => asType(k, (schema.items ?? {}) as JsonSchema));
  }
  return asType(f.helpers.arrayElement(targets), schema);
}

/** A per-table seed: the seed mixed with the table's name (FNV-1a). */
function mix(seed: number, name: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h;
}
