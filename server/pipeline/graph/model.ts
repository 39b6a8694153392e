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

/*
 * How the defaults were chosen: measured with lexical vectors on two real pools (real-data.test.ts).
 * ToolBench: 834 functions of 279 RapidAPI tools; NMI between domains (unassigned tools each their
 * own cluster) and the RapidAPI tool of each function, and pair F1 (pairs of tools in one domain
 * that share their RapidAPI tool). Beware: NMI is generous here. Most RapidAPI tools have 1–3
 * functions, so leaving every tool unassigned already scores 0.882 (ToolBench's 24 categories as
 * domains: 0.701); pair F1 is the stricter figure. τ-bench: retail + airline in one build; "mixed"
 * counts domains holding tools of both. Other defaults as below.
 *
 *   threshold   edges  domains  unassigned  NMI    pair F1 │ τ-bench domains  mixed
 *   0.20        3224   89        72         0.895  0.55    │ 4                1
 *   0.25        2515   91       113         0.912  0.60    │ 4                1
 *   0.30        2024   96       161         0.924  0.65    │ 4                0   ← default
 *   0.35        1641  103       214         0.932  0.67    │ 3                0
 *   0.40        1348  106       269         0.933  0.66    │ 1                0
 *   0.50         902   88       369         0.926  0.59    │ 1                0
 *   0.60         567   64       530         0.911  0.42    │ 1                0
 *
 * Below 0.3, weak edges (a shared "user", "id") join retail tools to airline ones; above 0.35,
 * τ-bench's verbose tools fall apart into one domain and many unassigned. 0.3 keeps the most tools
 * in sensible domains on both (τ-bench: retail orders; airline booking; reservations and users;
 * flight search). The others, one at a time at 0.3 (NMI / pair F1): maxNeighbours 5: 0.921 / 0.62,
 * 20: 0.921 / 0.63; minSize 2: 0.929 / 0.66 but two-tool domains are thin environments, 4: 0.917 /
 * 0.62; maxSize 10: 0.928 / 0.64, 15: 0.926 / 0.66, 30: 0.916 / 0.57, 60: 0.882 / 0.37 (big domains
 * glue several APIs together; τ-bench's largest natural domain, retail, has 16 tools); resolution
 * 0.5: 0.919 / 0.61, 2: 0.920 / 0.62; duplicate 1 (no copy rule): τ-bench mixed; seeds 1–3: 0.923.
 *
 * Lexical weights (LEXICAL_WEIGHTS), at the defaults: parameters only 0.847 / 0.32; names and
 * descriptions only 0.938 / 0.70 but τ-bench mixed; both 0.924 / 0.65. ToolBench function names
 * embed their RapidAPI tool's name, the very label measured, so names alone score best there; the
 * parameters still carry real signal (pair precision 0.27 alone, where chance is under 0.01) and
 * are what keeps τ-bench's retail and airline apart. Tool name 0.3 instead of 0.5: 0.901 / 0.54;
 * tool description 0.4 instead of 0.2: 0.911 / 0.57; parameter descriptions 1 instead of 0.5:
 * 0.914 / 0.59 and τ-bench mixed; no type tokens: 0.923 / 0.64; no prose pivot: 0.920 / 0.62.
 */
export const graphParams = z.object({
  /** Cosine similarity at or above which two tools are joined (chosen by measurement: see above). */
  threshold: z.number().min(0).max(1).default(0.3),
  /** At most this many strongest neighbours per tool (the union of both ends' lists is kept). */
  maxNeighbours: z.number().int().min(1).max(200).default(10),
  /** Louvain resolution: higher gives more, smaller domains. */
  resolution: z.number().min(0.01).max(20).default(1),
  /** Domains smaller than this are merged into their strongest neighbour, or left unassigned. */
  minSize: z.number().int().min(1).max(10_000).default(3),
  /** Domains larger than this are split by Louvain on their own subgraph. */
  maxSize: z.number().int().min(2).max(100_000).default(20),
  /**
   * Similarity at or above which two tools are near-identical: they take no neighbour slot from
   * each other, and when they also share a name (`think` in several collections) their edge is
   * kept but ties no domain (see copies.ts).
   */
  duplicate: z.number().min(0).max(1).default(0.9),
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
export type LexicalWeights = {
  parameterName: number;
  parameterType: number;
  parameterDescription: number;
  toolName: number;
  toolDescription: number;
  /** Words of a description beyond which each word weighs less (see vectors.ts). */
  prosePivot: number;
};

/**
 * Parameters count fully; the tool's own name at half and its description at a fifth: descriptions
 * are prose with many incidental words, names are short and on point. Measured above.
 */
export const LEXICAL_WEIGHTS: LexicalWeights = { parameterName: 1, parameterType: 0.25, parameterDescription: 0.5, toolName: 0.5, toolDescription: 0.2, prosePivot: 8 };
