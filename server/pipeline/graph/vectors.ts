import { LEXICAL_WEIGHTS, type GraphTool, type LexicalWeights } from './model';
import { isMetaParam } from '../tools/param-roles';
import { contentWords } from './terms';

/** A unit-length vector over term ids; `terms` ascending, `weights` beside them. */
export type SparseVector = { terms: Int32Array; weights: Float32Array };

/**
 * TF-IDF vectors of what a tool takes: its parameters' names, types and descriptions, then, lighter
 * (LEXICAL_WEIGHTS, measured in model.ts), its own name and description. Parameters lead because
 * the tools of one API share them (`order_id`, `currency`) even where their names and prose differ.
 * Paging and transport parameters (`limit`, `before`, `api_key`) weigh `metaParameter` of that: every
 * listing of every API has them, so they would tie unrelated listings together.
 */
export function lexicalVectors(tools: GraphTool[], weights: LexicalWeights = LEXICAL_WEIGHTS): SparseVector[] {
  const vocabulary = new Map<string, number>();
  const bags = tools.map((tool) => termCounts(tool, weights, vocabulary));

  const df = new Int32Array(vocabulary.size);
  for (const bag of bags) for (const term of bag.keys()) df[term]!++;
  // Smoothed so that a term every tool has still weighs a little: a tool made only of common
  // words keeps a direction instead of becoming the zero vector.
  const idf = Float64Array.from(df, (d) => Math.log(1 + tools.length / d));

  return bags.map((bag) => {
    const terms = Int32Array.from(bag.keys()).sort();
    const values = Array.from(terms, (t) => Math.sqrt(bag.get(t)!) * idf[t]!);
    return unit(terms, values);
  });
}

/**
 * Dense embeddings as vectors over all their dimensions, normalised, so that the same edge code
 * serves an embeddings endpoint (it notices they are dense and takes its exact path).
 */
export function vectorsFromEmbeddings(embeddings: number[][]): SparseVector[] {
  return embeddings.map((e) =>
    unit(
      Int32Array.from(e, (_, i) => i),
      e,
    ),
  );
}

function unit(terms: Int32Array, values: ArrayLike<number>): SparseVector {
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += values[i]! * values[i]!;
  norm = Math.sqrt(norm);
  const weights = Float32Array.from(values, (v) => (norm > 0 ? v / norm : 0));
  return { terms, weights };
}

/**
 * Weighted term frequencies. The square root applied later damps repetition: a description that
 * says "order" five times is about orders, not five times more than one that says it once.
 */
function termCounts(tool: GraphTool, w: LexicalWeights, vocabulary: Map<string, number>): Map<number, number> {
  const bag = new Map<number, number>();
  const add = (term: string, weight: number) => {
    let id = vocabulary.get(term);
    if (id === undefined) vocabulary.set(term, (id = vocabulary.size));
    bag.set(id, (bag.get(id) ?? 0) + weight);
  };
  // Pivoted length normalisation: past `prosePivot` words, each word of a text weighs √(pivot/length)
  // of its share, so a long description (τ-bench's run to 50 words) does not drown the parameters by
  // its length alone.
  const addProse = (ws: string[], weight: number) => {
    const scale = ws.length > w.prosePivot ? Math.sqrt(w.prosePivot / ws.length) : 1;
    for (const word of ws) add(word, weight * scale);
  };
  const properties = tool.parameters.properties ?? {};
  for (const [name, schema] of Object.entries(properties)) {
    const k = isMetaParam(name) ? w.metaParameter : 1;
    for (const word of contentWords(name)) add(word, w.parameterName * k);
    const s = (schema ?? {}) as { type?: unknown; description?: unknown };
    // A prefix no word can have, so `string` the type never meets "string" the word.
    add(`:${typeof s.type === 'string' ? s.type : 'any'}`, w.parameterType * k);
    if (typeof s.description === 'string') addProse(contentWords(s.description), w.parameterDescription * k);
  }
  for (const word of contentWords(tool.name)) add(word, w.toolName);
  addProse(contentWords(tool.description), w.toolDescription);
  return bag;
}
