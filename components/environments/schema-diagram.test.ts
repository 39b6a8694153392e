import { describe, expect, it } from 'vitest';
import type { ElementDefinition } from 'cytoscape';
import type { EnvironmentSchema } from '@/server/pipeline/environment/model';
import { schemaToElements } from './schema-diagram';

type Table = EnvironmentSchema['tables'][number];
const table = (name: string, primaryKey: string, refs: Array<[string, string]> = [], extra: string[] = []): Table => ({
  name,
  description: '',
  primaryKey,
  columns: Object.fromEntries([primaryKey, ...refs.map(([c]) => c), ...extra].map((c) => [c, { type: 'string' }])),
  required: [primaryKey],
  references: refs.map(([column, t]) => ({ column, table: t })),
});

/** A rail network: tickets reference trains and stations, trains their home station; depots stand alone. */
const rail: EnvironmentSchema = {
  tables: [
    table(
      'tickets',
      'ticket_id',
      [
        ['train_id', 'trains'],
        ['from_station', 'stations'],
        ['fare_id', 'fares'],
      ],
      ['price', 'seat'],
    ),
    table('trains', 'train_id', [['home_station', 'stations']], ['name']),
    table('stations', 'station_id', [['parent_station', 'stations']], ['city']),
    table('depots', 'depot_id', [], ['city']),
  ],
};

const nodes = (els: ElementDefinition[]) => els.filter((e) => e.group === 'nodes');
const edges = (els: ElementDefinition[]) => els.filter((e) => e.group === 'edges');
const pos = (els: ElementDefinition[]) => Object.fromEntries(nodes(els).map((n) => [n.data.id, n.position]));

describe('schemaToElements', () => {
  it('draws one node per table with its name, key, references and how many other columns', () => {
    const els = schemaToElements(rail);
    expect(nodes(els).map((n) => n.data.id)).toEqual(['tickets', 'trains', 'stations', 'depots']);
    const tickets = nodes(els).find((n) => n.data.id === 'tickets')!;
    expect(tickets.data.label).toBe(
      [
        'tickets',
        '─'.repeat(28),
        'PK ticket_id',
        'FK train_id → trains',
        'FK from_station → stations',
        'FK fare_id → fares (missing)',
        '+2 other columns',
      ].join('\n'),
    );
    expect(tickets.classes).toBe('missing');
    expect(nodes(els).find((n) => n.data.id === 'depots')!.data.label).toBe(`depots\n${'─'.repeat(15)}\nPK depot_id\n+1 other column`);
    // Sized to the label: more lines, taller.
    expect(tickets.data.h).toBeGreaterThan(nodes(els).find((n) => n.data.id === 'depots')!.data.h);
  });

  it('draws a reference as an edge from the table holding the column to the table it names, labelled with the column', () => {
    const els = schemaToElements(rail);
    expect(edges(els).map((e) => [e.data.source, e.data.target, e.data.label, e.classes])).toEqual([
      ['tickets', 'trains', 'train_id', undefined],
      ['tickets', 'stations', 'from_station', undefined],
      ['trains', 'stations', 'home_station', undefined],
      ['stations', 'stations', 'parent_station', 'self'],
    ]);
    // A reference to a table the schema does not have is named in the node, not drawn.
    expect(edges(els).some((e) => e.data.target === 'fares')).toBe(false);
  });

  it('puts referencing tables above the ones they reference, and tables linked to none below them all', () => {
    const p = pos(schemaToElements(rail));
    expect(p.tickets!.y).toBeLessThan(p.trains!.y);
    expect(p.trains!.y).toBeLessThan(p.stations!.y);
    expect(p.depots!.y).toBeGreaterThan(p.stations!.y);
  });

  it('gives the same picture for the same schema, whatever the order of its tables', () => {
    expect(schemaToElements(rail)).toEqual(schemaToElements(rail));
    expect(pos(schemaToElements({ tables: [...rail.tables].reverse() }))).toEqual(pos(schemaToElements(rail)));
  });

  it('survives cycles, names given twice, and no tables at all', () => {
    const cyc = schemaToElements({
      tables: [table('parcels', 'parcel_id', [['route_id', 'routes']]), table('routes', 'route_id', [['last_parcel', 'parcels']]), table('parcels', 'other')],
    });
    expect(nodes(cyc)).toHaveLength(2);
    expect(edges(cyc)).toHaveLength(2);
    const p = pos(cyc);
    expect(p.parcels!.y).not.toBe(p.routes!.y);
    expect(schemaToElements({ tables: [] })).toEqual([]);
  });

  it('keeps a hub table readable: long names cut, at most six reference lines', () => {
    const refs = Array.from({ length: 9 }, (_, i) => [`carrier_${i}_id`, `carriers_${i}`] as [string, string]);
    const hub = table('shipments_with_a_really_long_descriptive_name', 'shipment_id', refs);
    const [node] = nodes(schemaToElements({ tables: [hub, ...refs.map(([, t]) => table(t, 'id'))] }));
    const lines = (node!.data.label as string).split('\n');
    expect(lines[0]).toBe('shipments_with_a_really_long_descriptive_na…');
    expect(lines.filter((l) => l.startsWith('FK'))).toHaveLength(5);
    expect(lines).toContain('+4 more references');
  });

  it('lays out 40 tables without overlaps, in the shape of the view', () => {
    const many: EnvironmentSchema = {
      tables: [
        table('regions', 'region_id'),
        table('depots', 'depot_id', [['region_id', 'regions']]),
        table('customers', 'customer_id', [['region_id', 'regions']]),
        // Parcels reference a depot or a customer; the first few also the parcel before them.
        ...Array.from({ length: 29 }, (_, i) =>
          table(`parcels_${String(i).padStart(2, '0')}`, 'id', [
            [i % 2 ? 'depot_id' : 'customer_id', i % 2 ? 'depots' : 'customers'],
            ...(i > 0 && i < 4 ? [['previous_id', `parcels_${String(i - 1).padStart(2, '0')}`] as [string, string]] : []),
          ]),
        ),
        ...Array.from({ length: 8 }, (_, i) => table(`loose_${i}`, 'id', [], ['note'])),
      ],
    };
    const ns = nodes(schemaToElements(many, { aspect: 1.6 }));
    expect(ns).toHaveLength(40);
    const boxes = ns.map((n) => ({
      id: String(n.data.id),
      x1: n.position!.x - n.data.w / 2,
      x2: n.position!.x + n.data.w / 2,
      y1: n.position!.y - n.data.h / 2,
      y2: n.position!.y + n.data.h / 2,
    }));
    for (const a of boxes)
      for (const b of boxes) if (a.id < b.id) expect(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1, `${a.id} overlaps ${b.id}`).toBe(true);
    const shape = (bs: typeof boxes) =>
      (Math.max(...bs.map((b) => b.x2)) - Math.min(...bs.map((b) => b.x1))) / (Math.max(...bs.map((b) => b.y2)) - Math.min(...bs.map((b) => b.y1)));
    expect(shape(boxes)).toBeGreaterThan(0.8);
    expect(shape(boxes)).toBeLessThan(3.2);
    // A wider view, a wider picture.
    const wide = nodes(schemaToElements(many, { aspect: 3 })).map((n) => ({
      id: '',
      x1: n.position!.x - n.data.w / 2,
      x2: n.position!.x + n.data.w / 2,
      y1: n.position!.y - n.data.h / 2,
      y2: n.position!.y + n.data.h / 2,
    }));
    expect(shape(wide)).toBeGreaterThan(shape(boxes));
  });
});
