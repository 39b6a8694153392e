import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../kernel/state';
import { Sandbox, sandboxTesting, type Session } from './sandbox';
import type { CallOutcome, SandboxErrorKind } from '../kernel/calls';

// Hostile tool code. After each attack the same Sandbox must still serve normal calls: a session
// opened before the attack (the bystander) and fresh work both.

const state = (): State => ({ orders: { o1: { id: 'o1', status: 'pending' } } });
const READ = `(db, args) => db.orders[args.id]`;
const TIME_MS = 300;

let sandbox: Sandbox;
let bystander: Session;

beforeAll(async () => {
  sandbox = new Sandbox({ workers: 2 });
  bystander = await sandbox.openSession(state());
});
afterAll(async () => {
  await sandbox.close();
});

/** Runs `code` in a fresh session (fast limits) and checks the sandbox is healthy afterwards. */
async function attack(code: string, args: unknown = null, limits = {}): Promise<{ outcome: CallOutcome; session: Session }> {
  const session = await sandbox.openSession(state(), { limits: { timeMs: TIME_MS, ...limits } });
  const outcome = await session.call(code, args);
  await expectHealthy();
  return { outcome, session };
}

async function expectHealthy() {
  expect(await bystander.call(READ, { id: 'o1' })).toMatchObject({ ok: true, result: { id: 'o1', status: 'pending' } });
  const fresh = await sandbox.openSession(state());
  expect(await fresh.call(READ, { id: 'o1' })).toMatchObject({ ok: true, result: { id: 'o1' } });
  await fresh.close();
  expect(await sandbox.run(READ, state(), { id: 'o1' })).toMatchObject({ ok: true, result: { id: 'o1' } });
}

function expectKind(outcome: CallOutcome, kinds: SandboxErrorKind[]): string {
  if (outcome.ok) throw new Error(`expected one of ${kinds.join(', ')}, got a result`);
  expect(kinds).toContain(outcome.error.kind);
  return outcome.error.message;
}

