import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { importCollection } from '../../stages/import';
import type { GraphEdge, GraphResult } from '../../pipeline/graph/model';
import { openStudio, type Studio } from '../../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../../testing/databases';
import type { Db } from '../client';
import {
  curate,
  curationHistory,
  CurationError,
  domainMembers,
  domainOfTools,
  getDomain,
  listDomains,
  setDomainTargets,
  targetDomains,
  toolsOutsideDomains,
  unassignedCounts,
} from './domains';
import { domainOverview, edgesAmong, latestBuild, loadGraphTools, loadLockedDomains, saveGraphBuild } from './graph';

const enc = (s: string) => new TextEncoder().encode(s);

/** The fixture's tools, by the domain the first build puts them in (`null`: unassigned). */
const GROUPS = {
  Orders: ['list_orders', 'get_order', 'create_order', 'cancel_order'],
  Payments: ['get_payment', 'pay_invoice', 'list_invoices'],
  Users: ['search_users', 'get_user', 'update_user', 'delete_user'],
} as const;
type GroupName = keyof typeof GROUPS;
const UNASSIGNED = ['get_weather'];
const ALL_NAMES = [...Object.values(GROUPS).flat(), ...UNASSIGNED];

/** An OpenAI tool list: one function per name, each with one parameter. */
const openaiTools = (names: readonly string[]) =>
  enc(
    JSON.stringify(
      names.map((name) => ({
        type: 'function',
        function: {
          name,
          description: `The ${name.replace('_', ' ')} tool`,
          parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        },
      })),
    ),
  );

/**
 * Edges between tool names. Weights are exact in binary so they survive the `real` column as they
 * are; domainOverview's sums are still compared with a tolerance.
 */
/** Edges in one order, without the reason (derived from the tools when read back). */
const withoutReasons = (edges: GraphEdge[]) =>
  edges
    .map(({ source, target, weight, direction }) => ({ source, target, weight, direction }))
    .sort((a, b) => `${a.source}>${a.target}`.localeCompare(`${b.source}>${b.target}`));

const EDGES: Array<[string, string, number, GraphEdge['direction'], string]> = [
  ['list_orders', 'get_order', 0.75, 'forward', 'list_orders returns the order id get_order takes'],
  ['create_order', 'cancel_order', 0.5, 'forward', 'an order must exist before it is cancelled'],
  ['get_order', 'cancel_order', 0.625, 'both', 'both act on one order'],
  ['search_users', 'get_user', 0.875, 'forward', 'search returns user ids'],
  ['get_user', 'update_user', 0.5, 'both', 'both act on one user'],
  ['list_invoices', 'pay_invoice', 0.75, 'forward', 'list returns the invoice to pay'],
  // Between domains: Orders–Payments twice, Orders–Users once, Payments–Users never.
  ['create_order', 'pay_invoice', 0.5, 'forward', 'an order is billed by an invoice'],
  ['get_order', 'get_payment', 0.25, 'both', 'an order has a payment'],
  ['get_user', 'create_order', 0.375, 'forward', 'orders are placed by users'],
  // To the unassigned tool: in no domain's edges and no link.
  ['get_weather', 'get_order', 0.125, 'both', 'weak: shared id parameter'],
];

type Fixture = {
  db: Db;
  /** Tool id by name, and back. */
  id: (name: string) => string;
  name: (id: string) => string;
  toolIds: string[];
  ops: Map<string, 'read' | 'write'>;
  /** Domain id by the name the first build gave it. */
  domainId: Record<GroupName, string>;
  edges: GraphEdge[];
};

const stats = (r: Omit<GraphResult, 'stats' | 'modularity'>): GraphResult['stats'] => {
  const sizes = r.domains.map((d) => d.toolIds.length).sort((a, b) => a - b);
  return {
    tools: sizes.reduce((a, b) => a + b, 0) + r.unassigned.length,
    edges: r.edges.length,
    domains: r.domains.length,
    unassigned: r.unassigned.length,
    largest: sizes.at(-1) ?? 0,
    median: sizes[Math.floor(sizes.length / 2)] ?? 0,
    seconds: { similarity: 0.01, communities: 0.02 },
  };
};

