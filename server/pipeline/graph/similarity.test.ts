import { describe, expect, it } from 'vitest';
import { seededRandom } from '../kernel/random';
import { commonTermCap, similarEdges, type SimilarEdge } from './similarity';
import { vectorsFromEmbeddings, type SparseVector } from './vectors';

/** A unit vector from term → weight. */
function vec(entries: Record<number, number>): SparseVector {
  const terms = Object.keys(entries)
    .map(Number)
    .sort((a, b) => a - b);
  const n = Math.hypot(...terms.map((t) => entries[t]!));
  return { terms: Int32Array.from(terms), weights: Float32Array.from(terms, (t) => entries[t]! / n) };
}

function dot(a: SparseVector, b: SparseVector) {
  const w = new Map(Array.from(a.terms, (t, i) => [t, a.weights[i]!]));
  return Array.from(b.terms).reduce((s, t, i) => s + (w.get(t) ?? 0) * b.weights[i]!, 0);
}

/**
 * The documented result, the slow way: a pair is compared when it shares a term in at most
 * `commonTermCap(n)` vectors (or always, for dense vectors); each side keeps its k best at or above
 * the threshold; the union is returned.
 */
function bruteForce(vs: SparseVector[], threshold: number, k: number, dense = false): SimilarEdge[] {
  const df = new Map<number, number>();
  for (const v of vs) for (const t of v.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const rare = (t: number) => dense || df.get(t)! <= commonTermCap(vs.length);
  const edges = new Map<string, SimilarEdge>();
  vs.forEach((v, i) => {
    const mine = new Set(Array.from(v.terms).filter(rare));
    const scored = vs
      .map((w, j) => ({ j, s: dot(v, w), comparable: j !== i && Array.from(w.terms).some((t) => mine.has(t)) }))
      .filter((x) => x.comparable && x.s >= threshold)
      .sort((x, y) => y.s - x.s)
      .slice(0, k);
    for (const { j, s } of scored) edges.set(`${Math.min(i, j)}-${Math.max(i, j)}`, { a: Math.min(i, j), b: Math.max(i, j), weight: s });
  });
  return [...edges.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}

function expectSameEdges(actual: SimilarEdge[], expected: SimilarEdge[]) {
  expect(actual.map((e) => [e.a, e.b])).toEqual(expected.map((e) => [e.a, e.b]));
  actual.forEach((e, i) => expect(e.weight).toBeCloseTo(expected[i]!.weight, 5));
}

describe('similarEdges', () => {
  it('joins vectors that share terms, with their cosine as weight, and not unrelated ones', () => {
    const edges = similarEdges([vec({ 0: 1, 1: 1 }), vec({ 0: 1 }), vec({ 2: 1 })], { threshold: 0.1, maxNeighbours: 5 });
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ a: 0, b: 1 });
    expect(edges[0]!.weight).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('drops pairs under the threshold', () => {
    // cos = 1 / √(1 + 3²) ≈ 0.316
    const vs = [vec({ 0: 1 }), vec({ 0: 1, 1: 3 })];
    expect(similarEdges(vs, { threshold: 0.3, maxNeighbours: 5 })).toHaveLength(1);
    expect(similarEdges(vs, { threshold: 0.35, maxNeighbours: 5 })).toHaveLength(0);
  });

  it('keeps the union of both ends’ best neighbours', () => {
    // A hub similar to four leaves; each leaf's single best neighbour is the hub, so all four edges
    // stay although the hub's own list holds one.
    const hub = vec({ 0: 1, 1: 1, 2: 1, 3: 1 });
    const leaves = [0, 1, 2, 3].map((t) => vec({ [t]: 1, [10 + t]: 1 }));
    const edges = similarEdges([hub, ...leaves], { threshold: 0.1, maxNeighbours: 1 });
    expect(edges.map((e) => [e.a, e.b])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
  });

  it('matches the exact computation on random sparse vectors with common terms', () => {
    const rng = seededRandom(7);
    const n = 400;
    const vs = Array.from({ length: n }, () => {
      const entries: Record<number, number> = {};
      // Terms 0 and 1 are in most vectors (over the cap of 100), 2–9 in about a fifth, the rest rare.
      if (rng() < 0.9) entries[0] = rng();
      if (rng() < 0.6) entries[1] = rng();
      entries[2 + Math.floor(rng() * 8)] = rng() + 0.2;
      for (let k = 0; k < 4; k++) entries[10 + Math.floor(rng() * 300)] = rng() + 0.2;
      return vec(entries);
    });
    for (const [threshold, k] of [
      [0.2, 5],
      [0.5, 2],
      [0, 20],
    ] as const) {
      expectSameEdges(similarEdges(vs, { threshold, maxNeighbours: k }), bruteForce(vs, threshold, k));
    }
  });

  it('never compares two vectors that share only common terms', () => {
    const n = 150;
    const vs = Array.from({ length: n }, (_, i) => vec({ 0: 1, [1 + i]: 0.1 }));
    expect(commonTermCap(n)).toBeLessThan(n);
    expect(similarEdges(vs, { threshold: 0.5, maxNeighbours: 5 })).toEqual([]);
  });

  it('takes the exact path for dense embeddings', () => {
    const rng = seededRandom(3);
    const vs = vectorsFromEmbeddings(Array.from({ length: 60 }, () => Array.from({ length: 16 }, () => rng() - 0.3)));
    expectSameEdges(similarEdges(vs, { threshold: 0.5, maxNeighbours: 3 }), bruteForce(vs, 0.5, 3, true));
  });

  it('gives copies their own slots, so each copy still reaches its other neighbours', () => {
    // Three copies of one tool and a fourth tool like all three (cos 0.8).
    const copy = () => vec({ 0: 1 });
    const vs = [copy(), copy(), copy(), vec({ 0: 0.8, 1: 0.6 })];
    const touching3 = (duplicate?: number) => similarEdges(vs, { threshold: 0.5, maxNeighbours: 1, duplicate }).filter((e) => e.b === 3).length;
    expect(touching3()).toBe(1);
    expect(touching3(0.95)).toBe(3);
  });
});