describe('runaway code', () => {
  it('an infinite loop times out within the limit plus a margin', async () => {
    const { outcome, session } = await attack(`() => { while (true) {} }`);
    expect(expectKind(outcome, ['timeout'])).toBe(`the tool ran longer than ${TIME_MS} ms`);
    // The session is reset, and says so.
    const after = await session.call(READ, { id: 'o1' });
    expect(expectKind(after, ['internal'])).toMatch(/^the session was reset after a timeout error/);
    await expect(session.state()).rejects.toThrow(/reset after a timeout error/);
  });

  it('a loop cannot catch its own timeout', async () => {
    const { outcome } = await attack(`() => { for (;;) { try { while (true) {} } catch (e) {} } }`);
    expectKind(outcome, ['timeout']);
  });

  it('an endless chain of promise jobs times out', async () => {
    const { outcome } = await attack(`async () => { while (true) await null }`);
    expectKind(outcome, ['timeout']);
  });

  it('a regexp with catastrophic backtracking times out', async () => {
    const { outcome } = await attack(`() => /^(a+)+$/.test('a'.repeat(40) + 'b')`);
    expectKind(outcome, ['timeout']);
  });

  it('a one-shot run that times out returns no state', async () => {
    const outcome = await sandbox.run(`(db) => { db.orders.o1.status = 'mid-way'; while (true) {} }`, state(), null, { limits: { timeMs: 100 } });
    expectKind(outcome, ['timeout']);
    expect(outcome.state).toBeUndefined();
    await expectHealthy();
  });

  it('a native operation that ignores the interrupt is stopped by the watchdog', async () => {
    // Array.prototype.sort without a comparator runs natively and never polls the interrupt handler.
    const own = new Sandbox({ workers: 1, watchdogGraceMs: 100 });
    try {
      const victim = await own.openSession(state(), { limits: { timeMs: 50, memoryBytes: 256 * 1024 * 1024 } });
      const neighbour = await own.openSession(state());
      const outcome = await victim.call(`() => { const a = new Array(1e6).fill(1.5); a.sort(); return a.length }`, null);
      expect(expectKind(outcome, ['timeout'])).toMatch(/its worker was stopped/);
      // Everything on that worker is gone, and says so; the replacement works.
      expect(expectKind(await neighbour.call(READ, { id: 'o1' }), ['internal'])).toMatch(/lost/);
      expect(await (await own.openSession(state())).call(READ, { id: 'o1' })).toMatchObject({ ok: true });
    } finally {
      await own.close();
    }
    await expectHealthy();
  });

  it("a one-shot run (the editor's try) has the call watchdog of a session, not the 45 s of a bulk load", { timeout: 20_000 }, async () => {
    const own = new Sandbox({ workers: 1, watchdogGraceMs: 100 });
    try {
      const started = performance.now();
      const outcome = await own.run(`() => { const a = new Array(1e6).fill(1.5); a.sort(); return a.length }`, state(), null, {
        limits: { timeMs: 50, memoryBytes: 256 * 1024 * 1024 },
      });
      expect(expectKind(outcome, ['timeout'])).toMatch(/its worker was stopped/);
      expect(outcome.state).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(await own.run(READ, state(), { id: 'o1' })).toMatchObject({ ok: true, result: { id: 'o1' } });
    } finally {
      await own.close();
    }
  });

  describe('error messages are capped like outputs', () => {
    const HUGE = `'h'.repeat(5e6)`;
    it('a thrown error, its name and stack', async () => {
      for (const code of [
        `() => { throw new Error(${HUGE}) }`,
        `() => { const e = new Error('m'); e.name = ${HUGE}; e.stack = ${HUGE}; throw e }`,
        `async () => { throw ${HUGE} }`,
      ]) {
        const outcome = await sandbox.run(code, state(), null);
        expect(expectKind(outcome, ['tool']).length).toBeLessThanOrEqual(4100);
      }
    });

    it('a tool error met while the state after the call is read, in a one-shot run and in a session', async () => {
      const unreadable = `(db) => { db.orders.o1.note = { toJSON() { throw new Error(${HUGE}) } }; return 1 }`;
      const outcome = await sandbox.run(unreadable, state(), null);
      const message = expectKind(outcome, ['tool']);
      expect(message).toMatch(/^the state could not be read: Error: h+… \[\d+ more characters\]$/);
      expect(message.length).toBeLessThanOrEqual(4100);
      const session = await sandbox.openSession(state());
      try {
        const error = await session.callWithState(unreadable, null).catch((e: unknown) => e as Error);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message.length).toBeLessThanOrEqual(4100);
      } finally {
        await session.close();
      }
    });
  });

  it('callWithState keeps the call on the short watchdog: the dump budget starts only when the call has ended', { timeout: 20_000 }, async () => {
    // With the dump's 45 s budget covering the call too, this would run into the test timeout.
    const own = new Sandbox({ workers: 1, watchdogGraceMs: 100 });
    try {
      const victim = await own.openSession(state(), { limits: { timeMs: 50, memoryBytes: 256 * 1024 * 1024 } });
      const { outcome, stateJson } = await victim.callWithState(`() => { const a = new Array(1e6).fill(1.5); a.sort(); return a.length }`, null);
      expect(expectKind(outcome, ['timeout'])).toMatch(/its worker was stopped/);
      expect(stateJson).toBeUndefined();
      const fresh = await own.openSession(state());
      expect((await fresh.callWithState(READ, { id: 'o1' })).outcome).toMatchObject({ ok: true });
    } finally {
      await own.close();
    }
  });
});

