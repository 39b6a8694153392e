import { tableEntity } from './columns';
import { mainType } from './json-schema';
import type { TableSchema } from './model';

/**
 * How a table's primary keys look, shared by the seeder and the generated `create` code so that new
 * rows continue the seeded sequence: numbers (1, 2, …) for numeric keys, UUIDs where the key says
 * so, else the entity and a counter (`order_1`).
 */
export type KeyStyle = 'number' | 'uuid' | 'prefixed';

export function keyStyle(table: Pick<TableSchema, 'primaryKey' | 'columns'>): KeyStyle {
  const schema = table.columns[table.primaryKey] ?? {};
  const type = mainType(schema);
  if (type === 'number' || type === 'integer') return 'number';
  const description = typeof schema.description === 'string' ? schema.description : '';
  if (schema.format === 'uuid' || /uuid|guid/i.test(table.primaryKey) || /\b(uuid|guid)\b/i.test(description)) return 'uuid';
  return 'prefixed';
}

export const keyPrefix = (table: Pick<TableSchema, 'name'>) => `${tableEntity(table.name)}_`;

/** The n-th key (n from 1) in the table's style; UUIDs are counters too, so they stay deterministic. */
export function nthKey(table: Pick<TableSchema, 'name' | 'primaryKey' | 'columns'>, n: number): string | number {
  const style = keyStyle(table);
  if (style === 'number') return n;
  if (style === 'uuid') return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return `${keyPrefix(table)}${n}`;
}
