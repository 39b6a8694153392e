import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, type State } from '../kernel/state';
import { Sandbox } from './sandbox';
import type { StateChange } from '../kernel/calls';

// Lazily loaded states (base.mjs): tools must see the same database as when it is loaded whole,
// changes() must report exactly the rows that differ, and tools must not reach the loader.

const lazy = new Sandbox({ workers: 1, lazyStateChars: 0 });
const whole = new Sandbox({ workers: 1, lazyStateChars: Infinity });
afterAll(async () => {
  await lazy.close();
  await whole.close();
});

/** `pad` more rows in orders and users: past the prelude's proxy limit (2,048) a table is a plain object of accessors instead. */
const filler = (prefix: string, pad: number) =>
  Object.fromEntries(Array.from({ length: pad }, (_, i) => [`${prefix}${i}`, { id: `${prefix}${i}`, status: 'pending', name: { first: `N${i}` }, n: i }]));
const state = (pad = 0): State => ({
  orders: {
    o1: { id: 'o1', status: 'pending', items: [{ sku: 'a', qty: 1 }], address: { zip: '10001' } },
    o2: { id: 'o2', status: 'delivered', items: [], address: { zip: '94103' } },
    '7': { id: '7', status: 'pending', items: [], address: { zip: '1' } },
    ...filler('f', pad),
  },
  users: { u1: { id: 'u1', name: { first: 'Ann' }, orders: ['o1', 'o2'] }, ...filler('g', pad) },
  empty: {},
});

const sorted = (changes: StateChange[]) => changes.map((c) => canonicalJson(c)).sort();

/** Runs `codes` in order in a session of each sandbox; gives both sides' outcomes, changes and states. */
async function both(codes: string[], pad: number) {
  const out = [];
  for (const sandbox of [lazy, whole]) {
    const session = await sandbox.openSession(state(pad));
    const results = [];
    for (const code of codes) results.push(await session.call(code, { id: 'o1' }));
    const changes = sorted(await session.changes());
    const final = canonicalJson(await session.state());
    await session.close();
    out.push({ results: results.map((r) => (r.ok ? { ok: true, result: r.result } : { ok: false, error: r.error })), changes, final });
  }
  return { lazy: out[0]!, whole: out[1]! };
}

