import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import modularity from 'graphology-metrics/graph/modularity';
import type { Domain, GraphParams } from './model';
import { gatherDocuments } from './documents';
import { seededRandom } from '../kernel/random';

export type LockedDomain = { key: string; name: string; toolIds: string[] };
export type WeightedEdge = { source: string; target: string; weight: number };
/** Domains come back unnamed (name ''), except locked ones, which come back exactly as given. */
export type Partition = { domains: Domain[]; unassigned: string[]; modularity: number };
export type ClusterParams = Pick<GraphParams, 'resolution' | 'minSize' | 'joinSize' | 'maxSize' | 'seed'> & Partial<Pick<GraphParams, 'threshold'>>;

/** Doublings of the resolution tried on a domain too large before accepting it will not split. */
const SPLIT_TRIES = 5;

/**
 * Domains of tools: Louvain over the similarity graph, then oversized communities split by Louvain
 * on their own subgraph, then small ones merged into their strongest neighbour, then the scattered
 * parts of each small document gathered (documents.ts; `origins`, beside `toolIds`, name each tool's
 * document, when known).
 *
 * Tools in locked domains are taken out before anything else: they are not clustered, edges to them
 * pull no one, and their domains come back unchanged.
 *
 * Modularity is that of the final partition over the free tools' graph, with each unassigned tool as
 * its own community (they stay in the graph Louvain saw, so runs compare). It is computed at
 * resolution 1 whatever resolution the clustering used, so that those runs compare too.
 */
export function detectDomains(
  toolIds: string[],
  edges: WeightedEdge[],
  params: ClusterParams,
  locked: LockedDomain[] = [],
  origins?: ReadonlyArray<string | undefined>,
): Partition {
  const lockedIds = new Set(locked.flatMap((d) => d.toolIds));
  const free = toolIds.filter((id) => !lockedIds.has(id));
  const adjacency = buildAdjacency(free, edges);
  const rng = seededRandom(params.seed);
  const all = free.map((_, i) => i);
  const graph = inducedGraph(all, adjacency);

  const split = (group: number[]): number[][] => {
    if (group.length <= params.maxSize) return [group];
    for (let tries = 0, resolution = params.resolution; tries < SPLIT_TRIES; tries++, resolution *= 2) {
      // A group of every tool is the graph already built.
      const parts = louvainGroups(group.length === free.length ? graph : inducedGraph(group, adjacency), resolution, rng);
      // Each part is strictly smaller than the group, so the recursion ends.
      if (parts.length > 1) return parts.flatMap(split);
    }
    // One dense block that even a high resolution keeps whole: better oversized than cut at random.
    return [group];
  };
  const groups = louvainGroups(graph, params.resolution, rng).flatMap(split);
  const merged = mergeSmall(groups, adjacency, params);
  const originOf = origins ? new Map(toolIds.map((id, i) => [id, origins[i]])) : new Map<string, string | undefined>();
  const { kept, unassigned } = gatherDocuments(merged.kept, merged.unassigned, (i) => originOf.get(free[i]!), params);

  const taken = new Set(locked.map((d) => d.key));
  let next = 1;
  const keyOf = () => {
    while (taken.has(`d${next}`)) next++;
    return `d${next++}`;
  };
  // Largest first, then by where the first tool stands in the input: the same input, the same keys.
  kept.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const domains: Domain[] = kept.map((g) => ({ key: keyOf(), name: '', toolIds: g.map((i) => free[i]!), locked: false }));

  return {
    domains: [...locked.map((d) => ({ key: d.key, name: d.name, toolIds: [...d.toolIds], locked: true })), ...domains],
    unassigned: unassigned.map((i) => free[i]!),
    modularity: partitionModularity(graph, kept),
  };
}

/** Neighbours of each free tool in compressed rows; repeated edges add up, self-loops and locked ends drop. */
type Adjacency = { start: Int32Array; neighbour: Int32Array; weight: Float64Array };

function buildAdjacency(free: string[], edges: WeightedEdge[]): Adjacency {
  const index = new Map(free.map((id, i) => [id, i]));
  const n = free.length;
  const merged = new Map<number, number>();
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    const key = Math.min(s, t) * n + Math.max(s, t);
    merged.set(key, (merged.get(key) ?? 0) + e.weight);
  }
  const degree = new Int32Array(n + 1);
  for (const key of merged.keys()) {
    degree[Math.floor(key / n) + 1]!++;
    degree[(key % n) + 1]!++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i + 1]!;
  const fill = start.slice(0, n);
  const neighbour = new Int32Array(start[n]!);
  const weight = new Float64Array(start[n]!);
  for (const [key, w] of merged) {
    const a = Math.floor(key / n);
    const b = key % n;
    neighbour[fill[a]!] = b;
    weight[fill[a]!++] = w;
    neighbour[fill[b]!] = a;
    weight[fill[b]!++] = w;
  }
  return { start, neighbour, weight };
}

