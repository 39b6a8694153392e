import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLlm } from '../../llm/client';
import { startFakeOpenAi, type FakeChatMessage, type FakeOpenAi } from '../../testing/fake-openai';
import type { GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { generateWithLlm, parseGenerateAnswer } from './llm-generator';
import { referenceFeedback } from '../reference/feedback';
import type { ReferenceFile } from '../reference/format';
import { replayTasks } from '../reference/replay';
import { scoreReplay } from '../reference/score';
import type { EnvironmentContent, ValidationReport } from './model';
import type { State } from '../kernel/state';
import { validateEnvironment } from './validate';

/*
 * The model is the real client talking HTTP to a scripted OpenAI-compatible server; the validator
 * is the real one running the code in the real sandbox. Only the model's answers are scripted.
 */

const TOOLS: GraphTool[] = [
  tool('get_order', 'read', 'Get an order by its id.', { order_id: { type: 'string' } }, ['order_id']),
  tool('cancel_order', 'write', 'Cancel a pending order.', { order_id: { type: 'string' } }, ['order_id']),
  tool('list_orders', 'read', 'List orders, optionally by status.', { status: { type: 'string', enum: ['pending', 'shipped', 'cancelled'] } }, []),
];

function tool(name: string, op: GraphTool['op'], description: string, properties: Record<string, unknown>, required: string[]): GraphTool {
  return { id: `id-${name}`, name, description, op, parameters: { type: 'object', properties, required }, returns: null };
}

const SCHEMA = {
  tables: [
    {
      name: 'orders',
      description: 'Customer orders',
      primaryKey: 'order_id',
      columns: {
        order_id: { type: 'string' },
        status: { type: 'string', enum: ['pending', 'shipped', 'cancelled'] },
        total: { type: 'number', minimum: 0 },
      },
      required: ['order_id', 'status', 'total'],
      references: [],
    },
  ],
};

const CODE = {
  get_order: `(db, args) => {
  const order = db.orders[args.order_id];
  if (!order) throw new Error('order ' + args.order_id + ' not found');
  return order;
}`,
  list_orders: `(db, args) => Object.values(db.orders).filter((o) => !args.status || o.status === args.status)`,
  // Broken the way models break writes: it returns the cancelled order but never stores it.
  cancel_broken: `(db, args) => {
  const order = db.orders[args.order_id];
  if (!order) throw new Error('order ' + args.order_id + ' not found');
  return { ...order, status: 'cancelled' };
}`,
  cancel_fixed: `(db, args) => {
  const order = db.orders[args.order_id];
  if (!order) throw new Error('order ' + args.order_id + ' not found');
  if (order.status !== 'pending') throw new Error('only pending orders can be cancelled');
  order.status = 'cancelled';
  return order;
}`,
  get_broken: `(db, args) => { return db.orders[args.order_id].status = 'seen'; }`,
};

function answer(code: Record<string, string>): string {
  return JSON.stringify({ schema: SCHEMA, tools: Object.entries(code).map(([name, c]) => ({ name, code: c })) });
}

// Its own sandbox rather than the process-wide one, so the test can close its workers.
const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());
const realValidate = (c: EnvironmentContent) => validateEnvironment(c, sandbox, { seed: 7 });

let fake: FakeOpenAi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** Starts the scripted server; answer n (from 0) is script[min(n, last)]. Returns what it was sent. */
async function scripted(script: string[]) {
  const seen: FakeChatMessage[][] = [];
  fake = await startFakeOpenAi({
    chat: (messages) => {
      seen.push(messages);
      return script[Math.min(seen.length - 1, script.length - 1)]!;
    },
  });
  const llm = createLlm({ baseUrl: fake.url, model: 'gen-1' }, { maxRetries: 0 })!;
  const complete = (m: Parameters<typeof llm.complete>[0]) => llm.complete(m, { json: true, temperature: 0 });
  return { seen, complete };
}

const lastUser = (messages: FakeChatMessage[]) => messages.filter((m) => m.role === 'user').at(-1)!.content;

