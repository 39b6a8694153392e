import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../kernel/state';
import { getSandbox, Sandbox, sandboxTesting, type Session } from './sandbox';
import type { CallOutcome } from '../kernel/calls';
import { resolveWorkerPath, setSandboxWorkerPath } from './worker-path';

// These spawn real worker threads running QuickJS.

const GET_ORDER = `(db, args) => { const o = db.orders[args.order_id]; if (!o) throw new Error('order not found'); return o; }`;
const SET_STATUS = `(db, args) => {
  const o = db.orders[args.order_id];
  if (!o) throw new Error('order not found');
  o.status = args.status;
  return { order_id: o.id, status: o.status };
}`;

const initial = (): State => ({
  orders: {
    o1: { id: 'o1', customer_id: 'c1', status: 'pending', total: 12.5 },
    o2: { id: 'o2', customer_id: 'c2', status: 'paid', total: 99 },
  },
  customers: { c1: { id: 'c1', name: 'Ada' }, c2: { id: 'c2', name: 'Grace' } },
});

function ok(outcome: CallOutcome): unknown {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.result;
}

let sandbox: Sandbox;
const open: Session[] = [];
async function session(state: State = initial(), opts?: Parameters<Sandbox['openSession']>[1]): Promise<Session> {
  const s = await sandbox.openSession(state, opts);
  open.push(s);
  return s;
}

