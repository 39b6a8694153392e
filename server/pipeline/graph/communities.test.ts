import { describe, expect, it } from 'vitest';
import { detectDomains, type ClusterParams, type WeightedEdge } from './communities';

const params: ClusterParams = { resolution: 1, minSize: 3, joinSize: 3, maxSize: 20, seed: 42 };

/** Every pair of `ids` joined with weight `w`. */
const clique = (ids: string[], w = 0.8): WeightedEdge[] => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ source: a, target: b, weight: w })));
const edge = (source: string, target: string, weight: number): WeightedEdge => ({ source, target, weight });
const groups = (r: { domains: Array<{ toolIds: string[] }> }) => r.domains.map((d) => [...d.toolIds].sort());

describe('detectDomains', () => {
  it('finds two triangles joined by one edge, with the modularity of that partition', () => {
    const ids = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
    const edges = [...clique(['a1', 'a2', 'a3'], 0.5), ...clique(['b1', 'b2', 'b3'], 0.5), edge('a1', 'b1', 0.5)];
    const r = detectDomains(ids, edges, params);
    expect(groups(r).sort()).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    // Seven edges of one weight; each side holds three of them and degree 7: 2·(3/7 − (7/14)²) = 5/14.
    expect(r.modularity).toBeCloseTo(5 / 14, 6);
    expect(r.unassigned).toEqual([]);
  });

  it('gives the same domains for the same input and seed', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `t${i}`);
    // Rings of cliques make Louvain's visiting order matter.
    const edges = ids.flatMap((id, i) => [edge(id, ids[(i + 1) % 40]!, 0.4 + (i % 5) / 10), edge(id, ids[(i + 2) % 40]!, 0.35)]);
    const first = detectDomains(ids, edges, { ...params, seed: 7 });
    const again = detectDomains(ids, edges, { ...params, seed: 7 });
    expect(again).toEqual(first);
  });

  it('keys domains by size, largest first, skipping locked keys', () => {
    const ids = ['s1', 's2', 's3', 'b1', 'b2', 'b3', 'b4', 'x'];
    const edges = [...clique(['s1', 's2', 's3']), ...clique(['b1', 'b2', 'b3', 'b4'])];
    const r = detectDomains(ids, edges, params, [{ key: 'd1', name: 'mine', toolIds: ['x'] }]);
    expect(r.domains.map((d) => [d.key, d.toolIds])).toEqual([
      ['d1', ['x']],
      ['d2', ['b1', 'b2', 'b3', 'b4']],
      ['d3', ['s1', 's2', 's3']],
    ]);
  });

  it('returns locked domains unchanged and does not cluster their tools', () => {
    const ids = ['a1', 'a2', 'a3', 'l1', 'l2'];
    // l1 and l2 are tied strongly to the a's; locked, they must stay where the user put them.
    const edges = [...clique(['a1', 'a2', 'a3', 'l1', 'l2'], 0.8)];
    const locked = [{ key: 'kept', name: 'Payments', toolIds: ['l1', 'l2'] }];
    const r = detectDomains(ids, edges, params, locked);
    expect(r.domains[0]).toEqual({ key: 'kept', name: 'Payments', toolIds: ['l1', 'l2'], locked: true });
    expect(groups(r)).toEqual([
      ['l1', 'l2'],
      ['a1', 'a2', 'a3'],
    ]);
    expect(r.domains.slice(1).every((d) => !d.locked && d.name === '')).toBe(true);
  });

  it('merges a small community into the neighbour it is most tied to, where there is room', () => {
    const t = (p: string) => [`${p}1`, `${p}2`, `${p}3`];
    const ids = [...t('x'), ...t('y'), ...t('z'), 'q1', 'q2'];
    const edges = [...clique(t('x')), ...clique(t('y')), ...clique(t('z')), edge('x1', 'y1', 0.6), edge('x2', 'z1', 0.2), edge('q1', 'q2', 0.8)];
    // Unmerged, Louvain sees three triangles and a pair.
    expect(groups(detectDomains(ids, edges, { ...params, minSize: 2 })).sort()).toEqual([['q1', 'q2'], t('x'), t('y'), t('z')]);

    // At minSize 4 x joins y (0.6 beats 0.2); z is then tied only to x+y, which has no room under
    // maxSize 6; the pair has no tie at all. Both are left unassigned.
    const r = detectDomains(ids, edges, { ...params, minSize: 4, maxSize: 6 });
    expect(groups(r)).toEqual([[...t('x'), ...t('y')]]);
    expect(r.unassigned).toEqual([...t('z'), 'q1', 'q2']);
  });

  it('joins communities under joinSize through strong edges only, and gathers a small document', () => {
    const t = (p: string) => [`${p}1`, `${p}2`, `${p}3`];
    const ids = [...t('x'), ...t('y'), ...t('z'), 'u'];
    // x and y share an entity (0.6, above τ); z touches x only by a weak anchor edge (0.15).
    const edges = [...clique(t('x')), ...clique(t('y')), ...clique(t('z')), edge('x1', 'y1', 0.6), edge('x2', 'z1', 0.15)];
    const joining = { ...params, threshold: 0.3, joinSize: 5 };
    expect(groups(detectDomains(ids, edges, params)).sort()).toEqual([t('x'), t('y'), t('z')]);
    const joined = detectDomains(ids, edges, joining);
    expect(groups(joined).sort()).toEqual([[...t('x'), ...t('y')], t('z')]);
    expect(joined.unassigned).toEqual(['u']);

    // z and the lone u come from the document most of x+y came from: both are gathered into it.
    const origins = ids.map((id) => (id.startsWith('y') ? 'b.json' : 'a.json'));
    const gathered = detectDomains(ids, edges, joining, [], origins);
    expect(groups(gathered)).toEqual([[...t('x'), ...t('y'), ...t('z'), 'u'].sort()]);
    expect(gathered.unassigned).toEqual([]);

    // A community mixing documents is not pulled apart or moved, and nothing grows past maxSize.
    const tight = detectDomains(ids, edges, { ...joining, maxSize: 7 }, [], origins);
    expect(groups(tight).sort()).toEqual([[...t('x'), ...t('y'), 'u'].sort(), t('z')]);
  });

  it("moves a small document's stray tool out of a domain another document holds most of", () => {
    const x = ['x1', 'x2', 'x3', 'x4', 'x5'];
    const y = ['y1', 'y2', 'y3', 'y4'];
    // x6 (from x's document) shares its one strong entity with y's tools, barely anything with x's.
    const edges = [...clique(x), ...clique(y), ...y.map((id) => edge('x6', id, 0.9)), edge('x6', 'x1', 0.1)];
    const ids = [...x, 'x6', ...y];
    const loose = { ...params, minSize: 2 };
    expect(groups(detectDomains(ids, edges, loose)).sort()).toEqual([x, [...y, 'x6'].sort()]);

    const origins = ids.map((id) => (id.startsWith('x') ? 'x.json' : 'y.json'));
    expect(groups(detectDomains(ids, edges, loose, [], origins)).sort()).toEqual([[...x, 'x6'], y]);
    // No room in x's domain: the stray stays where the graph put it.
    expect(groups(detectDomains(ids, edges, { ...loose, maxSize: 5 }, [], origins)).sort()).toEqual([x, [...y, 'x6'].sort()]);
  });

  it('splits communities over the maximum size by Louvain on their own subgraph', () => {
    // Twenty triangles in a ring: on the whole ring Louvain's resolution limit joins neighbours,
    // on their own subgraph they come apart.
    const ids: string[] = [];
    const edges: WeightedEdge[] = [];
    for (let c = 0; c < 20; c++) {
      const tri = [0, 1, 2].map((k) => `c${c}_${k}`);
      ids.push(...tri);
      edges.push(...clique(tri, 1), edge(`c${c}_0`, `c${(c + 1) % 20}_1`, 1));
    }
    const loose = detectDomains(ids, edges, { ...params, maxSize: 100 });
    expect(Math.max(...loose.domains.map((d) => d.toolIds.length))).toBeGreaterThan(3);

    const tight = detectDomains(ids, edges, { ...params, maxSize: 3 });
    expect(groups(tight).sort()).toEqual(Array.from({ length: 20 }, (_, c) => [0, 1, 2].map((k) => `c${c}_${k}`)).sort());
  });

  it('keeps a community whole when Louvain will not split it', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const r = detectDomains(ids, clique(ids), { ...params, resolution: 0.01, maxSize: 3 });
    expect(groups(r)).toEqual([ids]);
  });

  it('leaves every tool unassigned when there are no edges', () => {
    const r = detectDomains(['a', 'b', 'c'], [], params);
    expect(r).toEqual({ domains: [], unassigned: ['a', 'b', 'c'], modularity: 0 });
  });
});
