import { Sandbox, type Session } from '../server/pipeline/sandbox/sandbox';
import type { State } from '../server/pipeline/kernel/state';
import { round, type BenchResult } from './report';

/**
 * Issue 5: tool calls through the QuickJS sandbox on a 1,000-row state (target ≥ 2,000 calls/s).
 * A realistic mix — 60% get by id, 20% a filtered list of ~10 rows (a scan of all 1,000), 20% a
 * status update — through one session, then the same spread over one session per worker, the
 * fixed cost of a call, and one-shot run() (state in and out every time) for comparison.
 */
const ROWS = 1000;
const CUSTOMERS = 100;
const CALLS = 5000;

const GET = `(db, args) => {
  const o = db.orders[args.order_id];
  if (!o) throw new Error('order not found');
  return o;
}`;
const LIST = `(db, args) => Object.values(db.orders).filter((o) => o.customer_id === args.customer_id).slice(0, 10)`;
const UPDATE = `(db, args) => {
  const o = db.orders[args.order_id];
  if (!o) throw new Error('order not found');
  o.status = args.status;
  o.updated_at = new Date().toISOString();
  return { order_id: o.id, status: o.status };
}`;

export function benchState(rows = ROWS): State {
  const orders: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < rows; i++) {
    const id = `ord_${i}`;
    orders[id] = {
      id,
      customer_id: `cus_${i % CUSTOMERS}`,
      status: ['pending', 'paid', 'shipped', 'delivered'][i % 4],
      total: Math.round(i * 137.31) / 100,
      currency: 'USD',
      created_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      items: [
        { sku: `sku_${i % 37}`, qty: 1 + (i % 3) },
        { sku: `sku_${(i * 7) % 37}`, qty: 1 },
      ],
    };
  }
  return { orders };
}

function mixedCall(i: number): [string, unknown] {
  const k = i % 10;
  const order_id = `ord_${(i * 7919) % ROWS}`;
  if (k < 6) return [GET, { order_id }];
  if (k < 8) return [LIST, { customer_id: `cus_${i % CUSTOMERS}` }];
  return [UPDATE, { order_id, status: ['paid', 'shipped', 'cancelled'][i % 3] }];
}

async function drive(session: Session, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const [code, args] = mixedCall(i);
    const outcome = await session.call(code, args);
    if (!outcome.ok) throw new Error(`bench call ${i} failed: ${outcome.error.kind}: ${outcome.error.message}`);
  }
}

export async function benchSandbox(): Promise<BenchResult[]> {
  const state = benchState();
  const sandbox = new Sandbox();
  const workers = Math.min(2, (await import('node:os')).availableParallelism());
  const results: BenchResult[] = [];
  try {
    // Warm-up: start the workers, compile the tools, let V8 optimise the host side.
    const warm = await Promise.all(Array.from({ length: workers }, () => sandbox.openSession(state)));
    await Promise.all(warm.map((s) => drive(s, 0, 300)));
    await Promise.all(warm.map((s) => s.close()));

    let t0 = performance.now();
    const opened = await sandbox.openSession(state);
    results.push({ name: `open a session on ${ROWS} rows`, value: round(performance.now() - t0, 1), unit: 'ms' });

    t0 = performance.now();
    await drive(opened, 0, CALLS);
    results.push({ name: `one session: ${CALLS} mixed calls (get/list/update)`, value: Math.round(CALLS / seconds(t0)), unit: 'calls/s' });
    await opened.close();

    const sessions = await Promise.all(Array.from({ length: workers }, () => sandbox.openSession(state)));
    const share = Math.ceil(CALLS / workers);
    t0 = performance.now();
    await Promise.all(sessions.map((s, w) => drive(s, w * share, Math.min(CALLS, (w + 1) * share))));
    results.push({ name: `${workers} sessions in parallel: ${CALLS} mixed calls`, value: Math.round(CALLS / seconds(t0)), unit: 'calls/s' });
    await Promise.all(sessions.map((s) => s.close()));

    const trivial = await sandbox.openSession(state);
    const n = 3000;
    t0 = performance.now();
    for (let i = 0; i < n; i++) await trivial.call('() => null', null);
    results.push({ name: 'overhead per call (() => null, round trip)', value: round(((performance.now() - t0) * 1000) / n, 1), unit: 'µs' });
    await trivial.close();

    // Rollouts open one session per trajectory: open, 5 calls each followed by state(), close, on a
    // small state, with 1 and 4 trajectories in flight. The open is what instance reuse
    // (quickjs.mjs) makes cheap.
    const small = benchState(40);
    for (const lanes of [1, 4]) {
      const n = 400;
      let next = 0;
      const lane = async () => {
        while (next < n) await shortSession(sandbox, small, next++);
      };
      t0 = performance.now();
      await Promise.all(Array.from({ length: lanes }, lane));
      results.push({
        name: `sessions on 40 rows (open, 5 × (call, state()), close), ${lanes} in flight`,
        value: Math.round(n / seconds(t0)),
        unit: 'sessions/s',
      });
    }

    const runs = 300;
    t0 = performance.now();
    for (let i = 0; i < runs; i++) {
      const [code, args] = mixedCall(i);
      const outcome = await sandbox.run(code, state, args);
      if (!outcome.ok || !outcome.state) throw new Error(`bench run ${i} failed`);
    }
    results.push({ name: `one-shot run(): state in and out on ${ROWS} rows`, value: Math.round(runs / seconds(t0)), unit: 'calls/s' });
  } finally {
    await sandbox.close();
  }
  return results;
}

async function shortSession(sandbox: Sandbox, state: State, i: number): Promise<void> {
  const session = await sandbox.openSession(state, { seed: i });
  try {
    for (let k = 0; k < 5; k++) {
      const order_id = `ord_${(i + k) % 40}`;
      const outcome = await session.call(k % 2 ? UPDATE : GET, { order_id, status: 'paid' });
      if (!outcome.ok) throw new Error(`bench session ${i} failed: ${outcome.error.kind}: ${outcome.error.message}`);
      await session.state();
    }
  } finally {
    await session.close();
  }
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
