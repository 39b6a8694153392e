import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { loadGraphTools } from './db/queries/graph';
import { lockedForBuild } from './graph-keep-whole';
import { rowsOf } from './db/rows';
import { detectDomains } from './pipeline/graph/communities';
import { isCopy } from './pipeline/graph/copies';
import type { GraphParams } from './pipeline/graph/model';
import { similarEdges, type SimilarEdge } from './pipeline/graph/similarity';
import { lexicalVectors } from './pipeline/graph/vectors';

/** The lowest τ the slider offers; candidates above it are computed once and filtered per τ. */
export const PREVIEW_FLOOR = 0.05;

type Candidates = { key: string; toolIds: string[]; collectionIds: string[]; names: Array<{ name: string }>; edges: SimilarEdge[] };
const KEY = Symbol.for('environment-studio.graph-preview');
type Global = typeof globalThis & { [KEY]?: Candidates };

/**
 * Edge and domain counts for a τ before a rebuild. The similarity pass is cached for the current
 * set of tools: the k strongest neighbours above τ are the k strongest above the floor, filtered
 * to τ, so moving the slider only re-runs the (fast) community detection. Collections kept whole
 * (`keepWhole`, else the remembered ones) are left out of it as in a build.
 */
export async function previewGraph(db: Db, params: GraphParams, keepWhole?: string[]) {
  const t0 = performance.now();
  const [sig] = rowsOf<{ n: number; h: string | null }>(await db.execute(sql`select count(*)::int as n, md5(string_agg(id::text, ',' order by id)) as h from tools`));
  const key = `${sig?.n}:${sig?.h}:${params.maxNeighbours}:${params.duplicate}`;
  const g = globalThis as Global;
  let cached = g[KEY];
  if (!cached || cached.key !== key) {
    const tools = await loadGraphTools(db);
    const edges = similarEdges(lexicalVectors(tools), { threshold: PREVIEW_FLOOR, maxNeighbours: params.maxNeighbours, duplicate: params.duplicate });
    cached = { key, toolIds: tools.map((t) => t.id), collectionIds: tools.map((t) => t.collectionId), names: tools.map((t) => ({ name: t.name })), edges };
    g[KEY] = cached;
  }
  const ids = cached.toolIds;
  const { names } = cached;
  // As in a build: edges between copies of one tool do not tie domains together.
  const edges = cached.edges.filter((e) => e.weight > params.threshold && !isCopy(names[e.a]!, names[e.b]!, e.weight, params.duplicate)).map((e) => ({ source: ids[e.a]!, target: ids[e.b]!, weight: e.weight, direction: 'both' as const, reason: '' }));
  const { locked } = await lockedForBuild(db, ids.map((id, i) => ({ id, collectionId: cached.collectionIds[i]! })), keepWhole);
  const found = detectDomains(ids, edges, params, locked);
  return {
    tools: ids.length,
    edges: edges.length,
    domains: found.domains.length,
    unassigned: found.unassigned.length,
    modularity: found.modularity,
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}