beforeAll(() => {
  sandbox = new Sandbox({ workers: 2 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await sandbox.close();
});

describe('sessions', () => {
  it('a read tool returns the row and leaves the state unchanged', async () => {
    const s = await session();
    const outcome = await s.call(GET_ORDER, { order_id: 'o2' });
    expect(ok(outcome)).toEqual({ id: 'o2', customer_id: 'c2', status: 'paid', total: 99 });
    expect(await s.state()).toEqual(initial());
  });

  it("a write tool's change is visible in state(), and only there", async () => {
    const s = await session();
    expect(ok(await s.call(SET_STATUS, { order_id: 'o1', status: 'shipped' }))).toEqual({ order_id: 'o1', status: 'shipped' });
    expect(ok(await s.call(GET_ORDER, { order_id: 'o1' }))).toMatchObject({ status: 'shipped' });
    const after = await s.state();
    expect(after.orders!.o1!.status).toBe('shipped');
    expect({ ...after, orders: { ...after.orders, o1: { ...after.orders!.o1, status: 'pending' } } }).toEqual(initial());
    // Another session on the same state is untouched.
    const other = await session();
    expect(ok(await other.call(GET_ORDER, { order_id: 'o1' }))).toMatchObject({ status: 'pending' });
  });

  it('state() reads the same before any call (the loaded JSON) as after a call that changed nothing', async () => {
    const odd: State = {
      t: {
        // eslint-disable-next-line no-loss-of-precision -- on purpose: a number JSON cannot hold exactly must still read back the same
        a: { big: 1e21, small: 5e-324, tenth: 0.1, negZero: -0, huge: 12345678901234567890, text: '\u2028 é 😀 "q" \\ \n', nested: [[], {}, [null, true]] },
      },
      '0': { '10': { id: '10' }, '9': { id: '9' }, b: { id: 'b' } },
    };
    const s = await session(odd);
    const loaded = await s.state();
    expect(ok(await s.call(`() => null`, null))).toBeNull();
    const dumped = await s.state();
    expect(loaded).toEqual(dumped);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(dumped));
    expect(ok(await s.call(`(db) => { db.t.a.tenth = 0.2 }`, null))).toBeUndefined();
    expect(((await s.state()).t!.a as { tenth: number }).tenth).toBe(0.2);
  });

  it('a thrown Error is a tool error with its message; other thrown values are stringified', async () => {
    const s = await session();
    expect(await s.call(GET_ORDER, { order_id: 'nope' })).toMatchObject({ ok: false, error: { kind: 'tool', message: 'order not found' } });
    expect(await s.call(`() => { throw 'plain string' }`, null)).toMatchObject({ ok: false, error: { kind: 'tool', message: 'plain string' } });
    expect(await s.call(`() => { throw { code: 404 } }`, null)).toMatchObject({ ok: false, error: { kind: 'tool', message: '{"code":404}' } });
    expect(await s.call(`(db) => db.missing.field`, null)).toMatchObject({ ok: false, error: { kind: 'tool' } });
    // A tool error is not fatal: the session goes on.
    expect(ok(await s.call(GET_ORDER, { order_id: 'o1' }))).toMatchObject({ id: 'o1' });
  });

  it('a syntax error is kind syntax with the QuickJS message and line', async () => {
    const s = await session();
    const outcome = await s.call(`(db, args) => {\n  const x = ;\n  return x;\n}`, {});
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('syntax');
    expect(outcome.error.message).toMatch(/^SyntaxError: .+\(line 2, column \d+\)$/);
    expect(await s.call(`42`, {})).toMatchObject({ ok: false, error: { kind: 'syntax', message: expect.stringContaining('function expression') } });
    // and the session still works
    expect(ok(await s.call(GET_ORDER, { order_id: 'o1' }))).toMatchObject({ id: 'o1' });
  });

  it('accepts function declarations, async functions, trailing semicolons and comments', async () => {
    const s = await session();
    expect(ok(await s.call(`function get(db, args) { return db.customers[args.id].name }`, { id: 'c1' }))).toBe('Ada');
    expect(ok(await s.call(`async (db) => { await null; return Object.keys(db.orders).length };`, null))).toBe(2);
    expect(ok(await s.call(`(db) => db.customers.c2.name // trailing comment`, null))).toBe('Grace');
    expect(ok(await s.call(`() => undefined`, null))).toBeUndefined();
    expect(await s.call(`async () => { throw new Error('async failure') }`, null)).toMatchObject({
      ok: false,
      error: { kind: 'tool', message: 'async failure' },
    });
  });

  it('compiles each distinct code string once per session', async () => {
    // The expression is evaluated once, so a closure made at compile time persists across calls.
    const counter = `(() => { let n = 0; return () => ++n; })()`;
    const s = await session();
    expect([ok(await s.call(counter, null)), ok(await s.call(counter, null)), ok(await s.call(counter, null))]).toEqual([1, 2, 3]);
    const fresh = await session();
    expect(ok(await fresh.call(counter, null))).toBe(1);
  });

  it('the same code, args, state and seed give identical results, Math.random and Date included', async () => {
    const code = `(db, args) => ({
      r: [Math.random(), Math.random(), Math.random()],
      now: Date.now(),
      iso: new Date().toISOString(),
      fn: Date(),
      given: new Date(args.t).toISOString(),
      id: 'id_' + Math.floor(Math.random() * 1e9),
    })`;
    const args = { t: '2020-02-29T12:00:00Z' };
    const a = ok(await (await session(initial(), { seed: 7 })).call(code, args)) as Record<string, unknown>;
    const b = ok(await (await session(initial(), { seed: 7 })).call(code, args));
    const c = ok(await sandbox.run(code, initial(), args, { seed: 7 }));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.now).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(a.iso).toBe('2025-01-01T00:00:00.000Z');
    expect(a.given).toBe('2020-02-29T12:00:00.000Z');
    const r = a.r as number[];
    expect(new Set(r).size).toBe(3);
    for (const x of r) expect(x >= 0 && x < 1).toBe(true);

    const otherSeed = ok(await (await session(initial(), { seed: 8 })).call(code, args)) as Record<string, unknown>;
    expect(otherSeed.r).not.toEqual(a.r);
    const otherNow = ok(await (await session(initial(), { seed: 7, now: '2030-06-01T08:00:00Z' })).call(code, args)) as Record<string, unknown>;
    expect(otherNow.iso).toBe('2030-06-01T08:00:00.000Z');
    expect(otherNow.r).toEqual(a.r);
  });

  it("local time inside the sandbox is UTC, whatever the server's time zone", async () => {
    // Workers take the process's zone when they start, so this sandbox gets New York.
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    const own = new Sandbox({ workers: 1 });
    try {
      expect(new Date(0).getTimezoneOffset()).toBe(300); // the host really is in New York now
      const outcome = await own.run(
        `() => [new Date(0).getHours(), new Date(2025, 0, 1).toISOString(), Date(), new Date(0).getTimezoneOffset(), new Date('2025-06-01T10:00').toISOString()]`,
        initial(),
        null,
      );
      expect(ok(outcome)).toEqual([0, '2025-01-01T00:00:00.000Z', 'Wed Jan 01 2025 00:00:00 GMT+0000', 0, '2025-06-01T10:00:00.000Z']);
    } finally {
      await own.close();
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('the random sequence continues across the calls of a session', async () => {
    const s = await session();
    const first = ok(await s.call(`() => Math.random()`, null));
    const second = ok(await s.call(`() => Math.random()`, null));
    expect(second).not.toBe(first);
    const replay = await session();
    expect([ok(await replay.call(`() => Math.random()`, null)), ok(await replay.call(`() => Math.random()`, null))]).toEqual([first, second]);
  });

  it('a closed session refuses calls and state()', async () => {
    const s = await sandbox.openSession(initial());
    await s.close();
    expect(await s.call(GET_ORDER, { order_id: 'o1' })).toMatchObject({ ok: false, error: { kind: 'internal', message: 'the session is closed' } });
    await expect(s.state()).rejects.toThrow('the session is closed');
    await s.close(); // twice is fine
  });

  it('rejects misuse: args or state that are not JSON, bad options', async () => {
    const s = await session();
    await expect(s.call(GET_ORDER, { big: 1n })).rejects.toThrow(/args must be JSON/);
    await expect(sandbox.openSession(initial(), { now: 'not a date' })).rejects.toThrow(/now must be a date/);
    await expect(sandbox.openSession(initial(), { limits: { timeMs: -1 } })).rejects.toThrow(/timeMs/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(sandbox.openSession({ t: cyclic } as unknown as State)).rejects.toThrow(/state must be JSON/);
  });

  it('many sessions stay apart and use both workers', async () => {
    const sessions = await Promise.all(Array.from({ length: 6 }, () => session()));
    await Promise.all(sessions.map((s, i) => s.call(SET_STATUS, { order_id: 'o1', status: `s${i}` })));
    const statuses = await Promise.all(sessions.map(async (s) => (ok(await s.call(GET_ORDER, { order_id: 'o1' })) as { status: string }).status));
    expect(statuses).toEqual(['s0', 's1', 's2', 's3', 's4', 's5']);
  });
});

describe('callWithState', () => {
  const WRITE_THEN_THROW = `(db, args) => { db.orders[args.order_id].status = args.status; throw new Error('half done'); }`;
  const MAKE_CYCLIC = `(db) => { db.orders.o1.self = db.orders.o1; return 1; }`;
  const steps: [string, unknown][] = [
    [GET_ORDER, { order_id: 'o1' }],
    [SET_STATUS, { order_id: 'o1', status: 'shipped' }],
    [GET_ORDER, { order_id: 'o2' }],
    [SET_STATUS, { order_id: 'o1', status: 'shipped' }], // writes the value it already had
    [GET_ORDER, { order_id: 'missing' }], // a tool error that changed nothing
    [WRITE_THEN_THROW, { order_id: 'o2', status: 'lost' }], // a tool error that changed a row
    [SET_STATUS, { order_id: 'o2', status: 'paid' }],
    [GET_ORDER, { order_id: 'o2' }],
  ];

  it('gives the outcomes and states of call() then state(), and says unchanged exactly when the state is the same', async () => {
    const plain = await session();
    const combined = await session();
    let before = await combined.state();
    const unchanged: boolean[] = [];
    for (const [code, args] of steps) {
      const outcome = await plain.call(code, args);
      const expected = await plain.state();
      const got = await combined.callWithState(code, args);
      expect({ ...got.outcome, ms: 0 }).toEqual({ ...outcome, ms: 0 });
      expect(got.unchanged === true).toBe(got.stateJson === undefined);
      const after = got.unchanged ? before : (JSON.parse(got.stateJson!) as State);
      expect(after).toEqual(expected);
      unchanged.push(got.unchanged === true);
      before = after;
    }
    expect(unchanged).toEqual([true, false, true, true, true, false, false, true]);
    expect(await combined.state()).toEqual(await plain.state());
  });

  it('sends the state when it does not know the state before the call (after a plain call)', async () => {
    const s = await session();
    await s.call(GET_ORDER, { order_id: 'o1' });
    const got = await s.callWithState(GET_ORDER, { order_id: 'o1' });
    expect(got.unchanged).toBeUndefined();
    expect(JSON.parse(got.stateJson!)).toEqual(initial());
    expect((await s.callWithState(GET_ORDER, { order_id: 'o1' })).unchanged).toBe(true);
  });

  it('rejects like state() when the state cannot be read after the call, and the session stays usable', async () => {
    const s = await session();
    await expect(s.callWithState(MAKE_CYCLIC, {})).rejects.toThrow(/the state could not be read/);
    await expect(s.state()).rejects.toThrow(/the state could not be read/);
    expect(ok(await s.call(GET_ORDER, { order_id: 'o2' }))).toMatchObject({ id: 'o2' });
  });

  it('after a fatal outcome gives no state and refuses later calls, as call() does', async () => {
    const s = await session(initial(), { limits: { timeMs: 50 } });
    const got = await s.callWithState(`() => { while (true) {} }`, {});
    expect(got).toEqual({ outcome: { ok: false, error: { kind: 'timeout', message: 'the tool ran longer than 50 ms' }, ms: expect.any(Number) } });
    const again = await s.callWithState(GET_ORDER, { order_id: 'o1' });
    expect(again.stateJson).toBeUndefined();
    expect(again.outcome).toMatchObject({
      ok: false,
      error: { kind: 'internal', message: expect.stringMatching(/^the session was reset after a timeout error/) },
    });
    expect(await s.call(GET_ORDER, { order_id: 'o1' })).toMatchObject({ ok: false, error: { kind: 'internal' } });
    await expect(s.state()).rejects.toThrow(/reset after a timeout error/);
    await s.close();
    expect((await s.callWithState(GET_ORDER, { order_id: 'o1' })).outcome).toMatchObject({
      ok: false,
      error: { kind: 'internal', message: 'the session is closed' },
    });
  });
});

describe('instance reuse', () => {
  // A QuickJS instance whose session closed cleanly serves the next session on its worker (with a
  // fresh runtime and context). One worker, so the next session is on the same one.
  const PROBE = `(db, args) => [
    Math.random(), Math.random(), Date.now(), Date(), typeof globalThis.leak, typeof counter, ({}).polluted === undefined,
    [1, 2].map((x) => x * 2), JSON.stringify({ a: [1] }), JSON.parse('{"b":2}'), Object.keys(db.orders), db.orders.o1.status, args,
    (() => { let depth = 0; const f = () => { depth++; f(); }; try { f(); } catch (e) { return [depth, String(e)]; } })(),
  ]`;
  const POLLUTE = `(db) => {
    globalThis.leak = 'secret';
    globalThis.counter = 1;
    Object.prototype.polluted = 'yes';
    Array.prototype.map = () => 'hijacked';
    JSON.stringify = () => '"hijacked"';
    JSON.parse = () => ({ hijacked: true });
    Math.random = () => 0.5;
    Date.now = () => 0;
    db.orders.o1.status = 'tampered';
    delete db.orders.o2;
    // 8 MB kept alive until the session closes (within the instance's initial memory, so the
    // instance is kept: what it leaves behind must be gone for the next session).
    globalThis.keep = Array.from({ length: 8 }, () => new Uint8Array(1 << 20).fill(7));
    return 'done';
  }`;
  /** How many MB a tool can hold before allocation fails (caught inside the tool). */
  const CAPACITY = `() => { const k = []; try { for (;;) k.push(new Uint8Array(1 << 20)); } catch (e) { return k.length } }`;
  const limits = { timeMs: 5000, memoryBytes: 16 * 1024 * 1024 };

  it('a session on a reused instance sees nothing of the last one, and gets the same outcomes', async () => {
    const own = new Sandbox({ workers: 1 });
    try {
      const a = await own.openSession(initial(), { seed: 7, limits });
      const before = ok(await a.call(PROBE, { n: 1 }));
      expect(ok(await a.call(POLLUTE, null))).toBe('done');
      expect(ok(await a.call(PROBE, { n: 1 }))).not.toEqual(before);
      await a.close();
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 1, reused: 0, kept: 1, spares: 1 });

      const b = await own.openSession(initial(), { seed: 7, limits });
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 1, reused: 1, spares: 0 });
      // Globals, prototypes, builtins, the database and the random sequence: all as new.
      expect(ok(await b.call(PROBE, { n: 1 }))).toEqual(before);
      // The memory A held is free again: B can hold exactly as much as a session on a new instance.
      const fresh = await own.openSession(initial(), { seed: 7, limits });
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 2, reused: 1 });
      const capacity = ok(await fresh.call(CAPACITY, null)) as number;
      expect(capacity).toBeGreaterThan(16);
      expect(ok(await b.call(CAPACITY, null))).toBe(capacity);
      await Promise.all([b.close(), fresh.close()]);
      // Both grew past the initial memory while allocating: their instances were not kept.
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 2, kept: 1, spares: 0 });
    } finally {
      await own.close();
    }
  });

  it('a reused instance keeps its memory limit, and only serves sessions whose cap it fits', async () => {
    const own = new Sandbox({ workers: 1 });
    try {
      await (await own.openSession(initial())).close(); // a spare capped for 64 MB of headroom
      // 16 MB of headroom does not fit that spare (far more than the slack above its cap): a new
      // instance, where 40 MB is over the limit.
      const small = await own.openSession(initial(), { limits });
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 2, reused: 0, spares: 1 });
      const keep40 = `() => { const keep = []; for (let i = 0; i < 40; i++) keep.push(new Uint8Array(1 << 20)); return keep.length }`;
      expect(await small.call(keep40, null)).toMatchObject({ ok: false, error: { kind: 'memory', message: 'the tool used more than 16 MB of memory' } });
      // The spare serves the next 64 MB session, whose tools still hit the limit.
      const big = await own.openSession(initial(), { limits: { timeMs: 5000 } });
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 2, reused: 1, spares: 0 });
      expect(ok(await big.call(keep40, null))).toBe(40);
      expect(await big.call(`() => { const a = []; while (true) a.push(new Array(100000).fill(a.length)) }`, null)).toMatchObject({
        ok: false,
        error: { kind: 'memory', message: 'the tool used more than 64 MB of memory' },
      });
      // Fatal outcomes drop the instance: nothing was kept.
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ kept: 1, spares: 0 });
      const timedOut = await own.openSession(initial(), { limits: { timeMs: 50 } });
      expect(await timedOut.call(`() => { while (true) {} }`, null)).toMatchObject({ ok: false, error: { kind: 'timeout' } });
      await Promise.all([small.close(), big.close(), timedOut.close()]);
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 3, kept: 1, spares: 0 });
    } finally {
      await own.close();
    }
  });

  it('one-shot runs reuse instances too, with the same outcomes', async () => {
    const own = new Sandbox({ workers: 1 });
    try {
      const first = await own.run(PROBE, initial(), { n: 2 }, { seed: 3 });
      const polluted = await own.run(POLLUTE, initial(), null, { seed: 3 });
      expect(polluted).toMatchObject({ ok: true, result: 'done' });
      expect(polluted.state!.orders!.o1!.status).toBe('tampered');
      const again = await own.run(PROBE, initial(), { n: 2 }, { seed: 3 });
      expect({ ...again, ms: 0 }).toEqual({ ...first, ms: 0 });
      expect(first.state).toEqual(initial());
      expect(await sandboxTesting.instanceStats(own)).toMatchObject({ created: 1, reused: 2 });
    } finally {
      await own.close();
    }
  });
});

