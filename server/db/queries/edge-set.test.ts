import { describe, expect, it } from 'vitest';
import { edgeAt, edgesWithin, packEdges, unpackEdges, type StoredEdge } from './edge-set';

const edges: StoredEdge[] = [
  { source: 'a', target: 'b', weight: 0.5, direction: 'forward' },
  { source: 'b', target: 'c', weight: 0.25, direction: 'both' },
  { source: 'c', target: 'd', weight: 0.75, direction: 'forward' },
];

describe('packed edges', () => {
  it('round-trip through bytes, from a buffer at any offset', () => {
    const packed = packEdges(edges);
    expect(packed.toolIds).toEqual(['a', 'b', 'c', 'd']);
    // As a driver may hand it back: a view one byte into a larger buffer.
    const shifted = new Uint8Array(packed.bytes.byteLength + 1);
    shifted.set(packed.bytes, 1);
    const set = unpackEdges(packed.toolIds, packed.count, shifted.subarray(1));
    expect(Array.from({ length: set.count }, (_, k) => edgeAt(set, k))).toEqual(edges);
    // node-postgres: a Buffer from its shared pool, whose slice() is a view, not a copy.
    const pooled = Buffer.concat([Buffer.alloc(3), Buffer.from(packed.bytes)]).subarray(3);
    const fromPool = unpackEdges(packed.toolIds, packed.count, pooled);
    expect(Array.from({ length: fromPool.count }, (_, k) => edgeAt(fromPool, k))).toEqual(edges);
  });

  it('extend a set: known tools keep their index', () => {
    const first = packEdges(edges.slice(0, 1));
    const more = packEdges([...edges.slice(0, 1), { source: 'e', target: 'a', weight: 1, direction: 'both' }], first.toolIds);
    expect(more.toolIds).toEqual(['a', 'b', 'e']);
    expect(edgeAt(unpackEdges(more.toolIds, more.count, more.bytes), 1)).toEqual({ source: 'e', target: 'a', weight: 1, direction: 'both' });
  });

  it('finds the edges with both ends among some tools', () => {
    const packed = packEdges(edges);
    const set = unpackEdges(packed.toolIds, packed.count, packed.bytes);
    expect(edgesWithin(set, new Set(['b', 'c', 'd']))).toEqual([1, 2]);
    expect(edgesWithin(set, new Set(['a', 'c']))).toEqual([]);
  });

  it('refuses bytes that do not hold the count of edges', () => {
    const packed = packEdges(edges);
    expect(() => unpackEdges(packed.toolIds, 4, packed.bytes)).toThrow(/hold 39 bytes, not the 52 of 4 edges/);
  });
});