describe.each([
  ['small tables', 0],
  ['tables past the proxy limit', 3000],
])('a lazily loaded state with %s, as tools see it', { timeout: 120_000 }, (_, pad) => {
  it('reads, listings, key order, membership and serialisation are those of the state loaded whole', async () => {
    const reads = [
      `(db, a) => db.orders[a.id]`,
      `(db) => Object.keys(db.orders)`,
      `(db) => Object.entries(db.orders).map(([k, o]) => k + ':' + o.status)`,
      `(db) => Object.values(db.users).map((u) => u.name.first)`,
      `(db) => ['o1' in db.orders, 'nope' in db.orders, db.orders.hasOwnProperty('o2'), Object.hasOwn(db.orders, '7'), db.orders.nope]`,
      `(db) => { const ks = []; for (const k in db.orders) ks.push(k); return ks }`,
      `(db) => JSON.stringify(db)`,
      `(db) => ({ ...db.orders }).o2.status`,
      `(db) => Object.keys(db)`,
      `(db) => [typeof db.missing, Object.keys(db.empty).length, Array.isArray(db.orders.o1.items)]`,
    ];
    const r = await both(reads, pad);
    expect(r.lazy.results).toEqual(r.whole.results);
    expect(r.lazy.results.filter((x) => !x.ok)).toEqual([]);
    expect(r.lazy.changes).toEqual([]);
    expect(r.lazy.final).toBe(canonicalJson(state(pad)));
  });

  it('changes() names exactly the rows that differ, with before and after, as a whole dump would', async () => {
    const writes = [
      `(db, a) => { db.orders[a.id].status = 'cancelled'; db.orders[a.id].items[0].qty = 2 }`,
      `(db) => { db.orders.o3 = { id: 'o3', status: 'pending' } }`,
      `(db) => { delete db.orders['7'] }`,
      `(db) => { const o = db.orders.o2; o.status = 'x'; o.status = 'delivered' }`,
      `(db) => { db.users.u1 = JSON.parse(JSON.stringify(db.users.u1)) }`,
      `(db) => { db.carts = { c1: { id: 'c1' } } }`,
      `(db) => { Object.defineProperty(db.users, 'u2', { value: { id: 'u2' }, enumerable: true, configurable: true, writable: true }) }`,
    ];
    const r = await both(writes, pad);
    expect(r.lazy.results).toEqual(r.whole.results);
    expect(r.lazy.changes).toEqual(r.whole.changes);
    expect(r.lazy.final).toBe(r.whole.final);
    expect(
      r.lazy.changes
        .map((c) => JSON.parse(c) as StateChange)
        .map((c) => `${c.table}.${c.key}:${c.before ? 'b' : ''}${c.after ? 'a' : ''}`)
        .sort(),
    ).toEqual(['carts.c1:a', 'orders.7:b', 'orders.o1:ba', 'orders.o3:a', 'users.u2:a']);
  });

  it('a table replaced, emptied, deleted or frozen is compared as a whole dump would be', async () => {
    for (const code of [
      `(db) => { db.orders = { o1: db.orders.o1 } }`,
      `(db) => { db.users = 5 }`,
      `(db) => { delete db.orders }`,
      `(db) => { db.empty.e1 = { id: 'e1' } }`,
      `(db) => { Object.freeze(db.orders); db.orders.o1 = 1; db.orders.o2.status = 'frozen-table-rows-are-not-frozen' }`,
      `(db) => { Object.freeze(db); db.orders = {} }`,
    ]) {
      const r = await both([code], pad);
      expect(r.lazy.results, code).toEqual(r.whole.results);
      expect(r.lazy.changes, code).toEqual(r.whole.changes);
      expect(r.lazy.final, code).toBe(r.whole.final);
    }
  });

  it('a tool that rewrites builtins cannot make changes() lie, and never reaches the loader', async () => {
    const r = await both(
      [
        `(db) => {
        JSON.stringify = () => '"x"'; JSON.parse = () => ({});
        Object.keys = () => []; Reflect.ownKeys = () => []; Reflect.get = () => 1;
        Object.prototype.value = 'polluted'; Object.prototype.get = () => 'polluted';
        String.prototype.split = () => [];
        db.orders.o2.status = 'cancelled';
        db.orders.o4 = { id: 'o4' };
        delete db.users.u1;
      }`,
        `(db) => Object.getOwnPropertyNames(globalThis).filter((k) => /fetch|base|table/i.test(k))`,
      ],
      pad,
    );
    expect(r.lazy.changes).toEqual(r.whole.changes);
    expect(r.lazy.changes).toHaveLength(3);
    expect(r.lazy.results[1]).toEqual({ ok: true, result: [] });
  });
});

describe('a lazily loaded state across sessions', { timeout: 60_000 }, () => {
  it('a worker that let a state go is sent it again, and a large table is read whole', async () => {
    // More distinct states than a worker keeps (base.mjs MAX_BASES), then the first again.
    const states = Array.from({ length: 6 }, (_, i): State => ({ t: { [`k${i}`]: { i } } }));
    for (const s of [...states, states[0]!]) {
      const session = await lazy.openSession(lazy.snapshot(s));
      expect((await session.call(`(db) => Object.values(db.t)[0].i`, null)).ok).toBe(true);
      await session.close();
    }
    const big: State = { t: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { i }])) };
    const session = await lazy.openSession(big);
    expect(await session.call(`(db) => { db.t.k4999.i = -1; delete db.t.k0; return Object.keys(db.t).length }`, null)).toMatchObject({
      ok: true,
      result: 4999,
    });
    expect(sorted(await session.changes())).toEqual(
      sorted([
        { table: 't', key: 'k4999', before: { i: 4999 }, after: { i: -1 } },
        { table: 't', key: 'k0', before: { i: 0 } },
      ]),
    );
    await session.close();
  });

  it('a snapshot is a copy, and state() after a fatal outcome is refused as before', async () => {
    const s = state();
    const snap = lazy.snapshot(s);
    s.orders!.o1!.status = 'changed after the snapshot';
    const session = await lazy.openSession(snap, { limits: { timeMs: 200 } });
    expect(await session.call(`(db) => db.orders.o1.status`, null)).toMatchObject({ ok: true, result: 'pending' });
    expect(await session.call(`() => { while (true) {} }`, null)).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    await expect(session.changes()).rejects.toThrow(/reset after a timeout error/);
    await session.close();
  });
});