describe('resource bombs', () => {
  it('growing arrays hit the memory limit', async () => {
    const { outcome, session } = await attack(`() => { const a = []; while (true) a.push(new Array(100000).fill(a.length)) }`, null, { timeMs: 5000 });
    expect(expectKind(outcome, ['memory'])).toBe('the tool used more than 64 MB of memory');
    expect(expectKind(await session.call(READ, { id: 'o1' }), ['internal'])).toMatch(/reset after a memory error/);
  });

  it('growing strings hit the memory limit', async () => {
    const { outcome } = await attack(`() => { const parts = []; while (true) parts.push(String(Math.random()).repeat(100000)) }`, null, { timeMs: 5000 });
    expectKind(outcome, ['memory']);
  });

  it('many small objects hit the memory limit', async () => {
    const { outcome } = await attack(`() => { const a = []; while (true) a.push({ i: a.length, s: 'abc' }) }`, null, {
      timeMs: 5000,
      memoryBytes: 16 * 1024 * 1024,
    });
    expect(expectKind(outcome, ['memory'])).toBe('the tool used more than 16 MB of memory');
  });

  it('typed arrays count against the limit too', async () => {
    const { outcome } = await attack(`() => { const keep = []; while (true) keep.push(new Uint8Array(1 << 20)) }`, null, { timeMs: 5000 });
    expectKind(outcome, ['memory']);
  });

  it('the memory limit is headroom above the state, also for a dense state (loaded whole)', async () => {
    // 400,000 empty objects: 5 MB of JSON that takes over ten times that once parsed, far more than
    // the first guess at the room it needs. Loaded whole, as states below the lazy threshold are.
    const whole = new Sandbox({ workers: 1, lazyStateChars: Infinity });
    try {
      const dense: State = { t: Object.fromEntries(Array.from({ length: 400_000 }, (_, i) => [`k${i}`, {}])) };
      const s = await whole.openSession(dense, { limits: { timeMs: 5000, memoryBytes: 16 * 1024 * 1024 } });
      const keep = (mb: number) => `(db) => { const keep = []; for (let i = 0; i < ${mb}; i++) keep.push(new Uint8Array(1 << 20)); return 'k399999' in db.t }`;
      expect(await s.call(keep(12), null)).toMatchObject({ ok: true, result: true });
      expectKind(await s.call(keep(40), null), ['memory']);
    } finally {
      await whole.close();
    }
    await expectHealthy();
  }, 60_000);

  it('a lazily loaded dense state: a tool reading all of it keeps the headroom, and a bomb is still stopped', async () => {
    // 100,000 empty objects, loaded lazily: the cap is the room the whole state took when loaded
    // once, plus room for lazy loading, plus the limit; what a tool leaves unread it may use.
    const dense: State = { t: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, {}])) };
    const s = await sandbox.openSession(dense, { limits: { timeMs: 10_000, memoryBytes: 16 * 1024 * 1024 } });
    const keep = (mb: number) =>
      `(db) => { const keep = []; for (let i = 0; i < ${mb}; i++) keep.push(new Uint8Array(1 << 20)); return Object.values(db.t).length }`;
    expect(await s.call(keep(12), null)).toMatchObject({ ok: true, result: 100_000 });
    expectKind(await s.call(keep(400), null), ['memory']);
    await expectHealthy();
  }, 60_000);

  it('deep recursion is a stack error with a clear message', async () => {
    const { outcome } = await attack(`() => { const f = (n) => f(n + 1) + 1; return f(0) }`);
    expect(expectKind(outcome, ['stack'])).toMatch(/recursed too deeply/);
  });

  it('recursion through native code (getters, toString, JSON) is caught too', async () => {
    for (const code of [
      `() => { const o = { get x() { return this.x } }; return o.x }`,
      `() => { const o = { toString() { return '' + o } }; return String(o) }`,
      `() => { let o = {}; for (let i = 0; i < 200000; i++) o = { o }; return JSON.stringify(o).length }`,
      `() => JSON.parse('['.repeat(200000))`,
    ]) {
      const { outcome } = await attack(code, null, { timeMs: 5000 });
      expectKind(outcome, ['stack']);
    }
  });

  it('a 50 MB string result is refused (output or memory)', async () => {
    const { outcome } = await attack(`() => 'x'.repeat(50 * 1024 * 1024)`, null, { timeMs: 5000 });
    expectKind(outcome, ['output', 'memory']);
  });

  it('a giant array result is refused as output, and the session goes on', async () => {
    const { outcome, session } = await attack(`() => Array.from({ length: 2e6 }, (_, i) => i)`, null, { timeMs: 5000 });
    expect(expectKind(outcome, ['output'])).toMatch(/^the result is at least [\d.]+ MB of JSON, over the limit of 1 MB$/);
    expect(await session.call(READ, { id: 'o1' })).toMatchObject({ ok: true });
  });

  it('the output limit counts UTF-8 bytes', async () => {
    // 400,000 characters of 3-byte UTF-8 = 1.2 MB of JSON, over a 1 MB limit.
    const { outcome } = await attack(`() => '€'.repeat(400000)`);
    expect(expectKind(outcome, ['output'])).toMatch(/over the limit of 1 MB/);
  });
});

