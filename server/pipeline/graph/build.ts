import { ANCHOR_FLOOR, tieEdges } from './anchors';
import { detectDomains, type LockedDomain } from './communities';
import { isCopy } from './copies';
import { directEdge } from './direction';
import type { GraphEdge, GraphParams, GraphResult, GraphTool } from './model';
import { separateNameClashes } from './name-clashes';
import { nameDomains } from './naming';
import { similarEdges } from './similarity';
import { lexicalVectors, type SparseVector } from './vectors';

export type BuildOptions = {
  /** Vectors to use instead of lexical ones (embeddings from an endpoint), one per tool, in order. */
  vectors?: SparseVector[];
  locked?: LockedDomain[];
  onProgress?: (fraction: number, message: string) => void;
};

/** Tools → similarity edges with a direction each → domains with names. Pure: no I/O. */
export function buildGraph(tools: GraphTool[], params: GraphParams, opts: BuildOptions = {}): GraphResult {
  const progress = opts.onProgress ?? (() => {});
  const seconds: Record<string, number> = {};
  const timed = <T>(phase: string, fraction: number, message: string, run: () => T): T => {
    progress(fraction, message);
    const t0 = performance.now();
    const out = run();
    seconds[phase] = (performance.now() - t0) / 1000;
    return out;
  };

  if (params.vectors === 'embeddings' && !opts.vectors) throw new Error('vectors "embeddings" needs the embeddings passed in: none were given');
  if (opts.vectors && opts.vectors.length !== tools.length) throw new Error(`${opts.vectors.length} vectors for ${tools.length} tools`);

  const vectors = timed('vectors', 0, 'vectors', () => opts.vectors ?? lexicalVectors(tools));
  const similar = timed('edges', 0.1, 'similar tools', () =>
    tieEdges(similarEdges(vectors, { ...params, threshold: Math.min(params.threshold, ANCHOR_FLOOR) }), tools.length, params.threshold, params.anchors),
  );
  const edges = timed('direction', 0.6, 'edge directions', () =>
    similar.map(({ a, b, weight }): GraphEdge => {
      const d = directEdge(tools[a]!, tools[b]!);
      return { source: d.from, target: d.to, weight, direction: d.direction, reason: d.reason };
    }),
  );
  const partition = timed('communities', 0.7, 'domains', () => {
    // Edges between copies of one tool stay in the graph but tie nothing (see copies.ts).
    const ties = edges.filter((_, k) => !isCopy(tools[similar[k]!.a]!, tools[similar[k]!.b]!, similar[k]!.weight, params.duplicate));
    const found = detectDomains(
      tools.map((t) => t.id),
      ties,
      params,
      opts.locked,
      params.documents ? tools.map((t) => t.origin) : undefined,
    );
    return separateNameClashes(found, tools, params.maxSize);
  });
  const domains = timed('names', 0.95, 'domain names', () => nameDomains(partition.domains, new Map(tools.map((t) => [t.id, t]))));
  progress(1, 'done');

  const sizes = domains.map((d) => d.toolIds.length).sort((a, b) => a - b);
  return {
    edges,
    domains,
    unassigned: partition.unassigned,
    modularity: partition.modularity,
    stats: {
      tools: tools.length,
      edges: edges.length,
      domains: domains.length,
      unassigned: partition.unassigned.length,
      largest: sizes[sizes.length - 1] ?? 0,
      median: median(sizes),
      seconds,
    },
  };
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
