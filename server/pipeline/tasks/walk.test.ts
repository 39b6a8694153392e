import { afterAll, describe, expect, it } from 'vitest';
import type { EnvironmentContent, ToolCode } from '../environment/model';
import { SHOP } from '../environment/test-schema';
import { Sandbox } from '../sandbox/sandbox';
import { canonicalJson } from '../kernel/state';
import { chainShare, isChained, scalarValues } from './chain-measure';
import { missingValues } from './intent';
import { sampleSettings, type WalkEdge } from './model';
import { sampleTasks } from './walk';

const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());

const s = { type: 'string' };
const tool = (name: string, op: 'read' | 'write', properties: Record<string, unknown>, body: string): ToolCode => ({
  toolId: name,
  name,
  op,
  parameters: { type: 'object', properties, required: Object.keys(properties) },
  code: `(db, args) => { ${body} }`,
});

const FIND = tool('find_user_id_by_email', 'read', { email: s }, 'return Object.values(db.users).filter((u) => u.email === args.email).map((u) => u.user_id);');
const GET_USER = tool(
  'get_user_details',
  'read',
  { user_id: s },
  'const u = db.users[args.user_id]; if (!u) throw new Error("no user " + args.user_id); return u;',
);
const GET_ORDER = tool(
  'get_order',
  'read',
  { order_id: s },
  'const o = db.orders[args.order_id]; if (!o) throw new Error("no order " + args.order_id); return o;',
);
const CANCEL = tool(
  'cancel_order',
  'write',
  { order_id: s },
  'const o = db.orders[args.order_id]; if (!o) throw new Error("no order"); if (o.status !== "pending") throw new Error("order is " + o.status); o.status = "cancelled"; return o;',
);
const BROKEN = tool('get_broken', 'read', { order_id: s }, 'throw new Error("upstream is down");');

const shop = (...tools: ToolCode[]): EnvironmentContent => ({ schema: SHOP, tools });
const settings = (over: Partial<Record<string, number>> = {}) => sampleSettings.parse({ n: 10, seed: 4, ...over });
const EDGES: WalkEdge[] = [
  { source: FIND.toolId, target: GET_USER.toolId, direction: 'forward' },
  { source: GET_ORDER.toolId, target: CANCEL.toolId, direction: 'forward' },
  // Edges of other domains come along when a caller passes the whole graph.
  { source: 'elsewhere', target: FIND.toolId, direction: 'both' },
];

