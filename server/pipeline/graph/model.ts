import { z } from 'zod';

/** What the graph stage needs of a tool; ids are the tools' database ids (or any unique strings). */
export type GraphTool = {
  id: string;
  name: string;
  description: string;
  op: 'read' | 'write';
  parameters: { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
  returns: Record<string, unknown> | null;
};

export const graphParams = z.object({
  /** Cosine similarity above which two tools are joined. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** At most this many strongest neighbours per tool (the union of both ends' lists is kept). */
  maxNeighbours: z.number().int().min(1).max(200).default(10),
  /** Louvain resolution: higher gives more, smaller domains. */
  resolution: z.number().min(0.01).max(20).default(1),
  /** Domains smaller than this are merged into their strongest neighbour, or left unassigned. */
  minSize: z.number().int().min(1).max(10_000).default(3),
  /** Domains larger than this are split by Louvain on their own subgraph. */
  maxSize: z.number().int().min(2).max(100_000).default(60),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  vectors: z.enum(['lexical', 'embeddings']).default('lexical'),
});
export type GraphParams = z.infer<typeof graphParams>;

/** A → B: A produces or reads an entity B consumes or changes; `both` when it is unclear. */
export type GraphEdge = { source: string; target: string; weight: number; direction: 'forward' | 'both'; reason: string };

export type Domain = { key: string; name: string; toolIds: string[]; locked: boolean };

export type GraphResult = {
  edges: GraphEdge[];
  domains: Domain[];
  /** Tools in no domain: isolated, or in a community under the minimum size with nowhere to go. */
  unassigned: string[];
  modularity: number;
  stats: { tools: number; edges: number; domains: number; unassigned: number; largest: number; median: number; seconds: Record<string, number> };
};

/** How much each part of a tool counts in its lexical vector (multiplies the term frequency). */
export type LexicalWeights = { parameterName: number; parameterType: number; parameterDescription: number; toolName: number; toolDescription: number };

export const LEXICAL_WEIGHTS: LexicalWeights = { parameterName: 1, parameterType: 0.25, parameterDescription: 0.5, toolName: 0.4, toolDescription: 0.4 };
