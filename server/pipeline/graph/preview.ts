import { tieEdges } from './anchors';
import { detectDomains, type LockedDomain } from './communities';
import { isCopy } from './copies';
import type { GraphParams, GraphTool } from './model';
import { similarEdges, type SimilarEdge } from './similarity';
import { lexicalVectors } from './vectors';

/** The lowest τ the slider offers; candidates above it are computed once and filtered per τ. */
export const PREVIEW_FLOOR = 0.05;

/** What a preview keeps of a set of tools between two settings: the similarity pass, done once. */
export type PreviewBase = { ids: string[]; names: Array<{ name: string }>; origins: Array<string | undefined>; candidates: SimilarEdge[] };

export type PreviewCounts = { tools: number; edges: number; domains: number; unassigned: number; modularity: number };

/**
 * The k strongest neighbours of each tool above the floor: those above any τ are the k strongest
 * above the floor filtered to τ, so moving the slider re-runs only the community detection.
 */
export function previewBase(tools: GraphTool[], params: Pick<GraphParams, 'maxNeighbours' | 'duplicate'>): PreviewBase {
  return {
    ids: tools.map((t) => t.id),
    names: tools.map((t) => ({ name: t.name })),
    origins: tools.map((t) => t.origin),
    candidates: similarEdges(lexicalVectors(tools), { threshold: PREVIEW_FLOOR, maxNeighbours: params.maxNeighbours, duplicate: params.duplicate }),
  };
}

/** Edge and domain counts a build with `params` would give, lexical vectors only. */
export function previewCounts(base: PreviewBase, params: GraphParams, locked: LockedDomain[]): PreviewCounts {
  const { ids, names } = base;
  // As in a build: anchors under τ, and edges between copies of one tool tie no domains together.
  const edges = tieEdges(base.candidates, ids.length, params.threshold, params.anchors)
    .filter((e) => !isCopy(names[e.a]!, names[e.b]!, e.weight, params.duplicate))
    .map((e) => ({ source: ids[e.a]!, target: ids[e.b]!, weight: e.weight }));
  const found = detectDomains(ids, edges, params, locked, params.documents ? base.origins : undefined);
  return { tools: ids.length, edges: edges.length, domains: found.domains.length, unassigned: found.unassigned.length, modularity: found.modularity };
}
