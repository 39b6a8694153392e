import { TopK } from './top-k';
import type { SparseVector } from './vectors';

/** An undirected similarity edge between tools `a` < `b` (indices into the vectors). */
export type SimilarEdge = { a: number; b: number; weight: number };
export type SimilarityOptions = {
  threshold: number;
  maxNeighbours: number;
  /**
   * Similarity at or above which two tools are copies of one tool. Copies get their own
   * `maxNeighbours` slots, so that a tool with many copies still finds the other tools of its API.
   */
  duplicate?: number;
};

/** Per row: the best neighbours, and the copies found beside them. */
type Neighbours = { top: TopK; copies: TopK };

/**
 * Each tool's `maxNeighbours` most similar tools with cosine at least `threshold`, the union over
 * both ends, sorted by (a, b). Vectors must be unit length (both builders in vectors.ts make them so),
 * which makes the dot product the cosine.
 *
 * Memory is O(n·k + total terms) on both paths: no n × n matrix is ever held.
 */
export function similarEdges(vectors: SparseVector[], options: SimilarityOptions): SimilarEdge[] {
  const rows = isDense(vectors) ? denseNeighbours(vectors, options) : sparseNeighbours(vectors, options);
  return unionOfNeighbours(rows);
}

/** A term in more documents than this is "common": it never proposes a candidate, only adds to one. */
export const commonTermCap = (n: number) => Math.max(100, Math.ceil(0.02 * n));

/**
 * Lexical vectors: an inverted index over the rare terms proposes candidates, a dense accumulator
 * (reused for every row, cleared through its touched list) sums their products, and the common terms
 * are added exactly for those candidates only, by merging the two tools' short common-term lists.
 *
 * Why the cap: a term in d documents costs d² products; `:string` or `name` is in most tools, which
 * would make the whole thing quadratic. The price is that two tools sharing *only* common terms are
 * never compared; such pairs are weak (idf near its floor) and would join unrelated APIs anyway.
 */
function sparseNeighbours(vectors: SparseVector[], { threshold, maxNeighbours, duplicate = Infinity }: SimilarityOptions): Neighbours[] {
  const n = vectors.length;
  let termCount = 0;
  for (const v of vectors) if (v.terms.length) termCount = Math.max(termCount, v.terms[v.terms.length - 1]! + 1);
  const df = new Int32Array(termCount);
  for (const v of vectors) for (const t of v.terms) df[t]!++;
  const cap = commonTermCap(n);

  // Postings of the rare terms, in compressed rows: postings of term t are [start[t], start[t+1]).
  const start = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + (df[t]! <= cap ? df[t]! : 0);
  const postDoc = new Int32Array(start[termCount]!);
  const postWeight = new Float32Array(start[termCount]!);
  const fill = start.slice(0, termCount);
  // Each tool's common terms, also in compressed rows, ascending (they come from sorted vectors).
  const commonStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (const t of vectors[i]!.terms) if (df[t]! > cap) c++;
    commonStart[i + 1] = commonStart[i]! + c;
  }
  const commonTerm = new Int32Array(commonStart[n]!);
  const commonWeight = new Float32Array(commonStart[n]!);
  const commonNorm = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const { terms, weights } = vectors[i]!;
    let c = commonStart[i]!;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      if (df[t]! > cap) {
        commonTerm[c] = t;
        commonWeight[c++] = weights[k]!;
        commonNorm[i] = commonNorm[i]! + weights[k]! * weights[k]!;
      } else {
        postDoc[fill[t]!] = i;
        postWeight[fill[t]!++] = weights[k]!;
      }
    }
  }

  const commonDot = (i: number, j: number) => {
    let s = 0;
    let p = commonStart[i]!;
    let q = commonStart[j]!;
    const pEnd = commonStart[i + 1]!;
    const qEnd = commonStart[j + 1]!;
    while (p < pEnd && q < qEnd) {
      const a = commonTerm[p]!;
      const b = commonTerm[q]!;
      if (a === b) s += commonWeight[p++]! * commonWeight[q++]!;
      else if (a < b) p++;
      else q++;
    }
    return s;
  };

  for (let i = 0; i < n; i++) commonNorm[i] = Math.sqrt(commonNorm[i]!) * (1 + 1e-6);
  const acc = new Float32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const rows: Neighbours[] = [];
  for (let i = 0; i < n; i++) {
    const { terms, weights } = vectors[i]!;
    let count = 0;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      if (df[t]! > cap) continue;
      const wi = weights[k]!;
      for (let p = start[t]!, end = start[t + 1]!; p < end; p++) {
        const j = postDoc[p]!;
        if (j === i) continue;
        if (stamp[j] !== i) {
          stamp[j] = i;
          acc[j] = 0;
          touched[count++] = j;
        }
        acc[j] = acc[j]! + wi * postWeight[p]!;
      }
    }
    const row: Neighbours = { top: new TopK(maxNeighbours), copies: new TopK(maxNeighbours) };
    for (let c = 0; c < count; c++) {
      const j = touched[c]!;
      // Cauchy–Schwarz bounds what the common terms can add; most candidates cannot reach the
      // threshold or the current k-th best even with it, and skip the merge.
      const bound = acc[j]! + commonNorm[i]! * commonNorm[j]!;
      if (bound < threshold || (bound < duplicate && bound <= row.top.floor())) continue;
      offer(row, j, acc[j]! + commonDot(i, j), threshold, duplicate);
    }
    rows.push(row);
  }
  return rows;
}

