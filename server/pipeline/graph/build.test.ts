import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { graphParams } from './model';
import { tool } from './test-tools';
import { vectorsFromEmbeddings } from './vectors';

const defaults = graphParams.parse({});

/** A small shop and a small airline, plus a lone weather tool. */
const tools = [
  tool('o1', 'get_order_details', ['order_id']),
  tool('o2', 'cancel_order', ['order_id', 'reason'], { op: 'write' }),
  tool('o3', 'return_order_items', ['order_id', 'item_ids'], { op: 'write' }),
  tool('o4', 'list_order_items', ['order_id']),
  tool('f1', 'get_reservation', ['reservation_id']),
  tool('f2', 'cancel_reservation', ['reservation_id'], { op: 'write' }),
  tool('f3', 'update_reservation_seats', ['reservation_id', 'seat'], { op: 'write' }),
  tool('w', 'forecast', ['latitude', 'longitude']),
];

describe('buildGraph', () => {
  it('joins, directs, clusters and names', () => {
    const r = buildGraph(tools, defaults);
    const domains = r.domains.map((d) => [...d.toolIds].sort());
    expect(domains).toEqual([
      ['o1', 'o2', 'o3', 'o4'],
      ['f1', 'f2', 'f3'],
    ]);
    expect(r.unassigned).toEqual(['w']);
    expect(r.domains.map((d) => d.name.split(' · ')[0])).toEqual(['orders', 'reservations']);

    const readThenCancel = r.edges.find((e) => [e.source, e.target].sort().join() === 'o1,o2');
    expect(readThenCancel).toMatchObject({ source: 'o1', target: 'o2', direction: 'forward' });
    expect(r.edges.every((e) => e.weight >= defaults.threshold && e.weight <= 1 + 1e-6)).toBe(true);
    expect(r.edges.some((e) => e.source === 'w' || e.target === 'w')).toBe(false);

    expect(r.stats).toMatchObject({ tools: 8, edges: r.edges.length, domains: 2, unassigned: 1, largest: 4, median: 3.5 });
    expect(Object.keys(r.stats.seconds)).toEqual(expect.arrayContaining(['vectors', 'edges', 'direction', 'communities']));
    expect(r.modularity).toBeGreaterThan(0.3);
  });

  it('reports progress from 0 to 1', () => {
    const seen: number[] = [];
    buildGraph(tools, defaults, { onProgress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('keeps locked domains out of clustering', () => {
    const r = buildGraph(tools, defaults, { locked: [{ key: 'L', name: 'Shop', toolIds: ['o1', 'o2'] }] });
    expect(r.domains[0]).toEqual({ key: 'L', name: 'Shop', toolIds: ['o1', 'o2'], locked: true });
    // Two order tools are left: under the minimum size, tied to no free domain.
    expect(r.unassigned).toEqual(['o3', 'o4', 'w']);
  });

  it('uses the vectors it is given, and wants them for embeddings', () => {
    // Embeddings that call the weather tool a twin of get_order_details.
    const embeddings = tools.map((t) => (t.id === 'w' || t.id === 'o1' ? [1, 0, 0] : t.id.startsWith('o') ? [0.9, 0.4, 0] : [0, 0, 1]));
    const r = buildGraph(tools, { ...defaults, vectors: 'embeddings' }, { vectors: vectorsFromEmbeddings(embeddings) });
    expect(r.edges.some((e) => [e.source, e.target].sort().join() === 'o1,w')).toBe(true);
    expect(() => buildGraph(tools, { ...defaults, vectors: 'embeddings' })).toThrow(/embeddings/);
    expect(() => buildGraph(tools, defaults, { vectors: vectorsFromEmbeddings([[1]]) })).toThrow(/1 vectors for 8 tools/);
  });

  it('does not let copies of one tool in two collections tie their domains', () => {
    const twins = [
      ...tools.slice(0, 4),
      tool('u1', 'get_user_details', ['user_id'], { description: 'including their orders' }),
      ...tools.slice(4, 7),
      tool('u2', 'get_user_details_2', ['user_id'], { description: 'including their reservations' }),
    ];
    const r = buildGraph(twins, defaults);
    const twinEdge = r.edges.find((e) => [e.source, e.target].sort().join() === 'u1,u2');
    expect(twinEdge?.weight).toBeGreaterThan(defaults.duplicate);
    const domainOf = (id: string) => r.domains.find((d) => d.toolIds.includes(id))?.key;
    // Each twin goes with its own collection (the word of its description), not with the other.
    expect(domainOf('u1')).toBe(domainOf('o1'));
    expect(domainOf('u2')).toBe(domainOf('f1'));
    expect(domainOf('u1')).not.toBe(domainOf('u2'));
  });
});
