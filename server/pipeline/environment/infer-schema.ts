import type { GraphTool } from '../graph/model';
import { words } from '../kernel/words';
import { assignEntities, domainContext, toolIds, type DomainContext } from './acts-on';
import { metaRole } from '../tools/param-roles';
import { columnName } from './columns';
import { idParam, nameNouns, tableName } from './entities';
import { cleanSchema, mainType, mergeSchemas, type JsonSchema } from './json-schema';
import { environmentSchema, type EnvironmentSchema, type TableSchema } from './model';
import { returnedRow } from './returned-row';
import { initialStatus, toolIntent } from './verbs';

/**
 * A database schema guessed from a domain's tools alone: one table per entity the tools act on or
 * point at, keyed by the id the tools use, with the columns their parameters fill. Heuristic by
 * design: a starting point that validates and runs, for the LLM generator or a person to improve.
 */
export type InferredSchema = {
  schema: EnvironmentSchema;
  /** Tool id → the table it acts on; null for tools that need none (`think`, `calculate`). */
  toolTables: Record<string, string | null>;
};

/** The column code generation uses to record a call that has no better place (see generate-code.ts). */
export const LAST_ACTION = 'last_action';

/** A response can list dozens of fields (Discord's guild has 43); more than this is noise for a simulation. */
const MAX_RETURNED_COLUMNS = 60;

type Builder = {
  entity: string;
  name: string;
  primaryKey: string;
  columns: Record<string, JsonSchema>;
  references: Array<{ column: string; table: string }>;
  /** Lifecycle statuses from the tools' verbs and names (`cancelled`, `pending`). */
  statuses: string[];
  /** Status values the parameters and returns list in their enums. */
  statusEnum: string[];
  mentionsStatus: boolean;
  tools: string[];
  needsLastAction: boolean;
};

const properties = (t: GraphTool) =>
  (t.parameters?.properties && typeof t.parameters.properties === 'object' ? t.parameters.properties : {}) as Record<string, unknown>;
const describe = (s: unknown) =>
  s && typeof s === 'object' && typeof (s as { description?: unknown }).description === 'string' ? (s as { description: string }).description : '';

/** The key column: the id parameter the tools use most for the entity (`order_id`, `orderId`), else `id`. */
function primaryKey(entity: string, tools: GraphTool[], ctx: DomainContext): { name: string; schema: JsonSchema } {
  const counts = new Map<string, { n: number; schema: unknown; many: boolean; numeric?: 'number' | 'integer' }>();
  const keyType = (schema: unknown, many: boolean) => mainType(cleanSchema(many ? ((schema as { items?: unknown })?.items ?? {}) : schema));
  for (const t of tools)
    for (const { param, id, schema } of toolIds(t, ctx.vocabulary)) {
      if (id.entity !== entity || id.lookup) continue;
      // A list of ids names the key in the plural: `new_item_ids` → `item_id`.
      const name = id.many ? columnName(param, '').replace(/s$/, '') : param;
      const c = counts.get(name) ?? { n: 0, schema, many: id.many };
      c.n += id.many ? 0.5 : 1;
      // The id's shape (a snowflake's pattern) from whichever tool states it, so keys fit them all.
      if (!shaped(c.schema, c.many) && shaped(schema, id.many)) Object.assign(c, { schema, many: id.many });
      const type = keyType(schema, id.many);
      if (type === 'number' || type === 'integer') c.numeric ??= type;
      counts.set(name, c);
    }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (!best) return { name: 'id', schema: { type: 'string' } };
  const raw = best[1].many ? ((best[1].schema as { items?: unknown })?.items ?? {}) : best[1].schema;
  const schema = cleanSchema(raw);
  // Tools that disagree on the key's type (one takes `id: number`, another `id: string`) get
  // numeric keys: "7" is still a usable key for the string one, "item_7" is no number at all.
  const type = best[1].numeric ?? mainType(schema);
  return { name: best[0], schema: ['string', 'number', 'integer'].includes(type) ? { ...schema, type } : { type: 'string' } };
}

/** Whether an id parameter's schema says how its ids look (a pattern or a format). */
function shaped(schema: unknown, many: boolean): boolean {
  const s = cleanSchema(many ? ((schema as { items?: unknown })?.items ?? {}) : schema);
  return typeof s.pattern === 'string' || typeof s.format === 'string';
}

/** Columns of a returns schema worth keeping: the fields of the row of the entity it returns (see returned-row.ts). */
function returnedProperties(t: GraphTool, b: Builder): Array<[string, unknown]> {
  return Object.entries(returnedRow(t.name, t.returns, b.entity, b.primaryKey)).slice(0, MAX_RETURNED_COLUMNS);
}