describe('generateWithLlm', () => {
  it('repairs a write tool that does not change the state, sending the validator detail back', async () => {
    // Round 1 also wraps its JSON in prose and a code fence, as chatty models do.
    const first = `Here is the environment:\n\`\`\`json\n${answer({ get_order: CODE.get_order, cancel_order: CODE.cancel_broken, list_orders: CODE.list_orders })}\n\`\`\`\nEnjoy.`;
    const second = answer({ get_order: CODE.get_order, cancel_order: CODE.cancel_fixed, list_orders: CODE.list_orders });
    const { seen, complete } = await scripted([first, second]);
    const reports: ValidationReport[] = [];
    const validate = async (c: EnvironmentContent) => {
      const r = await realValidate(c);
      reports.push(r);
      return r;
    };

    const result = await generateWithLlm(TOOLS, { complete, validate });

    expect(fake!.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
    expect(result.rounds).toBe(2);
    // Round 1 honestly failed cancel_order alone, and its detail is what went back to the model.
    const failed = reports[0]!.tools.filter((t) => !t.ok);
    expect(failed.map((t) => t.name)).toEqual(['cancel_order']);
    expect(failed[0]!.detail).toContain('did not change the state');
    const repair = lastUser(seen[1]!);
    expect(repair).toContain(`cancel_order: ${failed[0]!.detail}`);
    expect(repair).not.toContain('get_order:');
    // The previous answer goes back as the assistant's turn.
    expect(seen[1]!.find((m) => m.role === 'assistant')!.content).toBe(first);

    expect(result.report.ok).toBe(true);
    expect(result.report.passed).toBe(3);
    expect(result.content.tools.find((t) => t.name === 'cancel_order')!.code).toBe(CODE.cancel_fixed);
    // Ids, ops and parameters come from the domain's tools, not from the model.
    expect(result.content.tools.map((t) => [t.toolId, t.op])).toEqual([
      ['id-get_order', 'read'],
      ['id-cancel_order', 'write'],
      ['id-list_orders', 'read'],
    ]);
    expect(result.content.tools[1]!.parameters).toEqual(TOOLS[1]!.parameters);
    expect(result.log).toHaveLength(2);
    expect(result.log[0]).toMatch(/^round 1: 2 of 3 tools pass; failing: cancel_order/);
    expect(result.log[1]).toBe('round 2: 3 of 3 tools pass');
  });

  it('sends the domain contract and every tool in the first request', async () => {
    const { seen, complete } = await scripted([answer({ get_order: CODE.get_order, cancel_order: CODE.cancel_fixed, list_orders: CODE.list_orders })]);
    const result = await generateWithLlm(TOOLS, { complete, validate: realValidate });
    expect(result.rounds).toBe(1);
    const [system, user] = seen[0]!;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('(db, args) => result');
    expect(system!.content).toContain('"primaryKey"');
    expect(user!.content).toContain('- cancel_order (write)');
    expect(user!.content).toContain('"required":["order_id"]');
    const body = fake!.requests[0]!.body as Record<string, unknown>;
    expect(body.response_format).toEqual({ type: 'json_object' });
  });

  it('names a tool missing from the answer in the repair message', async () => {
    const { seen, complete } = await scripted([
      answer({ get_order: CODE.get_order, cancel_order: CODE.cancel_fixed }),
      answer({ get_order: CODE.get_order, cancel_order: CODE.cancel_fixed, list_orders: CODE.list_orders }),
    ]);
    const result = await generateWithLlm(TOOLS, { complete, validate: realValidate });
    expect(seen).toHaveLength(2);
    expect(lastUser(seen[1]!)).toContain('- list_orders: missing from your answer');
    expect(result.log[0]).toContain('missing: list_orders');
    expect(result.rounds).toBe(2);
    expect(result.report.ok).toBe(true);
  });

  it('throws with the last parse error when no round gives usable JSON', async () => {
    const { seen, complete } = await scripted(['I am sorry, I cannot write code for that.']);
    await expect(generateWithLlm(TOOLS, { complete, validate: realValidate, rounds: 2 })).rejects.toThrow(
      'the model gave no usable environment in 2 rounds: the answer holds no readable JSON object',
    );
    expect(seen).toHaveLength(2);
    expect(lastUser(seen[1]!)).toContain('Your answer could not be used: the answer holds no readable JSON object');
  });

  it('keeps the round with the most passing tools when none passes entirely', async () => {
    const { seen, complete } = await scripted([
      answer({ get_order: CODE.get_order, cancel_order: CODE.cancel_broken, list_orders: CODE.list_orders }),
      answer({ get_order: CODE.get_broken, cancel_order: CODE.cancel_broken, list_orders: CODE.list_orders }),
    ]);
    const result = await generateWithLlm(TOOLS, { complete, validate: realValidate, rounds: 2 });
    expect(seen).toHaveLength(2);
    expect(result.rounds).toBe(2);
    expect(result.report.ok).toBe(false);
    expect(result.report.passed).toBe(2);
    expect(result.content.tools[0]!.code).toBe(CODE.get_order);
  });
});

describe("generateWithLlm with the user's data and a reference", () => {
  const data: State = { orders: { o1: { order_id: 'o1', status: 'pending', total: 10 }, o2: { order_id: 'o2', status: 'shipped', total: 5 } } };
  const reference: ReferenceFile = {
    tasks: [
      {
        id: 1,
        initial_diff: [],
        calls: [{ name: 'cancel_order', arguments: { order_id: 'o2' }, ok: false, output: 'Error: only pending orders can be cancelled' }],
        final_diff: [],
      },
      {
        id: 2,
        initial_diff: [],
        calls: [
          { name: 'cancel_order', arguments: { order_id: 'o1' }, ok: true, output: { order_id: 'o1', status: 'cancelled', total: 10 }, db_changed: true },
        ],
        final_diff: [{ table: 'orders', key: 'o1', change: 'changed', fields: { status: { before: 'pending', after: 'cancelled' } } }],
      },
    ],
  };
  const cancelAny = `(db, args) => {
  const order = db.orders[args.order_id];
  if (!order) throw new Error('order ' + args.order_id + ' not found');
  order.status = 'cancelled';
  return order;
}`;
  // The model also answers a schema of its own; with data the data's schema is kept instead.
  const theirs = (code: Record<string, string>) =>
    JSON.stringify({ schema: { tables: [{ ...SCHEMA.tables[0]!, name: 'purchases' }] }, tools: Object.entries(code).map(([name, c]) => ({ name, code: c })) });
  const check = async (c: EnvironmentContent) =>
    referenceFeedback(scoreReplay(reference, await replayTasks(c, data, reference.tasks, sandbox), { schema: c.schema, state: data }));

  it("shows the data's schema and real rows, keeps that schema, and repairs what the reference disagrees with", async () => {
    const { seen, complete } = await scripted([
      theirs({ get_order: CODE.get_order, cancel_order: cancelAny, list_orders: CODE.list_orders }),
      theirs({ get_order: CODE.get_order, cancel_order: CODE.cancel_fixed, list_orders: CODE.list_orders }),
    ]);
    const validate = (c: EnvironmentContent) => validateEnvironment(c, sandbox, { seed: 7, state: data });
    const result = await generateWithLlm(TOOLS, {
      complete,
      validate,
      check,
      evidence: { data: { schema: SCHEMA, samples: { orders: Object.entries(data.orders!) } } },
    });

    const first = lastUser(seen[0]!);
    expect(first).toContain('The database already exists');
    expect(first).toContain(JSON.stringify(SCHEMA));
    expect(first).toContain('orders["o1"] = {"order_id":"o1","status":"pending","total":10}');
    // Round 1 passes validation yet cancels a shipped order the real API refuses: that goes back.
    expect(result.log[0]).toMatch(/^round 1: 3 of 3 tools pass; reference: calls 1\/2/);
    const repair = lastUser(seen[1]!);
    expect(repair).toContain("Against the real API's recorded calls (calls 1/2");
    expect(repair).toContain('cancel_order({"order_id":"o2"}): the real API refused with "Error: only pending orders can be cancelled"; yours answered');
    expect(result.rounds).toBe(2);
    expect(result.content.tools[1]!.code).toBe(CODE.cancel_fixed);
    expect(result.content.schema).toEqual(SCHEMA);
  });
});

describe('parseGenerateAnswer', () => {
  it('reads code with raw newlines inside JSON strings and a name → code map', () => {
    const text = `{"schema": ${JSON.stringify(SCHEMA)}, "tools": {"get_order": "(db, args) => {\n  return db.orders[args.order_id];\n}"}}`;
    const parsed = parseGenerateAnswer(text, TOOLS);
    expect(parsed.content.tools[0]!.code).toBe('(db, args) => {\n  return db.orders[args.order_id];\n}');
    expect(parsed.missing).toEqual(['cancel_order', 'list_orders']);
    // A missing tool is still present, with code that fails validation rather than vanishing.
    expect(parsed.content.tools[1]!.code).toContain('cancel_order was not generated');
  });

  it('reports tools the domain does not have and says what is wrong with a bad schema', () => {
    const parsed = parseGenerateAnswer(answer({ get_order: CODE.get_order, refund_order: '(db) => 1' }), TOOLS);
    expect(parsed.problems).toEqual(['"refund_order" is not a tool of this domain (ignored)']);
    const bad = JSON.stringify({ schema: { tables: [{ name: 'order-items', primaryKey: 'id', columns: {} }] }, tools: [] });
    expect(() => parseGenerateAnswer(bad, TOOLS)).toThrow(/schema\.tables\.0\.name: table names are letters, digits and _/);
  });
});
