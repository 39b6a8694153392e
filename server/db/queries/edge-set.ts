import { eq, inArray, ne, sql } from 'drizzle-orm';
import { directEdge } from '../../pipeline/graph/direction';
import type { GraphEdge, GraphTool } from '../../pipeline/graph/model';
import type { Db } from '../client';
import { graphEdgeSets, tools } from '../schema';

/** A build's edges as parallel arrays: edge k joins toolIds[source[k]] to toolIds[target[k]]. */
export type EdgeSet = {
  toolIds: string[];
  count: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float32Array;
  /** 1: source comes before target in a walk; 0: either order. */
  forward: Uint8Array;
};

export type StoredEdge = Pick<GraphEdge, 'source' | 'target' | 'weight' | 'direction'>;

type Writer = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

// Bytes per edge: source and target indexes (4 each), weight (4), forward (1).
const EDGE_BYTES = 13;

/** Edges → the packed form: source indexes, then targets, then weights, then forward flags. */
export function packEdges(edges: StoredEdge[], known: string[] = []): { toolIds: string[]; count: number; bytes: Uint8Array } {
  const toolIds = [...known];
  const index = new Map(toolIds.map((id, i) => [id, i]));
  const indexOf = (id: string) => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = toolIds.push(id) - 1));
    return i;
  };
  const n = edges.length;
  const buffer = new ArrayBuffer(n * EDGE_BYTES);
  const source = new Int32Array(buffer, 0, n);
  const target = new Int32Array(buffer, n * 4, n);
  const weight = new Float32Array(buffer, n * 8, n);
  const forward = new Uint8Array(buffer, n * 12, n);
  edges.forEach((e, k) => {
    source[k] = indexOf(e.source);
    target[k] = indexOf(e.target);
    weight[k] = e.weight;
    forward[k] = e.direction === 'forward' ? 1 : 0;
  });
  return { toolIds, count: n, bytes: new Uint8Array(buffer) };
}

export function unpackEdges(toolIds: string[], count: number, bytes: Uint8Array): EdgeSet {
  if (bytes.byteLength !== count * EDGE_BYTES) throw new Error(`packed edges hold ${bytes.byteLength} bytes, not the ${count * EDGE_BYTES} of ${count} edges`);
  // A copy: the driver's bytes may be a view into a larger pool (node-postgres hands a Buffer, whose
  // slice() is a view), at an offset typed arrays cannot be aligned to.
  const buffer = new Uint8Array(bytes).buffer;
  return {
    toolIds,
    count,
    source: new Int32Array(buffer, 0, count),
    target: new Int32Array(buffer, count * 4, count),
    weight: new Float32Array(buffer, count * 8, count),
    forward: new Uint8Array(buffer, count * 12, count),
  };
}

export function edgeAt(set: EdgeSet, k: number): StoredEdge {
  return { source: set.toolIds[set.source[k]!]!, target: set.toolIds[set.target[k]!]!, weight: set.weight[k]!, direction: set.forward[k] ? 'forward' : 'both' };
}

/** The build's edges in place of any other build's (older builds keep their record, not their edges). */
export async function replaceEdgeSet(tx: Writer, buildId: string, edges: StoredEdge[]) {
  await tx.delete(graphEdgeSets).where(ne(graphEdgeSets.buildId, buildId));
  const packed = packEdges(edges);
  await tx.insert(graphEdgeSets).values({ buildId, toolIds: packed.toolIds, count: packed.count, edges: packed.bytes });
}

/** Adds edges to a build's set (a scoped build); answers the set's new edge count. */
export async function appendEdgeSet(tx: Writer, buildId: string, edges: StoredEdge[]): Promise<number> {
  const [row] = await tx.select().from(graphEdgeSets).where(eq(graphEdgeSets.buildId, buildId));
  const before = row ? unpackEdges(row.toolIds, row.count, row.edges) : null;
  const all = before ? [...Array.from({ length: before.count }, (_, k) => edgeAt(before, k)), ...edges] : edges;
  const packed = packEdges(all, before?.toolIds);
  if (row)
    await tx
      .update(graphEdgeSets)
      .set({ toolIds: packed.toolIds, count: packed.count, edges: packed.bytes, revision: sql`${graphEdgeSets.revision} + 1` })
      .where(eq(graphEdgeSets.buildId, buildId));
  else await tx.insert(graphEdgeSets).values({ buildId, toolIds: packed.toolIds, count: packed.count, edges: packed.bytes });
  return packed.count;
}

// The last sets read, by build and revision: the Graph page, a domain's page and the overview all
// read the latest build's edges, which change only with a build.
const cache = new Map<string, { revision: number; set: EdgeSet }>();
const CACHED_SETS = 2;

export async function loadEdgeSet(db: Db, buildId: string): Promise<EdgeSet | null> {
  const [head] = await db.select({ revision: graphEdgeSets.revision }).from(graphEdgeSets).where(eq(graphEdgeSets.buildId, buildId));
  if (!head) return null;
  const hit = cache.get(buildId);
  if (hit && hit.revision === head.revision) return hit.set;
  const [row] = await db.select().from(graphEdgeSets).where(eq(graphEdgeSets.buildId, buildId));
  if (!row) return null;
  const set = unpackEdges(row.toolIds, row.count, row.edges);
  cache.delete(buildId);
  cache.set(buildId, { revision: row.revision, set });
  while (cache.size > CACHED_SETS) cache.delete(cache.keys().next().value!);
  return set;
}

/** Indexes of the set's edges with both ends in `among`. */
export function edgesWithin(set: EdgeSet, among: ReadonlySet<string>): number[] {
  const inside = set.toolIds.map((id) => among.has(id));
  const found: number[] = [];
  for (let k = 0; k < set.count; k++) if (inside[set.source[k]!] && inside[set.target[k]!]) found.push(k);
  return found;
}

/** Why the build joined two tools: it follows from the tools themselves (see direction.ts). */
export async function edgeReasons(db: Db, pairs: Array<{ source: string; target: string }>): Promise<string[]> {
  const ids = [...new Set(pairs.flatMap((p) => [p.source, p.target]))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: tools.id, name: tools.name, description: tools.description, op: tools.op, parameters: tools.parameters, returns: tools.returns })
    .from(tools)
    .where(inArray(tools.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r as GraphTool]));
  return pairs.map(({ source, target }) => {
    const a = byId.get(source);
    const b = byId.get(target);
    return a && b ? directEdge(a, b).reason : 'one of its tools is gone';
  });
}