const result = (r: Omit<GraphResult, 'stats' | 'modularity'>, modularity = 0.42): GraphResult => ({ ...r, modularity, stats: stats(r) });

const LLM_CHECK = { ran: false, note: 'skipped: offline test' };

describe.each(TEST_DATABASE_KINDS)('domains and curation on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
    await t?.cleanup();
    t = undefined;
  });

  /** A database with the fixture's 12 tools imported and the first build saved. */
  const setup = async (): Promise<Fixture> => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    const imported = await importCollection(db, [{ file: 'tools.json', bytes: openaiTools(ALL_NAMES) }]);
    expect(imported.status).toBe('imported');
    const tools = await loadGraphTools(db);
    expect(tools.map((x) => x.name).sort()).toEqual([...ALL_NAMES].sort());
    const byName = new Map(tools.map((x) => [x.name, x.id]));
    const byId = new Map(tools.map((x) => [x.id, x.name]));
    const id = (n: string) =>
      byName.get(n) ??
      (() => {
        throw new Error(`no tool ${n}`);
      })();
    const edges = EDGES.map(([s, tg, weight, direction, reason]) => ({ source: id(s), target: id(tg), weight, direction, reason }));
    const first = result({
      edges,
      domains: (Object.keys(GROUPS) as GroupName[]).map((g) => ({ key: g, name: g, toolIds: GROUPS[g].map(id), locked: false })),
      unassigned: UNASSIGNED.map(id),
    });
    const build = await saveGraphBuild(db, { params: { threshold: 0.5, seed: 1 }, result: first, llmCheck: LLM_CHECK });
    expect(build.stats).toEqual(first.stats);
    const listed = await listDomains(db);
    const domainId = Object.fromEntries(listed.map((d) => [d.name, d.id])) as Record<GroupName, string>;
    expect(Object.keys(domainId).sort()).toEqual(Object.keys(GROUPS).sort());
    return { db, id, name: (x) => byId.get(x)!, toolIds: tools.map((x) => x.id), ops: new Map(tools.map((x) => [x.name, x.op])), domainId, edges };
  };

  /**
   * Everything curation can change, read back through the public queries: each domain's id, name,
   * lock and members (by name), each tool's membership row, and the unassigned/dropped counts.
   */
  const snapshot = async (f: Fixture) => {
    const listed = await listDomains(f.db);
    const domains = [];
    for (const d of [...listed].sort((a, b) => a.id.localeCompare(b.id))) {
      const full = await getDomain(f.db, d.id);
      expect(full, `getDomain(${d.name})`).not.toBeNull();
      const members = full!.tools.map((x) => x.name).sort();
      expect(d.tools, `listDomains count of ${d.name}`).toBe(members.length);
      domains.push({ id: d.id, name: d.name, locked: d.locked, target: d.target, tools: members, writes: d.writes });
    }
    const rows = await domainOfTools(f.db, f.toolIds);
    const tools = Object.fromEntries(
      f.toolIds
        .map((x) => {
          const row = rows.find((r) => r.toolId === x);
          return [f.name(x), row ? { domainId: row.domainId, dropped: row.dropped } : null] as const;
        })
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    return { domains, tools, counts: await unassignedCounts(f.db) };
  };

  const namesIn = async (f: Fixture, domainId: string) => (await getDomain(f.db, domainId))?.tools.map((x) => x.name).sort() ?? null;
  const sorted = (xs: readonly string[]) => [...xs].sort();

  it('saves a build: domains with tool and write counts, members, edges inside a domain, and links between domains', async () => {
    const f = await setup();
    const { db } = f;

    const listed = await listDomains(db);
    const writes = (g: GroupName) => GROUPS[g].filter((n) => f.ops.get(n) === 'write').length;
    // The fixture's names give some writes, and not all tools are writes: the counts below can tell them apart.
    expect((Object.keys(GROUPS) as GroupName[]).map(writes)).toEqual([2, 1, 2]);
    expect(listed.map((d) => ({ name: d.name, locked: d.locked, tools: d.tools, writes: d.writes })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      (Object.keys(GROUPS) as GroupName[]).map((g) => ({ name: g, locked: false, tools: GROUPS[g].length, writes: writes(g) })),
    );
    // Largest first.
    expect(listed.at(-1)!.name).toBe('Payments');
    expect(await unassignedCounts(db)).toEqual({ unassigned: 1, dropped: 0 });

    for (const g of Object.keys(GROUPS) as GroupName[]) {
      const d = await getDomain(db, f.domainId[g]);
      expect(d).toMatchObject({ id: f.domainId[g], name: g, locked: false });
      expect(d!.tools.map((x) => x.name).sort()).toEqual(sorted(GROUPS[g]));
      expect(d!.tools.every((x) => x.collectionName.length > 0)).toBe(true);

      // Exactly the edges with both ends in the domain, with their weight and direction, and a reason
      // that follows from the two tools (direction.ts), naming both.
      const ids = new Set(d!.tools.map((x) => x.id));
      const expected = f.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      expect(expected.length).toBeGreaterThan(0);
      const got = await edgesAmong(db, [...ids]);
      expect(withoutReasons(got)).toEqual(withoutReasons(expected));
      for (const e of got) expect(e.reason).toMatch(new RegExp(`${f.name(e.source)}.*${f.name(e.target)}|${f.name(e.target)}.*${f.name(e.source)}`));
    }
    expect(await getDomain(db, randomUUID())).toBeNull();
    expect(await edgesAmong(db, [])).toEqual([]);

    const members = await domainMembers(db);
    expect(new Map([...members].map(([k, v]) => [k, sorted(v)]))).toEqual(
      new Map((Object.keys(GROUPS) as GroupName[]).map((g) => [f.domainId[g], sorted(GROUPS[g])])),
    );

    // Links: per pair of domains, the summed weight and number of edges between them, computed from the fixture.
    const groupOf = new Map<string, string>();
    for (const g of Object.keys(GROUPS) as GroupName[]) for (const n of GROUPS[g]) groupOf.set(f.id(n), f.domainId[g]);
    const expectedLinks = new Map<string, { weight: number; edges: number }>();
    for (const e of f.edges) {
      const a = groupOf.get(e.source);
      const b = groupOf.get(e.target);
      if (!a || !b || a === b) continue;
      const k = [a, b].sort().join('|');
      const l = expectedLinks.get(k) ?? { weight: 0, edges: 0 };
      expectedLinks.set(k, { weight: l.weight + e.weight, edges: l.edges + 1 });
    }
    expect(expectedLinks.size).toBe(2);
    const overview = await domainOverview(db);
    expect(overview.build?.id).toBe((await latestBuild(db))?.id);
    expect(overview.links).toHaveLength(expectedLinks.size);
    for (const l of overview.links) {
      const want = expectedLinks.get([l.a, l.b].sort().join('|'));
      expect(want, `unexpected link ${l.a}–${l.b}`).toBeDefined();
      expect(l.edges).toBe(want!.edges);
      expect(l.weight).toBeCloseTo(want!.weight, 5);
    }
    const ordersPayments = overview.links.find((l) => [l.a, l.b].sort().join('|') === [f.domainId.Orders, f.domainId.Payments].sort().join('|'));
    expect(ordersPayments).toMatchObject({ edges: 2 });
    expect(ordersPayments!.weight).toBeCloseTo(0.75, 5);
  });

  it('rename and lock change the listing; undo restores exactly the state before each', async () => {
    const f = await setup();
    const { db } = f;
    const before = await snapshot(f);

    await curate.rename(db, f.domainId.Orders, 'Shop orders');
    expect((await getDomain(db, f.domainId.Orders))?.name).toBe('Shop orders');
    expect((await listDomains(db)).map((d) => d.name).sort()).toEqual(['Payments', 'Shop orders', 'Users']);
    expect((await curationHistory(db)).map((h) => h.action)).toEqual(['rename']);
    const renamed = await snapshot(f);

    await curate.lock(db, f.domainId.Users, true);
    expect((await listDomains(db)).find((d) => d.id === f.domainId.Users)?.locked).toBe(true);
    expect(await loadLockedDomains(db)).toEqual([{ key: f.domainId.Users, name: 'Users', toolIds: expect.any(Array) }]);
    expect((await curationHistory(db)).map((h) => h.action)).toEqual(['lock', 'rename']);

    await expect(curate.undo(db)).resolves.toMatchObject({ action: 'lock' });
    expect(await snapshot(f)).toEqual(renamed);
    expect(await loadLockedDomains(db)).toEqual([]);
    await expect(curate.undo(db)).resolves.toMatchObject({ action: 'rename' });
    expect(await snapshot(f)).toEqual(before);
    expect(await curationHistory(db)).toEqual([]);
  });

  it('merge deletes the sources and moves their tools; undo brings the sources back with their ids and tools', async () => {
    const f = await setup();
    const { db } = f;
    // A target mark on a merged domain comes back with it.
    await setDomainTargets(db, [f.domainId.Payments], true);
    const before = await snapshot(f);

    await curate.merge(db, f.domainId.Orders, [f.domainId.Payments, f.domainId.Users]);
    const listed = await listDomains(db);
    expect(listed.map((d) => ({ id: d.id, tools: d.tools }))).toEqual([{ id: f.domainId.Orders, tools: 11 }]);
    expect(listed[0]!.writes).toBe(5);
    expect(await getDomain(db, f.domainId.Payments)).toBeNull();
    expect(await getDomain(db, f.domainId.Users)).toBeNull();
    expect(await namesIn(f, f.domainId.Orders)).toEqual(sorted([...GROUPS.Orders, ...GROUPS.Payments, ...GROUPS.Users]));
    expect(await unassignedCounts(db)).toEqual({ unassigned: 1, dropped: 0 });
    // Edges inside the merged domain now include the former cross-domain ones; there are no links left.
    expect((await domainOverview(db)).links).toEqual([]);

    await curate.undo(db);
    expect(await snapshot(f)).toEqual(before);
    expect(await namesIn(f, f.domainId.Payments)).toEqual(sorted(GROUPS.Payments));
    expect((await domainOverview(db)).links).toHaveLength(2);
    expect((await targetDomains(db)).map((d) => d.id)).toEqual([f.domainId.Payments]);
  });

  it('split makes a new domain of the selected tools; undo deletes it and the tools return', async () => {
    const f = await setup();
    const { db } = f;
    const before = await snapshot(f);

    const picked = ['create_order', 'cancel_order'];
    const { domainId: created } = await curate.split(db, f.domainId.Orders, picked.map(f.id), 'Order changes');
    expect(Object.values(f.domainId)).not.toContain(created);
    expect(await getDomain(db, created)).toMatchObject({ name: 'Order changes', locked: false, buildId: null });
    expect(await namesIn(f, created)).toEqual(sorted(picked));
    expect(await namesIn(f, f.domainId.Orders)).toEqual(['get_order', 'list_orders']);
    const listed = await listDomains(db);
    expect(listed).toHaveLength(4);
    expect(listed.find((d) => d.id === created)).toMatchObject({ tools: 2, writes: 2 });
    expect(listed.find((d) => d.id === f.domainId.Orders)).toMatchObject({ tools: 2, writes: 0 });

    // Without a name, the new domain is named after the one it came from.
    const { domainId: unnamed } = await curate.split(db, f.domainId.Users, [f.id('delete_user')]);
    expect((await getDomain(db, unnamed))?.name).toBe('Users (split)');
    await curate.undo(db);
    expect(await getDomain(db, unnamed)).toBeNull();

    await curate.undo(db);
    expect(await getDomain(db, created)).toBeNull();
    expect(await snapshot(f)).toEqual(before);
  });

  it('move to another domain and to unassigned; undo restores each step', async () => {
    const f = await setup();
    const { db } = f;
    const before = await snapshot(f);

    await curate.move(db, [f.id('get_payment'), f.id('get_weather')], f.domainId.Orders);
    expect(await namesIn(f, f.domainId.Orders)).toEqual(sorted([...GROUPS.Orders, 'get_payment', 'get_weather']));
    expect(await namesIn(f, f.domainId.Payments)).toEqual(['list_invoices', 'pay_invoice']);
    expect(await unassignedCounts(db)).toEqual({ unassigned: 0, dropped: 0 });
    const movedIn = await snapshot(f);

    await curate.move(db, [f.id('update_user'), f.id('get_order')], null);
    expect(await namesIn(f, f.domainId.Users)).toEqual(['delete_user', 'get_user', 'search_users']);
    expect(await namesIn(f, f.domainId.Orders)).not.toContain('get_order');
    expect(await unassignedCounts(db)).toEqual({ unassigned: 2, dropped: 0 });
    // Unassigned is not dropped: the tools stay in the graph.
    expect((await loadGraphTools(db)).map((x) => x.name)).toEqual(expect.arrayContaining(['update_user', 'get_order']));

    await curate.undo(db);
    expect(await snapshot(f)).toEqual(movedIn);
    await curate.undo(db);
    expect(await snapshot(f)).toEqual(before);
  });

  it('moving a tool the build never saw, then undoing, leaves it without a domain row again', async () => {
    const f = await setup();
    const { db } = f;
    const later = await importCollection(db, [{ file: 'later.json', bytes: openaiTools(['get_invoice_pdf']) }]);
    expect(later.status).toBe('imported');
    const fresh = (await loadGraphTools(db)).find((x) => x.name === 'get_invoice_pdf')!;
    const ff: Fixture = { ...f, toolIds: [...f.toolIds, fresh.id], name: (x) => (x === fresh.id ? fresh.name : f.name(x)) };
    const before = await snapshot(ff);
    expect(before.tools.get_invoice_pdf).toBeNull();
    expect(before.counts).toEqual({ unassigned: 2, dropped: 0 });

    await curate.move(db, [fresh.id], f.domainId.Payments);
    expect(await namesIn(ff, f.domainId.Payments)).toContain('get_invoice_pdf');
    await curate.undo(db);
    expect(await snapshot(ff)).toEqual(before);
  });

  it('drop takes a tool out of its domain and the graph; undo brings it back', async () => {
    const f = await setup();
    const { db } = f;
    const before = await snapshot(f);

    await curate.drop(db, [f.id('delete_user')]);
    expect(await namesIn(f, f.domainId.Users)).toEqual(['get_user', 'search_users', 'update_user']);
    expect((await listDomains(db)).find((d) => d.id === f.domainId.Users)).toMatchObject({ tools: 3, writes: 1 });
    expect(await unassignedCounts(db)).toEqual({ unassigned: 1, dropped: 1 });
    const graphTools = (await loadGraphTools(db)).map((x) => x.name);
    expect(graphTools).toHaveLength(11);
    expect(graphTools).not.toContain('delete_user');
    expect((await domainOfTools(db, [f.id('delete_user')]))[0]).toMatchObject({ domainId: null, dropped: true });

    await curate.undo(db);
    expect(await snapshot(f)).toEqual(before);
    expect((await loadGraphTools(db)).map((x) => x.name)).toContain('delete_user');
  });

  it('lists the tools outside the domains, unassigned or dropped, by name a page at a time; a move brings a dropped one back', async () => {
    const f = await setup();
    const { db } = f;
    const names = async (kind: 'unassigned' | 'dropped', search?: string) => (await toolsOutsideDomains(db, { kind, search })).items.map((t) => t.name);
    expect(await names('unassigned')).toEqual(['get_weather']);
    expect(await names('dropped')).toEqual([]);

    await curate.drop(db, [f.id('delete_user'), f.id('cancel_order'), f.id('pay_invoice')]);
    expect(await names('dropped')).toEqual(['cancel_order', 'delete_user', 'pay_invoice']);
    expect(await names('dropped', 'user')).toEqual(['delete_user']);
    expect(await names('dropped', '%')).toEqual([]);
    expect(await names('unassigned')).toEqual(['get_weather']);
    const first = await toolsOutsideDomains(db, { kind: 'dropped', limit: 2 });
    expect(first.items.map((t) => t.name)).toEqual(['cancel_order', 'delete_user']);
    const second = await toolsOutsideDomains(db, { kind: 'dropped', limit: 2, cursor: first.nextCursor });
    expect(second.items.map((t) => t.name)).toEqual(['pay_invoice']);
    expect(second.nextCursor).toBeNull();

    // Back to unassigned (not into the graph's domains), then into a domain.
    await curate.move(db, [f.id('delete_user')], null);
    expect(await names('dropped')).toEqual(['cancel_order', 'pay_invoice']);
    expect(await names('unassigned')).toEqual(['delete_user', 'get_weather']);
    await curate.move(db, [f.id('cancel_order')], f.domainId.Orders);
    expect(await names('dropped')).toEqual(['pay_invoice']);
    expect(await namesIn(f, f.domainId.Orders)).toContain('cancel_order');
    expect(await unassignedCounts(db)).toEqual({ unassigned: 2, dropped: 1 });
  });

  it('a tool or domain listed twice in a request counts once', async () => {
    const f = await setup();
    const { db } = f;
    const before = await snapshot(f);

    await curate.drop(db, [f.id('get_user'), f.id('get_user')]);
    expect(await unassignedCounts(db)).toEqual({ unassigned: 1, dropped: 1 });
    await curate.move(db, [f.id('get_order'), f.id('get_order')], f.domainId.Payments);
    expect(await namesIn(f, f.domainId.Payments)).toEqual(sorted([...GROUPS.Payments, 'get_order']));
    const { domainId: split } = await curate.split(db, f.domainId.Orders, [f.id('list_orders'), f.id('list_orders')], 'Listing');
    expect(await namesIn(f, split)).toEqual(['list_orders']);
    await curate.merge(db, f.domainId.Users, [split, split]);
    expect(await getDomain(db, split)).toBeNull();
    expect(await namesIn(f, f.domainId.Users)).toEqual(['delete_user', 'list_orders', 'search_users', 'update_user']);

    for (let i = 0; i < 4; i++) await curate.undo(db);
    expect(await snapshot(f)).toEqual(before);
  });

  it('undoes several changes in a row back to the original, then has nothing left to undo', async () => {
    const f = await setup();
    const { db } = f;
    const original = await snapshot(f);
    await expect(curate.undo(db)).rejects.toBeInstanceOf(CurationError);

    await curate.rename(db, f.domainId.Payments, 'Billing');
    await curate.lock(db, f.domainId.Payments, true);
    const { domainId: split } = await curate.split(db, f.domainId.Users, [f.id('search_users')], 'Search');
    await curate.move(db, [f.id('get_weather'), f.id('search_users')], f.domainId.Payments);
    await curate.drop(db, [f.id('cancel_order'), f.id('get_user')]);
    await curate.merge(db, f.domainId.Orders, [f.domainId.Users, split]);
    await curate.move(db, [f.id('list_orders')], null);

    const changed = await snapshot(f);
    expect(changed).not.toEqual(original);
    expect(changed.domains.map((d) => d.name).sort()).toEqual(['Billing', 'Orders']);
    expect(changed.counts).toEqual({ unassigned: 1, dropped: 2 });
    expect((await curationHistory(db)).map((h) => h.action)).toEqual(['move', 'merge', 'drop', 'move', 'split', 'lock', 'rename']);

    for (let i = 0; i < 7; i++) await curate.undo(db);
    expect(await snapshot(f)).toEqual(original);
    expect(await curationHistory(db)).toEqual([]);
    await expect(curate.undo(db)).rejects.toBeInstanceOf(CurationError);
    expect(await snapshot(f)).toEqual(original);
  });

  it('refuses invalid requests with a CurationError and changes nothing', async () => {
    const f = await setup();
    const { db } = f;
    await curate.rename(db, f.domainId.Orders, 'Orders!');
    const before = await snapshot(f);
    const history = await curationHistory(db);
    const missing = randomUUID();

    const invalid: Array<[string, () => Promise<unknown>]> = [
      ['merge into itself', () => curate.merge(db, f.domainId.Orders, [f.domainId.Orders])],
      ['merge nothing', () => curate.merge(db, f.domainId.Orders, [])],
      ['merge an unknown domain', () => curate.merge(db, f.domainId.Orders, [f.domainId.Users, missing])],
      ['merge into an unknown domain', () => curate.merge(db, missing, [f.domainId.Users])],
      ['split all tools', () => curate.split(db, f.domainId.Payments, GROUPS.Payments.map(f.id))],
      ['split all tools, one twice', () => curate.split(db, f.domainId.Payments, [...GROUPS.Payments, 'pay_invoice'].map(f.id))],
      ['split tools of another domain', () => curate.split(db, f.domainId.Payments, [f.id('get_payment'), f.id('get_user')])],
      ['split no tools', () => curate.split(db, f.domainId.Payments, [])],
      ['split an unknown domain', () => curate.split(db, missing, [f.id('get_payment')])],
      ['split unknown tools', () => curate.split(db, f.domainId.Payments, [randomUUID()])],
      ['rename an unknown domain', () => curate.rename(db, missing, 'x')],
      ['lock an unknown domain', () => curate.lock(db, missing, true)],
      ['move to an unknown domain', () => curate.move(db, [f.id('get_order')], missing)],
      ['move no tools', () => curate.move(db, [], f.domainId.Users)],
      ['move unknown tools', () => curate.move(db, [f.id('get_order'), randomUUID()], f.domainId.Users)],
      ['drop no tools', () => curate.drop(db, [])],
      ['drop unknown tools', () => curate.drop(db, [randomUUID()])],
    ];
    for (const [what, run] of invalid) {
      await expect(run(), what).rejects.toBeInstanceOf(CurationError);
      expect(await snapshot(f), what).toEqual(before);
      expect(await curationHistory(db), what).toEqual(history);
    }
    // The last valid change is still the one undone.
    await expect(curate.undo(db)).resolves.toMatchObject({ action: 'rename' });
    expect((await getDomain(db, f.domainId.Orders))?.name).toBe('Orders');
  });

  it('a rebuild keeps locked domains, regroups the others, keeps dropped tools out, and clears the history', async () => {
    const f = await setup();
    const { db } = f;
    const firstBuild = (await latestBuild(db))!;

    await curate.rename(db, f.domainId.Users, 'People');
    await curate.lock(db, f.domainId.Users, true);
    await curate.drop(db, [f.id('cancel_order')]);
    expect(await curationHistory(db)).toHaveLength(3);

    const locked = await loadLockedDomains(db);
    expect(locked.map((d) => ({ ...d, toolIds: d.toolIds.map(f.name).sort() }))).toEqual([
      { key: f.domainId.Users, name: 'People', toolIds: sorted(GROUPS.Users) },
    ]);

    // What the builder would be given: the tools not dropped; the locked domain comes back as it is.
    const graphTools = await loadGraphTools(db);
    expect(graphTools.map((x) => x.name)).not.toContain('cancel_order');
    const lockedIds = new Set(locked[0]!.toolIds);
    const rest = graphTools.filter((x) => !lockedIds.has(x.id)).map((x) => x.name);
    expect(sorted(rest)).toEqual(['create_order', 'get_order', 'get_payment', 'get_weather', 'list_invoices', 'list_orders', 'pay_invoice']);
    const regroup = { Reading: ['list_orders', 'get_order', 'get_payment', 'list_invoices'], Paying: ['create_order', 'pay_invoice'] };
    const edges: GraphEdge[] = [
      { source: f.id('list_orders'), target: f.id('get_order'), weight: 0.5, direction: 'forward', reason: 'second build' },
      { source: f.id('create_order'), target: f.id('pay_invoice'), weight: 0.75, direction: 'forward', reason: 'second build' },
      { source: f.id('get_order'), target: f.id('pay_invoice'), weight: 0.25, direction: 'both', reason: 'second build' },
      { source: f.id('get_user'), target: f.id('create_order'), weight: 0.5, direction: 'forward', reason: 'second build' },
    ];
    const second = result(
      {
        edges,
        domains: [
          { ...locked[0]!, locked: true },
          ...Object.entries(regroup).map(([name, names]) => ({ key: name, name, toolIds: names.map(f.id), locked: false })),
        ],
        unassigned: [f.id('get_weather')],
      },
      0.3,
    );
    const build = await saveGraphBuild(db, { params: { threshold: 0.6 }, result: second, llmCheck: LLM_CHECK });
    expect(build.id).not.toBe(firstBuild.id);
    expect((await latestBuild(db))?.id).toBe(build.id);

    const listed = await listDomains(db);
    expect(listed).toHaveLength(3);
    const kept = listed.find((d) => d.id === f.domainId.Users);
    expect(kept).toMatchObject({ name: 'People', locked: true, tools: 4 });
    expect(await namesIn(f, f.domainId.Users)).toEqual(sorted(GROUPS.Users));
    // Each regrouped domain holds at least half its tools from one of the first build's unlocked
    // domains, so those carry over one-to-one: same ids, the new build's names and tools.
    for (const [name, names] of Object.entries(regroup)) {
      const d = listed.find((x) => x.name === name);
      expect(d, name).toMatchObject({ locked: false, tools: names.length });
      expect(await getDomain(db, d!.id)).toMatchObject({ buildId: build.id, retiredAt: null });
      expect(await namesIn(f, d!.id)).toEqual(sorted(names));
    }
    expect(['Reading', 'Paying'].map((n) => listed.find((x) => x.name === n)!.id).sort()).toEqual([f.domainId.Orders, f.domainId.Payments].sort());
    expect(await unassignedCounts(db)).toEqual({ unassigned: 1, dropped: 1 });
    expect((await domainOfTools(db, [f.id('cancel_order')]))[0]).toMatchObject({ domainId: null, dropped: true });

    // Only the second build's edges are left.
    const all = await edgesAmong(db, f.toolIds);
    expect(withoutReasons(all)).toEqual(withoutReasons(edges));
    const reading = listed.find((x) => x.name === 'Reading')!.id;
    const paying = listed.find((x) => x.name === 'Paying')!.id;
    const links = (await domainOverview(db)).links.map((l) => ({ pair: [l.a, l.b].sort().join('|'), weight: l.weight, edges: l.edges }));
    expect(links.sort((a, b) => a.pair.localeCompare(b.pair))).toEqual(
      [
        { pair: [reading, paying].sort().join('|'), weight: 0.25, edges: 1 },
        { pair: [f.domainId.Users, paying].sort().join('|'), weight: 0.5, edges: 1 },
      ].sort((a, b) => a.pair.localeCompare(b.pair)),
    );

    // Undo cannot reach back across the rebuild.
    expect(await curationHistory(db)).toEqual([]);
    await expect(curate.undo(db)).rejects.toBeInstanceOf(CurationError);
    expect(await loadLockedDomains(db).then((ds) => ds.map((d) => ({ ...d, toolIds: d.toolIds.map(f.name).sort() })))).toEqual([
      { key: f.domainId.Users, name: 'People', toolIds: sorted(GROUPS.Users) },
    ]);
  });
});
