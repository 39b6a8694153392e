import { z } from 'zod';

/** What the graph stage needs of a tool; ids are the tools' database ids (or any unique strings). */
export type GraphTool = {
  id: string;
  name: string;
  description: string;
  op: 'read' | 'write';
  parameters: { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
  returns: Record<string, unknown> | null;
  /** The document the tool came from (a collection's file): tools of one small document are one API. */
  origin?: string;
};

/*
 * How the defaults were chosen: measured with lexical vectors on two real pools (real-data.test.ts).
 * τ-bench: retail (16 tools) and airline (14) imported together; "own" is the share of an API's
 * tools in its largest domain holding no other API's tools, "alone" its unassigned tools.
 * ToolBench: 834 functions of 279 RapidAPI tools; NMI between domains (unassigned tools each their
 * own cluster) and the RapidAPI tool of each function. NMI is generous here: most RapidAPI tools have
 * 1–3 functions, so leaving every tool unassigned already scores 0.882; domains that hold nearly
 * every tool must give some of that up. Each RapidAPI tool is a file, so the documents rule sees the
 * label measured; without it ToolBench scores 0.866, the same.
 *
 *   change from the defaults   retail own/alone  airline own/alone │ NMI    domains  unassigned  largest  median
 *   (defaults)                 16/16  0          14/14  0          │ 0.893   89       14         25       8
 *   documents off               9/16  3           4/14  3          │ 0.866   91       14         23       8
 *   anchors 0                  16/16  0          14/14  0          │ 0.913   87      124         25       7
 *   joinSize 5                 16/16  0          14/14  0          │ 0.865   85       14         25       9
 *   joinSize 8                 16/16  0          14/14  0          │ 0.852   73       14         25      10
 *   maxSize 20                 16/16  0          14/14  0          │ 0.879   98       14         20       8
 *   maxSize 30                 16/16  0          14/14  0          │ 0.849   75       14         30       9
 *   threshold 0.25             15/16  0          11/14  0          │ 0.864   89       14         24       8
 *   threshold 0.35             16/16  0          14/14  0          │ 0.882   99       14         25       8
 *
 * (The other rows were measured before a small document's strays came home, which took the defaults'
 * NMI from 0.867 to 0.893; "documents off" is unchanged by it.)
 *
 * Without the documents rule τ-bench's utilities (think, calculate, transfer) share nothing with
 * anything and Louvain cuts each API along its entities (orders apart from the users who place them);
 * a document of at most maxSize tools is one API, so its scattered parts are gathered (documents.ts).
 * Anchors (2 weak edges a tool) take ToolBench's unassigned from 124 to 14: a tool is left alone only
 * when it shares almost nothing. joinSize above minSize gives bigger domains (Discord's 242 tools: 24
 * domains at 3, 15 at 8, median 8 → 17) but glues small APIs that share a strong edge, at a cost in
 * NMI; it stays a setting. Paging and transport parameters weigh a tenth (LEXICAL_WEIGHTS): at full
 * weight Discord grew a "before · limit · after" domain of unrelated listings.
 *
 * Earlier measures (before anchors and documents), for the other settings at τ 0.3: maxNeighbours 5
 * or 20 change NMI by under 0.01; resolution 0.5 or 2 likewise; duplicate 1 (no copy rule) mixes
 * τ-bench's APIs through their shared utilities. Lexical weights: parameters only 0.847; names and
 * descriptions only 0.938 but τ-bench mixed (ToolBench function names embed their RapidAPI tool's
 * name, the very label measured); both 0.924. Parameter descriptions at 1 instead of 0.5 mix τ-bench.
 */
export const graphParams = z.object({
  /** Cosine similarity at or above which two tools are joined (chosen by measurement: see above). */
  threshold: z.number().min(0).max(1).default(0.3),
  /** At most this many strongest neighbours per tool (the union of both ends' lists is kept). */
  maxNeighbours: z.number().int().min(1).max(200).default(10),
  /** Louvain resolution: higher gives more, smaller domains. */
  resolution: z.number().min(0.01).max(20).default(1),
  /**
   * Each tool also keeps this many of its strongest edges under τ (down to 0.1, see anchors.ts), so
   * that a tool is left unassigned only when it shares (almost) nothing with any other.
   */
  anchors: z.number().int().min(0).max(10).default(2),
  /** Domains smaller than this are merged into their strongest neighbour, or left unassigned. */
  minSize: z.number().int().min(1).max(10_000).default(3),
  /** Communities smaller than this join the neighbour they share most with, when it has room. */
  joinSize: z.number().int().min(1).max(10_000).default(3),
  /** Domains larger than this are split by Louvain on their own subgraph. */
  maxSize: z.number().int().min(2).max(100_000).default(25),
  /** Keep each small document (a file of at most maxSize tools: one API) in one domain (documents.ts). */
  documents: z.boolean().default(true),
  /**
   * Similarity at or above which two tools are near-identical: they take no neighbour slot from
   * each other, and when they also share a name (`think` in several collections) their edge is
   * kept but ties no domain (see copies.ts).
   */
  duplicate: z.number().min(0).max(1).default(0.9),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
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
  /** What a paging or transport parameter (`limit`, `cursor`, `api_key`) counts, as a share of another parameter. */
  metaParameter: number;
  /** Words of a description beyond which each word weighs less (see vectors.ts). */
  prosePivot: number;
};

/**
 * Parameters count fully; the tool's own name at half and its description at a fifth: descriptions
 * are prose with many incidental words, names are short and on point. Measured above.
 */
export const LEXICAL_WEIGHTS: LexicalWeights = {
  parameterName: 1,
  parameterType: 0.25,
  parameterDescription: 0.5,
  toolName: 0.5,
  toolDescription: 0.2,
  metaParameter: 0.1,
  prosePivot: 8,
};
