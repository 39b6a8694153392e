import { describe, expect, it } from 'vitest';
import { packedLayout, packedLayoutWithDiscs, SPACING, type LayoutTool } from './tool-layout';

const tools = (groups: Record<string, number>): LayoutTool[] =>
  Object.entries(groups).flatMap(([group, n]) => Array.from({ length: n }, (_, i) => ({ name: `${group}_${i}`, group })));
const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('packedLayout', () => {
  it('gives the same positions for the same graph, whatever the order of edges', () => {
    const t = tools({ parcels: 12, trains: 7, '': 3 });
    const edges: Array<[number, number]> = [
      [0, 1],
      [1, 2],
      [12, 13],
      [2, 5],
    ];
    const a = packedLayout(t, edges);
    expect(packedLayout(t, [...edges].reverse())).toEqual(a);
    expect(a.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
  });

  it('keeps each group a disc of its own: no tool nearer another group than its own centre', () => {
    const t = tools({ parcels: 30, trains: 20, ferries: 5, buses: 1 });
    const pos = packedLayout(t, []);
    const centre = (g: string) => {
      const ps = pos.filter((_, i) => t[i]!.group === g);
      return {
        x: ps.reduce((s, p) => s + p.x, 0) / ps.length,
        y: ps.reduce((s, p) => s + p.y, 0) / ps.length,
        r: Math.max(...ps.map((p) => dist(p, { x: ps.reduce((s, q) => s + q.x, 0) / ps.length, y: ps.reduce((s, q) => s + q.y, 0) / ps.length }))),
      };
    };
    const cs = ['parcels', 'trains', 'ferries', 'buses'].map(centre);
    for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) expect(dist(cs[i]!, cs[j]!)).toBeGreaterThan(cs[i]!.r + cs[j]!.r + SPACING);
    // Tools inside a disc do not sit on each other.
    const parcels = pos.filter((_, i) => t[i]!.group === 'parcels');
    for (let i = 0; i < parcels.length; i++) for (let j = i + 1; j < parcels.length; j++) expect(dist(parcels[i]!, parcels[j]!)).toBeGreaterThan(SPACING * 0.5);
  });

  it('puts tools joined by edges nearer each other than tools in general', () => {
    // A chain 0-29-1-28-2-27 among thirty unrelated names: it ends up in the middle of the disc, on neighbouring turns.
    const t = tools({ parcels: 30 });
    const chain = [0, 29, 1, 28, 2, 27];
    const pos = packedLayout(
      t,
      chain.slice(1).map((b, i) => [chain[i]!, b] as [number, number]),
    );
    const mean = (pairs: Array<[number, number]>) => pairs.reduce((s, [a, b]) => s + dist(pos[a]!, pos[b]!), 0) / pairs.length;
    const all = t.flatMap((_, a) => t.flatMap((__, b) => (a < b ? [[a, b] as [number, number]] : [])));
    expect(mean(chain.slice(1).map((b, i) => [chain[i]!, b]))).toBeLessThan(mean(all) * 0.6);
  });

  it('fills the view: five equal domains at 3:2 go in two rows (3 + 2), not a column of pairs', () => {
    const t = tools({ a: 10, b: 10, c: 10, d: 10, e: 10 });
    const { discs } = packedLayoutWithDiscs(t, [], { aspect: 1.5 });
    expect(new Set(discs.map((d) => d.y)).size).toBe(2);
    expect(discs.filter((d) => d.y === discs[0]!.y)).toHaveLength(3);
  });

  it('lays out 5,000 tools in 200 groups quickly, filling a wide rectangle', () => {
    const t = tools(Object.fromEntries(Array.from({ length: 200 }, (_, g) => [`g${g}`, 25])));
    const edges = Array.from({ length: 20_000 }, (_, i) => [(i * 7) % 5000, (i * 13 + 1) % 5000] as [number, number]);
    const started = performance.now();
    const pos = packedLayout(t, edges);
    expect(performance.now() - started).toBeLessThan(1000);
    const w = Math.max(...pos.map((p) => p.x)) - Math.min(...pos.map((p) => p.x));
    const h = Math.max(...pos.map((p) => p.y)) - Math.min(...pos.map((p) => p.y));
    expect(w / h).toBeGreaterThan(1.1);
    expect(w / h).toBeLessThan(2.5);
  });
});
