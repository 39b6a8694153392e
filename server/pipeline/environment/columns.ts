import { singular } from '../graph/terms';
import { metaRole } from '../tools/param-roles';
import { words } from '../kernel/words';
import { idParam } from './entities';
import type { TableSchema } from './model';

/**
 * How a tool's parameters meet a table's columns. Inference builds the columns with these rules and
 * code generation maps arguments back with the same rules, so an edited schema still lines up.
 */

export type ParamRole = { role: 'key' } | { role: 'column'; column: string } | { role: 'limit' | 'offset' | 'page' | 'query' | 'ignored' } | { role: 'none' };

/** The entity of a table (`payment_methods` → `payment_method`). */
export function tableEntity(table: string): string {
  const parts = table.split('_');
  parts[parts.length - 1] = singular(parts[parts.length - 1]!);
  return parts.join('_');
}

/**
 * The column a non-key parameter fills when the tool acts on `entity`: modifiers dropped
 * (`new_item_ids` → `item_ids`, so a modify tool replaces the items), and the entity's own prefix
 * dropped (`user_email` on users → `email`). Keeps the parameter's own spelling otherwise.
 */
export function columnName(param: string, entity: string): string {
  let ws = words(param);
  if (ws.length > 1 && ['new', 'updated'].includes(ws[0]!)) ws = ws.slice(1);
  const own = entity.split('_');
  if (ws.length > own.length && own.every((w, i) => singular(ws[i]!) === w)) ws = ws.slice(own.length);
  // Keep the parameter's exact spelling when nothing was dropped (`orderId`, `lang_code-dst`).
  return ws.length === words(param).length ? param : ws.join('_');
}

/** Whether a parameter is the table's primary key: by name, a bare `id`, or an id of the table's entity. */
export function isKeyParam(param: string, description: string, table: Pick<TableSchema, 'name' | 'primaryKey'>): boolean {
  if (param === table.primaryKey) return true;
  const id = idParam(param, description, new Set([tableEntity(table.name)]));
  if (!id || id.lookup) return false;
  return id.entity === null || id.entity === tableEntity(table.name);
}

/** The role of one parameter of a tool acting on `table`. */
export function paramRole(param: string, schema: Record<string, unknown>, table: Pick<TableSchema, 'name' | 'primaryKey' | 'columns'>): ParamRole {
  const description = typeof schema.description === 'string' ? schema.description : '';
  if (isKeyParam(param, description, table)) return { role: 'key' };
  const entity = tableEntity(table.name);
  for (const column of [param, columnName(param, entity)]) if (column in table.columns) return { role: 'column', column };
  const id = idParam(param, description);
  if (id?.lookup && id.entity === entity && id.lookup in table.columns) return { role: 'column', column: id.lookup };
  const meta = metaRole(param);
  return meta ? { role: meta } : { role: 'none' };
}
