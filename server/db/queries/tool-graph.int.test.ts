import { afterEach, describe, expect, it } from 'vitest';
import { importCollection } from '../../stages/import';
import type { GraphEdge } from '../../pipeline/graph/model';
import { openStudio, type Studio } from '../../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../../testing/databases';
import { curate, listDomains } from './domains';
import { loadGraphTools, saveGraphBuild } from './graph';
import { edgeReason, findTools, toolGraph } from './tool-graph';

const NAMES = { Parcels: ['track_parcel', 'send_parcel', 'list_parcels'], Trains: ['find_train', 'book_train'] };
const LONE = 'get_weather';

const openaiTools = (names: string[]) =>
  new TextEncoder().encode(
    JSON.stringify(
      names.map((name) => ({
        type: 'function',
        function: { name, description: name, parameters: { type: 'object', properties: { id: { type: 'string' } } } },
      })),
    ),
  );

describe.each(TEST_DATABASE_KINDS)('the tool graph on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    await t?.cleanup();
    studio = undefined;
    t = undefined;
  });

  it('loads every tool with its domain and edges as indexes, or one domain; past the cap it answers overview', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    expect(await toolGraph(db)).toEqual({ mode: 'none' });

    await importCollection(db, [{ file: 'tools.json', bytes: openaiTools([...NAMES.Parcels, ...NAMES.Trains, LONE]) }]);
    const id = new Map((await loadGraphTools(db)).map((x) => [x.name, x.id]));
    const edge = (s: string, tg: string, weight: number, direction: GraphEdge['direction'], reason: string): GraphEdge => ({
      source: id.get(s)!,
      target: id.get(tg)!,
      weight,
      direction,
      reason,
    });
    const edges = [
      edge('list_parcels', 'track_parcel', 0.75, 'forward', 'list_parcels returns the parcel id track_parcel takes'),
      edge('send_parcel', 'track_parcel', 0.5, 'both', 'both act on one parcel'),
      edge('find_train', 'book_train', 0.875, 'forward', 'find_train returns the train book_train takes'),
      edge('book_train', 'send_parcel', 0.25, 'both', 'weak: shared id'),
    ];
    const domains = Object.entries(NAMES).map(([name, tools]) => ({ key: name, name, toolIds: tools.map((n) => id.get(n)!), locked: false }));
    const stats = { tools: 6, edges: 4, domains: 2, unassigned: 1, largest: 3, median: 3, seconds: { similarity: 0, communities: 0 } };
    await saveGraphBuild(db, {
      params: {},
      result: { edges, domains, unassigned: [id.get(LONE)!], modularity: 0.4, stats },
      llmCheck: { ran: false, note: 'offline' },
    });
    const domainId = new Map((await listDomains(db)).map((d) => [d.name, d.id]));

    const all = await toolGraph(db);
    if (all.mode !== 'tools') throw new Error(all.mode);
    expect(all.tools.map((x) => x.name)).toEqual(['book_train', 'find_train', 'get_weather', 'list_parcels', 'send_parcel', 'track_parcel']);
    expect(all.tools.find((x) => x.name === LONE)!.domainId).toBeNull();
    expect(all.tools.find((x) => x.name === 'find_train')!.domainId).toBe(domainId.get('Trains'));
    // Strongest first, as indexes into tools.
    const named = all.edges.map(([s, tg, w, f]) => [all.tools[s]!.name, all.tools[tg]!.name, w, f]);
    expect(named).toEqual([
      ['find_train', 'book_train', 0.875, 1],
      ['list_parcels', 'track_parcel', 0.75, 1],
      ['send_parcel', 'track_parcel', 0.5, 0],
      ['book_train', 'send_parcel', 0.25, 0],
    ]);
    expect(all.edgesTotal).toBe(4);

    // One domain: its tools and the edges inside it only.
    const parcels = await toolGraph(db, { domainId: domainId.get('Parcels') });
    if (parcels.mode !== 'tools') throw new Error(parcels.mode);
    expect(parcels.tools.map((x) => x.name)).toEqual(['list_parcels', 'send_parcel', 'track_parcel']);
    expect(parcels.edges).toHaveLength(2);

    // Bounded: more tools than the cap give the overview; more edges than the edge cap keep the strongest.
    expect(await toolGraph(db, { cap: 5 })).toMatchObject({ mode: 'overview', total: 6, cap: 5 });
    const capped = await toolGraph(db, { edgeCap: 1 });
    expect(capped.mode === 'tools' && [capped.edges.length, capped.edgesTotal]).toEqual([1, 4]);

    // A dropped tool leaves the picture.
    await curate.drop(db, [id.get('list_parcels')!]);
    const after = await toolGraph(db);
    expect(after.mode === 'tools' && after.tools.map((x) => x.name)).not.toContain('list_parcels');
    expect(after.mode === 'tools' && after.edges).toHaveLength(3);

    // The reason of an edge, asked either way round: it follows from the two tools (direction.ts).
    expect(await edgeReason(db, id.get('book_train')!, id.get('find_train')!)).toEqual({
      reason: 'find_train reads train before book_train changes it',
      direction: 'forward',
      weight: 0.875,
    });
    expect(await edgeReason(db, id.get('find_train')!, id.get('get_weather')!)).toBeNull();

    // Search by name, shortest first, with the domain; a literal % matches nothing.
    expect(await findTools(db, 'TRAIN')).toEqual({
      total: 2,
      tools: [
        { id: id.get('book_train'), name: 'book_train', domainId: domainId.get('Trains'), domain: 'Trains' },
        { id: id.get('find_train'), name: 'find_train', domainId: domainId.get('Trains'), domain: 'Trains' },
      ],
    });
    expect((await findTools(db, '%')).total).toBe(0);
  });
});
