import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { domains, domainTools, tools } from '../schema';
import { edgeAt, edgeReasons, edgesWithin, loadEdgeSet } from './edge-set';
import { latestBuild } from './graph';

/**
 * The Graph page never receives more than this many tools at once: past it, the page shows the
 * domain overview and one domain's tool graph at a time. 5,000 is what the WebGL renderer pans and
 * zooms at display rate in Chromium (bench/graph-frames.ts), and about 0.5 MB of JSON.
 */
export const TOOL_CAP = 5000;
/** The strongest edges among the chosen tools, at most: a 5,000-tool view holds ~70,000 edges at the defaults. */
export const EDGE_CAP = 25_000;

export type ToolGraphTool = { id: string; name: string; op: 'read' | 'write'; domainId: string | null };
/** An edge as indexes into `tools` (compact: tens of thousands of them), weight, and 1 when directed. */
export type ToolGraphEdge = [source: number, target: number, weight: number, forward: 0 | 1];

export type ToolGraph =
  | { mode: 'none' }
  | { mode: 'overview'; buildId: string; total: number; cap: number }
  | { mode: 'tools'; buildId: string; domainId: string | null; total: number; tools: ToolGraphTool[]; edges: ToolGraphEdge[]; edgesTotal: number };

/**
 * The latest build's tool graph: every tool outside the dropped ones (or one domain's), with the
 * strongest edges among them. A graph over `cap` tools answers `overview`: the page draws domains
 * instead, and a domain's tool graph on demand, so the browser never gets 30,000 nodes.
 */
export async function toolGraph(db: Db, opts: { domainId?: string; cap?: number; edgeCap?: number } = {}): Promise<ToolGraph> {
  const build = await latestBuild(db);
  if (!build) return { mode: 'none' };
  const cap = opts.cap ?? TOOL_CAP;
  const where = opts.domainId ? sql`dt.domain_id = ${opts.domainId}` : sql`true`;
  const chosen = sql`select t.id, t.name, t.op, dt.domain_id from ${tools} t
    left join ${domainTools} dt on dt.tool_id = t.id
    where coalesce(dt.dropped, false) = false and ${where}`;
  const [count] = rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from (${chosen}) c`));
  const total = Number(count?.total ?? 0);
  if (total > cap) return { mode: 'overview', buildId: build.id, total, cap };

  const rows = rowsOf<{ id: string; name: string; op: 'read' | 'write'; domain_id: string | null }>(await db.execute(sql`${chosen} order by t.name, t.id`));
  const list = rows.map((r) => ({ id: r.id, name: r.name, op: r.op, domainId: r.domain_id }));
  const index = new Map(list.map((t, i) => [t.id, i]));
  const set = await loadEdgeSet(db, build.id);
  const found = set ? edgesWithin(set, new Set(index.keys())) : [];
  const strongest = set ? found.sort((x, y) => set.weight[y]! - set.weight[x]! || x - y).slice(0, opts.edgeCap ?? EDGE_CAP) : [];
  const edges: ToolGraphEdge[] = strongest.map((k) => [
    index.get(set!.toolIds[set!.source[k]!]!)!,
    index.get(set!.toolIds[set!.target[k]!]!)!,
    Math.round(set!.weight[k]! * 1000) / 1000,
    set!.forward[k] ? 1 : 0,
  ]);
  return { mode: 'tools', buildId: build.id, domainId: opts.domainId ?? null, total: list.length, tools: list, edges, edgesTotal: found.length };
}

/** Why the latest build joined two tools (fetched on hover: reasons are most of an edge's bytes). */
export async function edgeReason(db: Db, source: string, target: string) {
  const build = await latestBuild(db);
  const set = build ? await loadEdgeSet(db, build.id) : null;
  if (!set) return null;
  const k = edgesWithin(set, new Set([source, target]))[0];
  if (k === undefined) return null;
  const edge = edgeAt(set, k);
  const [reason] = await edgeReasons(db, [edge]);
  return { reason: reason!, direction: edge.direction, weight: edge.weight };
}

/**
 * Tools whose name holds the text, with their domain: the search of a graph too large to load whole
 * finds the domain to open. Also counts every match, for "12 tools match".
 */
export async function findTools(db: Db, q: string, limit = 20) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = rowsOf<{ id: string; name: string; domain_id: string | null; domain: string | null; total: number }>(
    await db.execute(sql`select t.id, t.name, dt.domain_id, d.name as domain, count(*) over ()::int as total
      from ${tools} t left join ${domainTools} dt on dt.tool_id = t.id left join ${domains} d on d.id = dt.domain_id
      where coalesce(dt.dropped, false) = false and t.name ilike ${pattern}
      order by length(t.name), t.name, t.id limit ${limit}`),
  );
  return { total: Number(rows[0]?.total ?? 0), tools: rows.map((r) => ({ id: r.id, name: r.name, domainId: r.domain_id, domain: r.domain })) };
}