describe('no host objects', () => {
  it('process, require, fetch, timers and Node globals are absent', async () => {
    const { outcome } = await attack(`() => [
      typeof process, typeof require, typeof globalThis.process, typeof fetch, typeof setTimeout, typeof setInterval,
      typeof setImmediate, typeof Buffer, typeof module, typeof exports, typeof __dirname, typeof WebAssembly, typeof XMLHttpRequest,
    ]`);
    expect(outcome).toMatchObject({ ok: true, result: Array(13).fill('undefined') });
    for (const code of [`() => process.env`, `() => require('fs')`, `() => fetch('http://example.com')`, `() => setTimeout(() => {}, 0)`]) {
      expectKind((await attack(code)).outcome, ['tool']);
    }
  });

  it('import() cannot load modules', async () => {
    const { outcome } = await attack(`() => import('fs')`);
    expect(expectKind(outcome, ['tool'])).toMatch(/could not load module/);
    expectKind((await attack(`async () => (await import('node:child_process')).execSync('id')`)).outcome, ['tool']);
  });

  it("Function('return this')() is QuickJS's own global, with nothing of the host", async () => {
    const { outcome } = await attack(`() => {
      const g = Function('return this')();
      return { names: Object.getOwnPropertyNames(g), process: typeof g.process, same: g === globalThis };
    }`);
    const result = (outcome.ok ? outcome.result : undefined) as { names: string[]; process: string; same: boolean };
    expect(result.same).toBe(true);
    expect(result.process).toBe('undefined');
    for (const hostName of ['process', 'require', 'Buffer', 'fetch', 'setTimeout', 'global', 'module']) expect(result.names).not.toContain(hostName);
  });

  it('constructor chains lead back to QuickJS, not to the host', async () => {
    expectKind((await attack(`function () { return this.constructor.constructor('return process')() }`)).outcome, ['tool']);
    const { outcome } = await attack(`(db) => [
      db.constructor.constructor('return typeof process')(),
      (() => {}).constructor('return typeof require')(),
      Object.getPrototypeOf(async function () {}).constructor('return 1')() instanceof Promise,
    ]`);
    expect(outcome).toMatchObject({ ok: true, result: ['undefined', 'undefined', true] });
  });

  it('Date.now() stands still and Math.random() is mulberry32 from the seed (42 by default)', async () => {
    const { outcome } = await attack(`() => {
      const a = Date.now();
      let x = 0; for (let i = 0; i < 200000; i++) x += i;
      return [a, Date.now(), new Date().getTime(), Math.random(), Math.random(), Math.random()];
    }`);
    expect(outcome.ok).toBe(true);
    const [a, b, c, ...r] = (outcome.ok ? outcome.result : []) as number[];
    expect([a, b, c]).toEqual(Array(3).fill(Date.parse('2025-01-01T00:00:00Z')));
    const reference = mulberry32(42);
    expect(r).toEqual([reference(), reference(), reference()]);
  });
});

