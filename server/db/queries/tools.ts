import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import type { ToolExample } from '../../pipeline/tools/model';
import { collections, tools } from '../schema';
import { pageOf } from './page';

export const TOOL_SORTS = ['name', 'op', 'format', 'collection'] as const;

export const toolListInput = z.object({
  collectionId: z.uuid().optional(),
  search: z.string().max(200).optional(),
  op: z.enum(['read', 'write']).optional(),
  format: z.string().max(40).optional(),
  sort: z.enum(TOOL_SORTS).default('name'),
  // Not "direction": tRPC's infinite queries put their own `direction` into the input.
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(500).default(100),
  /** The last row of the previous page: its sort value and id (keyset pagination). */
  cursor: z.object({ value: z.string(), id: z.uuid() }).nullish(),
  /** Include each tool's parameter and return schemas and examples (the CLI's listing); the table does not need them. */
  full: z.boolean().default(false),
});
export type ToolListInput = z.input<typeof toolListInput>;

const SORT_COLUMNS = {
  name: sql<string>`${tools.name}`,
  op: sql<string>`${tools.op}`,
  format: sql<string>`(${tools.source} ->> 'format')`,
  collection: sql<string>`${collections.name}`,
} satisfies Record<(typeof TOOL_SORTS)[number], SQL<string>>;

function filters(input: z.output<typeof toolListInput>): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (input.collectionId) conditions.push(eq(tools.collectionId, input.collectionId));
  if (input.op) conditions.push(eq(tools.op, input.op));
  if (input.format) conditions.push(sql`(${tools.source} ->> 'format') = ${input.format}`);
  const search = input.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(tools.name, pattern), ilike(tools.description, pattern)));
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** One page of tools, filtered and sorted, with the cursor of the next page. */
export async function listTools(db: Db, raw: ToolListInput) {
  const input = toolListInput.parse(raw);
  const key = SORT_COLUMNS[input.sort];
  const by = input.order === 'asc' ? asc : desc;
  const after = input.cursor
    ? input.order === 'asc'
      ? sql`(${key}, ${tools.id}) > (${input.cursor.value}, ${input.cursor.id})`
      : sql`(${key}, ${tools.id}) < (${input.cursor.value}, ${input.cursor.id})`
    : undefined;
  const rows = await db
    .select({
      id: tools.id,
      name: tools.name,
      description: tools.description,
      op: tools.op,
      opReason: tools.opReason,
      opOverridden: tools.opOverridden,
      format: sql<string>`${tools.source} ->> 'format'`,
      collectionId: tools.collectionId,
      collectionName: collections.name,
      source: tools.source,
      parameters: input.full ? tools.parameters : sql<Record<string, unknown> | null>`null`,
      returns: input.full ? tools.returns : sql<Record<string, unknown> | null>`null`,
      examples: input.full ? tools.examples : sql<ToolExample[] | null>`null`,
      parameterCount: sql<number>`(select count(*) from jsonb_object_keys(${tools.parameters} -> 'properties'))::int`,
      sortValue: key,
    })
    .from(tools)
    .innerJoin(collections, eq(collections.id, tools.collectionId))
    .where(and(filters(input), after))
    .orderBy(by(key), by(tools.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (last) => ({ value: last.sortValue, id: last.id }));
  return { ...page, items: page.items.map(({ sortValue: _, ...r }) => r) };
}

export async function countTools(db: Db, raw: ToolListInput): Promise<number> {
  const input = toolListInput.parse(raw);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tools)
    .innerJoin(collections, eq(collections.id, tools.collectionId))
    .where(filters(input));
  return Number(row?.n ?? 0);
}

/** The formats present, for the filter menu. */
export async function toolFormats(db: Db): Promise<string[]> {
  const result = await db.execute(sql`select distinct source ->> 'format' as format from tools order by 1`);
  return rowsOf<{ format: string }>(result).map((r) => r.format);
}

export async function getTool(db: Db, id: string) {
  const [row] = await db
    .select({ tool: tools, collectionName: collections.name })
    .from(tools)
    .innerJoin(collections, eq(collections.id, tools.collectionId))
    .where(eq(tools.id, id));
  return row ? { ...row.tool, collectionName: row.collectionName } : null;
}

/** A person's read/write decision; the automatic reason is kept so it can be shown and restored. */
export async function setToolOp(db: Db, id: string, op: 'read' | 'write' | 'auto') {
  const [current] = await db.select().from(tools).where(eq(tools.id, id));
  if (!current) return null;
  const auto = current.opOverridden ? parseAuto(current.opReason) : { op: current.op, reason: current.opReason };
  const next =
    op === 'auto' || op === auto.op
      ? { op: auto.op, opReason: auto.reason, opOverridden: false }
      : { op, opReason: `set by hand; detected ${auto.op}: ${auto.reason}`, opOverridden: true };
  const [row] = await db.update(tools).set(next).where(eq(tools.id, id)).returning();
  return row ?? null;
}

/** Reads back "set by hand; detected read: HTTP GET" into the automatic decision. */
function parseAuto(reason: string): { op: 'read' | 'write'; reason: string } {
  const m = /^set by hand; detected (read|write): (.*)$/s.exec(reason);
  return m ? { op: m[1] as 'read' | 'write', reason: m[2]! } : { op: 'read', reason };
}