describe('run (one shot)', () => {
  it('returns the result and the new state, and does not touch the state passed in', async () => {
    const state = initial();
    const outcome = await sandbox.run(SET_STATUS, state, { order_id: 'o2', status: 'refunded' });
    expect(ok(outcome)).toEqual({ order_id: 'o2', status: 'refunded' });
    expect(outcome.state!.orders!.o2!.status).toBe('refunded');
    expect(state).toEqual(initial());
  });

  it('reports tool errors with the state as it was left', async () => {
    const outcome = await sandbox.run(`(db) => { db.orders.o1.status = 'half'; throw new Error('then failed') }`, initial(), null);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'tool', message: 'then failed' } });
    expect(outcome.state!.orders!.o1!.status).toBe('half');
  });
});

describe('lifecycle and worker path', () => {
  it('a closed sandbox refuses new work', async () => {
    const own = new Sandbox({ workers: 1 });
    const s = await own.openSession(initial());
    expect(ok(await s.call(GET_ORDER, { order_id: 'o1' }))).toMatchObject({ id: 'o1' });
    await own.close();
    expect(await s.call(GET_ORDER, { order_id: 'o1' })).toMatchObject({ ok: false, error: { kind: 'internal' } });
    await expect(own.openSession(initial())).rejects.toThrow('the sandbox is closed');
  });

  it('getSandbox() is one instance per process', () => {
    expect(getSandbox()).toBe(getSandbox());
    expect(getSandbox()).toBeInstanceOf(Sandbox);
  });

  it('finds worker.mjs from the project root, and an explicit path is taken as is', () => {
    expect(resolveWorkerPath()).toBe(path.join(process.cwd(), 'server', 'pipeline', 'sandbox', 'worker.mjs'));
    try {
      setSandboxWorkerPath('/nonexistent/worker.mjs');
      expect(() => resolveWorkerPath()).toThrow('sandbox worker not found at /nonexistent/worker.mjs');
    } finally {
      setSandboxWorkerPath(undefined);
    }
    expect(() => new Sandbox({ workers: 0 })).toThrow(/positive integer/);
  });

  it('a sandbox whose worker path is wrong fails its calls instead of hanging', async () => {
    const broken = new Sandbox({ workers: 1, workerPath: '/nonexistent/worker.mjs' });
    try {
      await expect(broken.openSession(initial())).rejects.toThrow(/worker/);
      expect(await broken.run(GET_ORDER, initial(), { order_id: 'o1' })).toMatchObject({ ok: false, error: { kind: 'internal' } });
    } finally {
      await broken.close();
    }
  });
});