describe('containment between sessions', () => {
  it('prototype pollution stays inside its session', async () => {
    const polluter = await sandbox.openSession(state());
    const polluted = await polluter.call(
      `() => {
      Object.prototype.polluted = 'yes';
      Array.prototype.map = () => 'hijacked';
      JSON.parse = () => ({ hijacked: true });
      JSON.stringify = () => '"hijacked"';
      Math.random = () => 0.5;
      return ({}).polluted;
    }`,
      null,
    );
    expect(polluted).toMatchObject({ ok: true, result: 'yes' });
    // The polluting session keeps its own pollution, but its plumbing (args in, result out) holds.
    expect(await polluter.call(`(db, args) => [({}).polluted, args.n, db.orders.o1.id]`, { n: 3 })).toMatchObject({ ok: true, result: ['yes', 3, 'o1'] });
    expect((await polluter.state()).orders!.o1).toEqual({ id: 'o1', status: 'pending' });
    // Nothing reached the host or any other session.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect([1].map((x) => x + 1)).toEqual([2]);
    const other = await sandbox.openSession(state());
    expect(await other.call(`() => [typeof ({}).polluted, [1].map((x) => x * 2), typeof JSON.parse('{}')]`, null)).toMatchObject({
      ok: true,
      result: ['undefined', [2], 'object'],
    });
    expect(await bystander.call(`() => 'polluted' in {}`, null)).toMatchObject({ ok: true, result: false });
    await Promise.all([polluter.close(), other.close()]);
  });

  it('a global left behind in one session is invisible to another', async () => {
    const a = await sandbox.openSession(state());
    await a.call(`() => { globalThis.leak = 'secret' }`, null);
    expect(await a.call(`() => globalThis.leak`, null)).toMatchObject({ ok: true, result: 'secret' });
    expect(await bystander.call(`() => typeof leak`, null)).toMatchObject({ ok: true, result: 'undefined' });
    await a.close();
  });
});

describe('worker death', () => {
  it('a killed worker fails its pending call and sessions with internal, and is replaced', async () => {
    const own = new Sandbox({ workers: 2 });
    try {
      const victim = await own.openSession(state(), { limits: { timeMs: 10_000 } });
      const survivor = await own.openSession(state());
      const worker = sandboxTesting.workerOf(victim)!;
      expect(worker).toBeDefined();
      expect(sandboxTesting.workerOf(survivor)).not.toBe(worker); // two sessions, two workers
      const pending = victim.call(`() => { while (true) {} }`, null);
      await new Promise((r) => setTimeout(r, 100));
      await worker.terminate();
      const outcome = await pending;
      expect(expectKind(outcome, ['internal'])).toMatch(/sandbox worker stopped/);
      expect(expectKind(await victim.call(READ, { id: 'o1' }), ['internal'])).toMatch(/session was lost/);
      await expect(victim.state()).rejects.toThrow(/session was lost/);
      // The other worker's session never noticed; new sessions and runs work.
      expect(await survivor.call(READ, { id: 'o1' })).toMatchObject({ ok: true });
      const replacement = await own.openSession(state());
      expect(await replacement.call(READ, { id: 'o1' })).toMatchObject({ ok: true });
      expect(await own.run(READ, state(), { id: 'o1' })).toMatchObject({ ok: true });
      expect(sandboxTesting.workers(own)).toHaveLength(2);
    } finally {
      await own.close();
    }
  });

  it('a worker killed while idle loses only its own sessions', async () => {
    const own = new Sandbox({ workers: 1 });
    try {
      const s = await own.openSession(state());
      await sandboxTesting.workerOf(s)!.terminate();
      expect(expectKind(await s.call(READ, { id: 'o1' }), ['internal'])).toMatch(/session was lost/);
      const next = await own.openSession(state());
      expect(await next.call(READ, { id: 'o1' })).toMatchObject({ ok: true });
    } finally {
      await own.close();
    }
    await expectHealthy();
  });
});

/** The reference PRNG, written out independently of the sandbox's copy. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