describe('sampleTasks', { timeout: 60_000 }, () => {
  it('walks the edges, retries other starts to reach minCalls, and takes ids from earlier results', async () => {
    const { tasks, notes } = await sampleTasks(
      { content: shop(FIND, GET_USER, GET_ORDER, CANCEL), edges: EDGES },
      sandbox,
      settings({ n: 20, minCalls: 2, maxCalls: 2 }),
    );
    expect(notes).toEqual([]);
    expect(tasks).toHaveLength(20);
    const paths = new Set(tasks.map((t) => t.calls.map((c) => c.name).join(' > ')));
    expect(paths).toEqual(new Set(['find_user_id_by_email > get_user_details', 'get_order > cancel_order']));
    for (const t of tasks) {
      const [first, second] = t.calls;
      if (first!.name === 'find_user_id_by_email') {
        // The user knows the email; the agent learns the user id from the search.
        expect(second!.derived).toEqual(['user_id']);
        expect(first!.result).toContain(second!.arguments.user_id);
        expect(t.intent).toContain(String(first!.arguments.email));
        expect(t.intent).not.toContain(String(second!.arguments.user_id));
        expect(t.readOnly).toBe(true);
        expect(t.finalState).toEqual(t.initialState);
      } else {
        expect(t.readOnly).toBe(false);
        expect(t.finalState.orders![String(second!.arguments.order_id)]!.status).toBe('cancelled');
        expect(t.initialState.orders![String(second!.arguments.order_id)]!.status).toBe('pending');
      }
      expect(missingValues(t.intent, t.calls)).toEqual([]);
      expect(t.intentWriter).toBe('template');
      expect(t.seed).toBe(4);
    }
  });

  it("draws a task's calls from one user's thread, each using what came before, without padding", async () => {
    const byName = tool(
      'find_user_id_by_name',
      'read',
      { name: s },
      'return Object.values(db.users).filter((u) => u.name === args.name).map((u) => u.user_id);',
    );
    const listOrders = tool(
      'list_user_orders',
      'read',
      { user_id: s },
      'if (!db.users[args.user_id]) throw new Error("no user"); return Object.values(db.orders).filter((o) => o.user_id === args.user_id);',
    );
    const tools = [FIND, byName, GET_USER, listOrders, GET_ORDER, CANCEL];
    // Every tool leads to every other: only the data decides where a walk goes.
    const edges = tools.flatMap((a, i) => tools.slice(i + 1).map((b): WalkEdge => ({ source: a.toolId, target: b.toolId, direction: 'both' })));
    const { tasks } = await sampleTasks({ content: shop(...tools), edges }, sandbox, settings({ n: 30, minCalls: 1, maxCalls: 4 }));
    const multi = tasks.filter((t) => t.calls.length > 1);
    expect(multi.length).toBeGreaterThan(10);
    expect(chainShare(tasks).share).toBe(1);
    for (const t of tasks) {
      const where = t.calls.map((c) => `${c.name}${canonicalJson(c.arguments)}`).join(' > ');
      expect(isChained(t.calls), where).toBe(true);
      // One user: the users named, and the owners of the orders named.
      const users = new Set(
        t.calls.flatMap((c) => [
          ...(typeof c.arguments.user_id === 'string' ? [c.arguments.user_id] : []),
          ...(typeof c.arguments.order_id === 'string' ? [t.initialState.orders![c.arguments.order_id]!.user_id as string] : []),
          ...(typeof c.arguments.email === 'string'
            ? Object.values(t.initialState.users!)
                .filter((u) => u.email === c.arguments.email)
                .map((u) => u.user_id as string)
            : []),
        ]),
      );
      expect(users.size, where).toBeLessThanOrEqual(1);
      const seen = new Set<string>();
      for (const [i, c] of t.calls.entries()) {
        const returned = scalarValues(c.result);
        // A read after the first tells something new (not the same user looked up again)...
        if (i > 0 && c.op === 'read')
          expect(
            [...returned].some((v) => !seen.has(v)),
            `${where}: call ${i + 1} tells nothing new`,
          ).toBe(true);
        // ...and a read before the last is used by the next call.
        if (c.op === 'read' && i < t.calls.length - 1)
          expect(
            [...scalarValues(t.calls[i + 1]!.arguments)].some((v) => returned.has(v)),
            `${where}: call ${i + 2} ignores call ${i + 1}`,
          ).toBe(true);
        scalarValues(c.arguments).forEach((v) => seen.add(v));
        returned.forEach((v) => seen.add(v));
      }
    }
  });

  it('draws walk lengths from the domain as well as the seed, the same each time', async () => {
    // Two tools that always go on (each answers with a new id the other takes), named differently.
    const pair = (a: string, b: string) => [a, b].map((name) => tool(name, 'read', { item_id: s }, 'return { item_id: args.item_id + "1" };'));
    const lengths = async (tools: ToolCode[]) => {
      const edges: WalkEdge[] = [{ source: tools[0]!.toolId, target: tools[1]!.toolId, direction: 'both' }];
      const { tasks } = await sampleTasks({ content: shop(...tools), edges }, sandbox, settings({ n: 12, minCalls: 1, maxCalls: 5 }));
      return tasks.map((t) => t.calls.length);
    };
    const ping = await lengths(pair('ping_item', 'pong_item'));
    const tick = await lengths(pair('tick_item', 'tock_item'));
    expect(ping).toHaveLength(12);
    expect(new Set(ping).size).toBeGreaterThan(2);
    expect(tick).not.toEqual(ping);
    expect(await lengths(pair('ping_item', 'pong_item'))).toEqual(ping);
  });

  it('walks a `both` edge either way', async () => {
    // A cancel that answers only "done": reading the order back then tells the user something
    // (its new status); after a cancel that returned the whole order it would be padding.
    const cancel = tool(
      'cancel_order',
      'write',
      { order_id: s },
      'const o = db.orders[args.order_id]; if (!o || o.status !== "pending") throw new Error("cannot"); o.status = "cancelled"; return { cancelled: true };',
    );
    const edges: WalkEdge[] = [{ source: GET_ORDER.toolId, target: cancel.toolId, direction: 'both' }];
    const { tasks } = await sampleTasks({ content: shop(GET_ORDER, cancel), edges }, sandbox, settings({ n: 20, minCalls: 2, maxCalls: 2 }));
    const paths = new Set(tasks.map((t) => t.calls.map((c) => c.name).join(' > ')));
    expect(paths).toEqual(new Set(['get_order > cancel_order', 'cancel_order > get_order']));
  });

  it('leaves out a tool that always throws, and notes it', async () => {
    const { tasks, notes } = await sampleTasks({ content: shop(BROKEN, GET_ORDER), edges: [] }, sandbox, settings());
    expect(tasks).toHaveLength(10);
    expect(tasks.every((t) => t.calls.every((c) => c.name === 'get_order'))).toBe(true);
    expect(notes).toEqual([expect.stringMatching(/^1 tool never succeeded: get_broken: \d+ attempts refused \(last: upstream is down\)$/)]);
  });

  it('gives no tasks and notes why when every tool fails, without throwing', async () => {
    const syntax = { ...tool('get_order', 'read', { order_id: s }, ''), code: '(db, args) => {' };
    const readWrites = tool('get_user', 'read', { user_id: s }, 'db.users[args.user_id].name = "x"; return 1;');
    const { tasks, notes } = await sampleTasks({ content: shop(BROKEN, syntax, readWrites), edges: [] }, sandbox, settings());
    expect(tasks).toEqual([]);
    expect(notes[0]).toMatch(
      /^every tool failed, so no walk can start: get_broken: .*upstream is down.*; get_order: syntax: .*; get_user: .*a read changed the state/,
    );
    expect(notes[1]).toMatch(/^only 0 distinct tasks of 10 after \d+ walks: \d+ ended before 1 call$/);

    expect(await sampleTasks({ content: shop(), edges: [] }, sandbox, settings())).toEqual({ tasks: [], notes: ['the environment has no tools: no tasks'] });
  });

  it('drops a walk whose calls fail when replayed alone', async () => {
    // Succeeds only after an earlier call in the same session: the walk's refused first attempt
    // warms it up, a fresh replay does not.
    const warm = tool('get_status', 'read', {}, 'globalThis.k = (globalThis.k || 0) + 1; if (globalThis.k < 2) throw new Error("warming up"); return "ok";');
    const { tasks, notes } = await sampleTasks({ content: shop(warm), edges: [] }, sandbox, settings({ n: 2 }));
    expect(tasks).toEqual([]);
    expect(notes).toEqual([
      expect.stringMatching(
        /^only 0 distinct tasks of 2 after 20 walks: 19 repeated an earlier task, 1 failed their replay \(e\.g\. call 1 \(get_status\) failed on replay: warming up\)$/,
      ),
    ]);
  });

  it('notes how many distinct tasks it found when the domain has fewer than asked', async () => {
    const only = tool('list_products', 'read', {}, 'return Object.keys(db.products);');
    const { tasks, notes } = await sampleTasks({ content: shop(only), edges: [] }, sandbox, settings({ n: 5 }));
    expect(tasks).toHaveLength(1);
    expect(notes).toEqual(['only 1 distinct task of 5 after 50 walks: 49 repeated an earlier task']);
  });

  it('records a custom writer, falls back to the template when it fails, and reports progress', async () => {
    const input = { content: shop(GET_ORDER), edges: [], descriptions: { get_order: 'Get an order.' } };
    const seen: string[] = [];
    const progress: number[] = [];
    const llm = await sampleTasks(input, sandbox, settings({ n: 3 }), {
      writeIntent: async (calls, ctx) => {
        seen.push(ctx.descriptions?.get_order ?? '');
        return `You want order ${calls[0]!.arguments.order_id}.`;
      },
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(llm.tasks.map((t) => t.intentWriter)).toEqual(['llm', 'llm', 'llm']);
    expect(llm.tasks[0]!.intent).toMatch(/^You want order order_\d+\.$/);
    expect(seen).toEqual(['Get an order.', 'Get an order.', 'Get an order.']);
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);

    const failed = await sampleTasks(input, sandbox, settings({ n: 2 }), {
      writeIntent: async () => {
        throw new Error('the endpoint is down');
      },
    });
    expect(failed.tasks.map((t) => t.intentWriter)).toEqual(['template', 'template']);
    expect(failed.tasks[0]!.intent).toMatch(/\bmy order\b.*\bThe order is order_\d+\./);
    expect(failed.notes).toEqual(['the intent writer failed on 2 tasks, which got the template intent instead (the endpoint is down)']);
  });

  it('stops when aborted', async () => {
    const input = { content: shop(GET_ORDER, CANCEL), edges: EDGES };
    await expect(sampleTasks(input, sandbox, settings(), { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    const controller = new AbortController();
    const run = sampleTasks(input, sandbox, settings(), { signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });

  it('rejects settings out of bounds and misuse', async () => {
    for (const bad of [
      { n: 0 },
      { n: 1001 },
      { seed: -1 },
      { seed: 1.5 },
      { minCalls: 0 },
      { maxCalls: 21 },
      { rows: 0 },
      { rows: 501 },
      { minCalls: 4, maxCalls: 3 },
    ]) {
      expect(() => sampleSettings.parse(bad), JSON.stringify(bad)).toThrow();
    }
    expect(sampleSettings.parse({})).toEqual({ n: 20, seed: 1, minCalls: 1, maxCalls: 5, rows: 20 });
    const input = { content: shop(GET_ORDER), edges: [] };
    await expect(sampleTasks(input, sandbox, { ...settings(), minCalls: 6 })).rejects.toThrow(/minCalls must not exceed maxCalls/);
    await expect(sampleTasks({ content: shop(GET_ORDER, GET_ORDER), edges: [] }, sandbox, settings())).rejects.toThrow(/appears twice/);
    await expect(sampleTasks({ edges: [] } as never, sandbox, settings())).rejects.toThrow(/needs \{ content, edges \}/);
  });

  it('gives the same tasks for the same seed', async () => {
    const input = { content: shop(FIND, GET_USER, GET_ORDER, CANCEL), edges: EDGES };
    const a = await sampleTasks(input, sandbox, settings());
    const b = await sampleTasks(input, sandbox, settings());
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it("gives the same walks whatever the tools' ids are (ids are random per import)", async () => {
    const tools = [FIND, GET_USER, GET_ORDER, CANCEL];
    const star: Array<[ToolCode, ToolCode]> = [
      [FIND, GET_USER],
      [FIND, GET_ORDER],
      [GET_USER, GET_ORDER],
      [GET_USER, CANCEL],
      [GET_ORDER, CANCEL],
      [GET_ORDER, GET_USER],
    ];
    // Ids in the tools' order, then in the reverse order.
    const walksWith = async (idOf: (t: ToolCode, i: number) => string) => {
      const ids = new Map(tools.map((t, i) => [t.name, idOf(t, i)]));
      const content = shop(...tools.map((t) => ({ ...t, toolId: ids.get(t.name)! })));
      const edges = star.map(([a, b]): WalkEdge => ({ source: ids.get(a.name)!, target: ids.get(b.name)!, direction: 'both' }));
      const out = await sampleTasks({ content, edges }, sandbox, settings({ n: 12, minCalls: 2, maxCalls: 4 }));
      return out.tasks.map((t) => t.calls.map((c) => `${c.name}${canonicalJson(c.arguments)}`).join(' > '));
    };
    const a = await walksWith((_, i) => `id-${i}`);
    const b = await walksWith((_, i) => `id-${9 - i}`);
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
  });
});