/** The subgraph on `nodes` (free-tool indices, ascending), keyed by index. */
function inducedGraph(nodes: number[], adj: Adjacency): Graph {
  const graph = new Graph({ type: 'undirected' });
  const inside = new Set(nodes);
  for (const i of nodes) graph.addNode(String(i));
  for (const i of nodes) {
    for (let p = adj.start[i]!; p < adj.start[i + 1]!; p++) {
      const j = adj.neighbour[p]!;
      if (j > i && inside.has(j)) graph.addEdge(String(i), String(j), { weight: adj.weight[p]! });
    }
  }
  return graph;
}

/** Louvain's communities as ascending member lists, ordered by their first member. */
function louvainGroups(graph: Graph, resolution: number, rng: () => number): number[][] {
  const { communities } = louvain.detailed(graph, { resolution, rng, getEdgeWeight: 'weight' });
  const byCommunity = new Map<number, number[]>();
  graph.forEachNode((node) => {
    const c = communities[node]!;
    let members = byCommunity.get(c);
    if (!members) byCommunity.set(c, (members = []));
    members.push(Number(node));
  });
  return [...byCommunity.values()].map((m) => m.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/**
 * Communities under `joinSize` join the neighbour they are most strongly tied to (total edge weight)
 * among those with room left under `maxSize`, smallest first, until nothing moves: two small ones
 * may join and together reach the minimum. A community of at least `minSize` with no such neighbour
 * stays a domain of its own; one under `minSize` is left unassigned.
 *
 * Why join above the minimum: Louvain cuts an API along its entities (orders apart from the users
 * who place them), and a person would draw one domain where the parts share an entity. `joinSize`
 * bounds that to fragments, so two real APIs of fair size are not glued together.
 */
function mergeSmall(
  groups: number[][],
  adj: Adjacency,
  sizes: Pick<ClusterParams, 'minSize' | 'joinSize' | 'maxSize' | 'threshold'>,
): { kept: number[][]; unassigned: number[] } {
  const { minSize, maxSize } = sizes;
  const strong = sizes.threshold ?? 0;
  const joinBelow = Math.max(minSize, sizes.joinSize);
  const members = groups.map((g) => [...g]);
  const label = new Int32Array(adj.start.length - 1);
  members.forEach((g, c) => g.forEach((i) => (label[i] = c)));

  // Communities big enough to stand alone that found no neighbour with room: neighbours only grow,
  // so none will have room later either.
  const alone = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    const small = members
      .map((g, c) => c)
      .filter((c) => members[c]!.length > 0 && members[c]!.length < joinBelow && !alone.has(c))
      .sort((x, y) => members[x]!.length - members[y]!.length || members[x]![0]! - members[y]![0]!);
    for (const c of small) {
      const group = members[c]!;
      if (group.length === 0 || group.length >= joinBelow || alone.has(c)) continue;
      const ties = new Map<number, number>();
      // A community that could stand alone joins only through edges at or above τ (a shared entity);
      // the weaker anchor edges (anchors.ts) place leftovers, never glue two APIs of fair size.
      const floor = group.length >= minSize ? strong : 0;
      for (const i of group) {
        for (let p = adj.start[i]!; p < adj.start[i + 1]!; p++) {
          if (adj.weight[p]! < floor) continue;
          const other = label[adj.neighbour[p]!]!;
          if (other !== c) ties.set(other, (ties.get(other) ?? 0) + adj.weight[p]!);
        }
      }
      let best = -1;
      for (const [other, w] of ties) {
        if (members[other]!.length + group.length > maxSize) continue;
        const bestW = best < 0 ? -Infinity : ties.get(best)!;
        if (w > bestW || (w === bestW && members[other]![0]! < members[best]![0]!)) best = other;
      }
      if (best < 0) {
        if (group.length >= minSize) alone.add(c);
        continue;
      }
      for (const i of group) label[i] = best;
      members[best] = [...members[best]!, ...group].sort((a, b) => a - b);
      members[c] = [];
      changed = true;
    }
  }
  const kept = members.filter((g) => g.length >= minSize);
  const unassigned = members
    .filter((g) => g.length > 0 && g.length < minSize)
    .flat()
    .sort((a, b) => a - b);
  return { kept, unassigned };
}

function partitionModularity(graph: Graph, kept: number[][]): number {
  if (graph.size === 0) return 0;
  const community = new Map<string, string>();
  kept.forEach((g, c) => g.forEach((i) => community.set(String(i), `d${c}`)));
  return modularity(graph, { getNodeCommunity: (node) => community.get(node) ?? `u${node}`, getEdgeWeight: 'weight', resolution: 1 });
}
