import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import { importDocuments } from '../tools/import';
import { buildGraph } from './build';
import { planKeepWhole, type StandingDomain } from './keep-whole';
import { graphParams, type GraphTool } from './model';
import { tool } from './test-tools';

const defaults = graphParams.parse({});

/** A shop collection (with a weather tool that would never cluster with it) and an airline one. */
const tools = [
  tool('o1', 'get_order_details', ['order_id']),
  tool('o2', 'cancel_order', ['order_id', 'reason'], { op: 'write' }),
  tool('o3', 'return_order_items', ['order_id', 'item_ids'], { op: 'write' }),
  tool('o4', 'list_order_items', ['order_id']),
  tool('w', 'forecast', ['latitude', 'longitude']),
  tool('f1', 'get_reservation', ['reservation_id']),
  tool('f2', 'cancel_reservation', ['reservation_id'], { op: 'write' }),
  tool('f3', 'update_reservation_seats', ['reservation_id', 'seat'], { op: 'write' }),
];
const collectionOf = (id: string) => (id.startsWith('f') ? 'air' : 'shop');
const members = tools.map((t) => ({ id: t.id, collectionId: collectionOf(t.id) }));
const shop = { id: 'shop', name: 'Shop API' };
const air = { id: 'air', name: 'Airline API' };

describe('planKeepWhole', () => {
  it('makes each kept collection one domain named after it, with every one of its tools', () => {
    const plan = planKeepWhole(members, [shop], []);
    expect(plan.whole).toEqual([{ key: 'whole:shop', name: 'Shop API', toolIds: ['o1', 'o2', 'o3', 'o4', 'w'], collectionId: 'shop', existing: false }]);
    expect(plan.locked).toEqual([{ key: 'whole:shop', name: 'Shop API', toolIds: ['o1', 'o2', 'o3', 'o4', 'w'] }]);
    expect(plan.released).toEqual([]);
  });

  it('through a build: the kept tools form one locked domain and only the others are clustered', () => {
    const plan = planKeepWhole(members, [shop], []);
    const r = buildGraph(tools, defaults, { locked: plan.locked });
    expect(r.domains[0]).toEqual({ key: 'whole:shop', name: 'Shop API', toolIds: ['o1', 'o2', 'o3', 'o4', 'w'], locked: true });
    // The lone weather tool, unassigned when clustered, is inside the kept domain.
    expect(r.unassigned).toEqual([]);
    expect(r.domains.slice(1).map((d) => [...d.toolIds].sort())).toEqual([['f1', 'f2', 'f3']]);
    expect(r.domains[1]!.locked).toBe(false);
  });

  it('with every collection kept, nothing is clustered', () => {
    const plan = planKeepWhole(members, [air, shop], []);
    expect(plan.whole.map((d) => [d.name, d.toolIds])).toEqual([
      ['Airline API', ['f1', 'f2', 'f3']],
      ['Shop API', ['o1', 'o2', 'o3', 'o4', 'w']],
    ]);
    const r = buildGraph(tools, defaults, { locked: plan.locked });
    expect(r.domains.every((d) => d.locked)).toBe(true);
    expect(r.unassigned).toEqual([]);
  });

  it('finds the domain kept before by its collection: same key, the name a person gave it, the tools it lost back', () => {
    const standing: StandingDomain[] = [
      { key: 'dom-1', name: 'My shop', toolIds: ['o1', 'o2'], collectionId: 'shop' },
      // A person's locked domain holding a shop tool: keeping the shop whole takes it back.
      { key: 'dom-2', name: 'Mixed', toolIds: ['o3', 'f1'], collectionId: null },
    ];
    const plan = planKeepWhole(members, [shop], standing);
    expect(plan.whole).toEqual([{ key: 'dom-1', name: 'My shop', toolIds: ['o1', 'o2', 'o3', 'o4', 'w'], collectionId: 'shop', existing: true }]);
    expect(plan.locked).toEqual([
      { key: 'dom-1', name: 'My shop', toolIds: ['o1', 'o2', 'o3', 'o4', 'w'] },
      { key: 'dom-2', name: 'Mixed', toolIds: ['f1'] },
    ]);
    expect(plan.released).toEqual([]);
  });

  it('removes a locked domain whose every tool a kept collection took, and leaves an empty one it took nothing from', () => {
    const standing: StandingDomain[] = [
      { key: 'orders', name: 'Orders', toolIds: ['o1', 'o2'], collectionId: null },
      { key: 'empty', name: 'Empty on purpose', toolIds: [], collectionId: null },
    ];
    const plan = planKeepWhole(members, [shop], standing);
    expect(plan.released).toEqual(['orders']);
    expect(plan.locked.map((d) => d.key)).toEqual(['whole:shop', 'empty']);
  });

  it('releases the domain of a collection no longer kept, so its tools are clustered again', () => {
    const standing: StandingDomain[] = [{ key: 'dom-1', name: 'Shop API', toolIds: ['o1', 'o2', 'o3', 'o4', 'w'], collectionId: 'shop' }];
    const plan = planKeepWhole(members, [], standing);
    expect(plan).toEqual({ whole: [], locked: [], released: ['dom-1'] });
    const r = buildGraph(tools, defaults, { locked: plan.locked });
    expect(r.unassigned).toEqual(['w']);
  });

  it('gives same-named collections distinct names, skips an empty or repeated one, and releases a duplicate', () => {
    const twin = { id: 'air', name: 'Shop API' };
    const empty = { id: 'none', name: 'Empty' };
    const standing: StandingDomain[] = [
      { key: 'lock-1', name: 'Shop API 2', toolIds: [], collectionId: null },
      { key: 'old-none', name: 'Empty', toolIds: [], collectionId: 'none' },
    ];
    const plan = planKeepWhole(members, [shop, twin, empty, shop], standing);
    expect(plan.whole.map((d) => d.name)).toEqual(['Shop API', 'Shop API 3']);
    expect(plan.released).toEqual(['old-none']);
  });

  it('τ-bench retail kept whole beside airline: one domain with all 16 retail tools, airline clustered', () => {
    const read = (name: string) => {
      const file = sharedData('taubench', name, 'tools.json');
      return importDocuments([{ file, bytes: fs.readFileSync(file) }]).tools;
    };
    const retail = read('retail');
    const airline = read('airline');
    expect(retail).toHaveLength(16);
    const all: GraphTool[] = [...retail, ...airline].map((t, i) => ({
      id: `${i}`,
      name: t.name,
      description: t.description,
      op: t.op,
      parameters: t.parameters,
      returns: t.returns,
    }));
    const plan = planKeepWhole(
      all.map((t, i) => ({ id: t.id, collectionId: i < retail.length ? 'retail' : 'airline' })),
      [{ id: 'retail', name: 'retail' }],
      [],
    );
    const r = buildGraph(all, defaults, { locked: plan.locked });
    const kept = r.domains.filter((d) => d.locked);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.name).toBe('retail');
    expect(kept[0]!.toolIds).toEqual(retail.map((_, i) => `${i}`));
    // Clustered at the defaults, retail's tools never all share a domain (lookups, think, transfer stay out).
    const clustered = buildGraph(all, defaults);
    expect(Math.max(...clustered.domains.map((d) => d.toolIds.filter((id) => Number(id) < retail.length).length))).toBeLessThan(retail.length);
    const retailIds = new Set(kept[0]!.toolIds);
    expect(r.domains.filter((d) => !d.locked).every((d) => d.toolIds.every((id) => !retailIds.has(id)))).toBe(true);
    expect(r.unassigned.every((id) => !retailIds.has(id))).toBe(true);
  });
});