export function inferSchema(tools: GraphTool[]): InferredSchema {
  const ctx = domainContext(tools);
  const assigned = assignEntities(tools, ctx);
  const entityOf = new Map(tools.map((t, i) => [t.id, assigned[i] ?? null]));

  const order: string[] = [];
  const add = (e: string | null | undefined) => e && !order.includes(e) && order.push(e);
  for (const t of tools) add(entityOf.get(t.id));
  for (const t of tools) for (const { id } of toolIds(t, ctx.vocabulary)) add(id.entity);
  if (order.length === 0) add('item');

  const builders = new Map<string, Builder>();
  const byTable = new Map<string, Builder>();
  for (const entity of order) {
    const name = tableName(entity);
    const existing = byTable.get(name);
    if (existing) {
      builders.set(entity, existing);
      continue;
    }
    const pk = primaryKey(entity, tools, ctx);
    const b: Builder = {
      entity,
      name,
      primaryKey: pk.name,
      columns: { [pk.name]: pk.schema },
      references: [],
      statuses: [],
      statusEnum: [],
      mentionsStatus: false,
      tools: [],
      needsLastAction: false,
    };
    builders.set(entity, b);
    byTable.set(name, b);
  }

  const addColumn = (b: Builder, column: string, schema: JsonSchema) => {
    if (!column || column === b.primaryKey) return;
    if (column === 'status') {
      const values = [schema.enum, (schema.items as JsonSchema | undefined)?.enum].find(Array.isArray) ?? [];
      b.statusEnum.push(...values.filter((v): v is string => typeof v === 'string'));
    }
    b.columns[column] = column in b.columns ? mergeSchemas(b.columns[column]!, schema) : schema;
  };
  const addReference = (b: Builder, column: string, entity: string) => {
    const table = builders.get(entity)?.name;
    if (table && !b.references.some((r) => r.column === column)) b.references.push({ column, table });
  };

  for (const t of tools) {
    const entity = entityOf.get(t.id);
    const b = entity ? builders.get(entity) : undefined;
    if (!b) continue;
    b.tools.push(t.name);
    let columnParams = 0;
    for (const [param, raw] of Object.entries(properties(t))) {
      if (metaRole(param) || param === b.primaryKey) continue;
      const id = idParam(param, describe(raw), ctx.vocabulary);
      if (id && !id.lookup && (id.entity === null || id.entity === b.entity)) continue; // the key itself
      const column = id?.lookup && id.entity === b.entity ? id.lookup : columnName(param, b.entity);
      if (column === b.primaryKey) continue;
      addColumn(b, column, cleanSchema(raw));
      columnParams++;
      if (id?.entity && !id.lookup && id.entity !== b.entity) addReference(b, column, id.entity);
    }
    for (const [prop, raw] of returnedProperties(t, b)) {
      const id = idParam(prop, describe(raw), ctx.vocabulary);
      if (prop === b.primaryKey || (id && !id.lookup && (id.entity === null || id.entity === b.entity))) continue;
      addColumn(b, prop, cleanSchema(raw));
      if (id?.entity && !id.lookup) addReference(b, prop, id.entity);
    }
    const intent = toolIntent(t);
    if (intent.op === 'write' && intent.statusTarget) b.statuses.push(intent.statusTarget);
    const n = nameNouns(t.name);
    b.statuses.push(...n.statuses);
    if (words(t.name).includes('status')) b.mentionsStatus = true;
    if (intent.kind === 'write' || (intent.kind === 'update' && columnParams === 0)) b.needsLastAction = true;
  }

  // A key with no shape of its own (a table only referenced, or whose tools never take its id) takes
  // the shape of the ids pointing at it (a snowflake's pattern), so the keys it seeds fit those tools.
  for (const b of byTable.values()) {
    for (const ref of b.references) {
      const target = byTable.get(ref.table);
      const column = b.columns[ref.column];
      if (!target || !column) continue;
      const one = (mainType(column) === 'array' ? (column.items ?? {}) : column) as JsonSchema;
      const key = target.columns[target.primaryKey] ?? {};
      const shape = Object.fromEntries(['pattern', 'format', 'minLength', 'maxLength'].filter((k) => k in one && !(k in key)).map((k) => [k, one[k]]));
      target.columns[target.primaryKey] = { ...key, ...shape };
    }
  }

  const tables: TableSchema[] = [...byTable.values()].map((b) => {
    const columns = { ...b.columns };
    const required = [b.primaryKey];
    // An enum when something says which statuses exist; a free-text `status` (a tweet's) stays text.
    if (b.statuses.length || b.statusEnum.length || (b.mentionsStatus && !columns.status)) {
      const values = [...new Set([...(b.statusEnum.length ? b.statusEnum : [initialStatus(b.statuses)]), ...b.statuses])];
      if (values.length < 2) values.push(values[0] === 'active' ? 'inactive' : 'active');
      columns.status = { type: 'string', enum: values, description: 'Lifecycle status; tools check and change it.' };
      required.push('status');
    }
    // A reference holds the other table's keys, so it takes their type whatever the tools said.
    for (const ref of b.references) {
      const target = byTable.get(ref.table);
      const column = columns[ref.column];
      if (!target || !column) continue;
      const key = target.columns[target.primaryKey] ?? {};
      // The key's type and shape (a snowflake's pattern), so the column holds exactly the keys.
      const shape = Object.fromEntries(['pattern', 'format', 'minLength', 'maxLength'].filter((k) => k in key).map((k) => [k, key[k]]));
      const scalar = (s: JsonSchema): JsonSchema => ({
        type: mainType(key),
        ...shape,
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
      });
      columns[ref.column] = mainType(column) === 'array' ? { ...column, type: 'array', items: scalar((column.items ?? {}) as JsonSchema) } : scalar(column);
    }
    if (b.needsLastAction) columns[LAST_ACTION] = { type: 'string', description: 'The last tool that changed this row without a column of its own to set.' };
    const listed = b.tools.slice(0, 8).join(', ') + (b.tools.length > 8 ? ', …' : '');
    return {
      name: b.name,
      description: b.tools.length ? `Acted on by ${listed}.` : 'Referenced by other tables.',
      primaryKey: b.primaryKey,
      columns,
      required,
      references: b.references.filter((r) => r.column in columns),
    };
  });

  const toolTables: Record<string, string | null> = {};
  for (const t of tools) {
    const e = entityOf.get(t.id);
    toolTables[t.id] = e ? (builders.get(e)?.name ?? null) : null;
  }
  // Parsing proves the result is a valid schema whatever the input was.
  return { schema: environmentSchema.parse({ tables }), toolTables };
}