/** Every vector lists every dimension in order: embeddings, not words. */
function isDense(vectors: SparseVector[]): boolean {
  if (vectors.length === 0) return false;
  const d = vectors[0]!.terms.length;
  return d > 0 && vectors.every((v) => v.terms.length === d && v.terms[0] === 0 && v.terms[d - 1] === d - 1);
}

/** Rows compared per pass over the others: they stay in cache while each other row streams by. */
const BLOCK = 32;

/**
 * Embeddings: every dimension is in every vector, so an index prunes nothing. Exact dot products
 * of each pair once (j > i), blocked by rows. O(n²·d) time: with 1,536 dimensions on the 2-core
 * bench machine, 2,000 tools take 3 s and 4,000 take 11 s, so 10,000 would take over a minute;
 * beyond a few thousand tools use lexical vectors (or add an approximate-neighbour index). Memory
 * stays O(n·d) for the packed rows plus O(n·k) for the neighbour lists.
 */
function denseNeighbours(vectors: SparseVector[], { threshold, maxNeighbours, duplicate = Infinity }: SimilarityOptions): Neighbours[] {
  const n = vectors.length;
  const d = vectors[0]!.terms.length;
  const packed = new Float32Array(n * d);
  vectors.forEach((v, i) => packed.set(v.weights, i * d));
  const rows = Array.from({ length: n }, (): Neighbours => ({ top: new TopK(maxNeighbours), copies: new TopK(maxNeighbours) }));
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let j = i0 + 1; j < n; j++) {
      const jo = j * d;
      for (let i = i0; i < i1 && i < j; i++) {
        const io = i * d;
        let s = 0;
        for (let k = 0; k < d; k++) s += packed[io + k]! * packed[jo + k]!;
        if (s >= threshold) {
          offer(rows[i]!, j, s, threshold, duplicate);
          offer(rows[j]!, i, s, threshold, duplicate);
        }
      }
    }
  }
  return rows;
}

function offer(row: Neighbours, j: number, s: number, threshold: number, duplicate: number) {
  if (s >= duplicate) row.copies.offer(j, s);
  else if (s >= threshold) row.top.offer(j, s);
}

function unionOfNeighbours(rows: Neighbours[]): SimilarEdge[] {
  const n = rows.length;
  const weights = new Map<number, number>();
  rows.forEach(({ top, copies }, i) => {
    for (const { index: j, score } of [...top.items(), ...copies.items()]) {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      weights.set(a * n + b, score);
    }
  });
  return [...weights.keys()].sort((x, y) => x - y).map((key) => ({ a: Math.floor(key / n), b: key % n, weight: weights.get(key)! }));
}
