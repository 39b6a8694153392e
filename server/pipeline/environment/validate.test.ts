import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox/sandbox';
import type { EnvironmentContent, ToolCode } from './model';
import { SHOP } from './test-schema';
import { validateEnvironment, validateTool } from './validate';

const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());

const s = { type: 'string' };
const code = (name: string, op: 'read' | 'write', body: string, properties: Record<string, unknown> = { order_id: s }): ToolCode => ({
  toolId: name,
  name,
  op,
  parameters: { type: 'object', properties, required: Object.keys(properties) },
  code: `(db, args) => { ${body} }`,
});
const report = (tools: ToolCode[], rows?: number, attempts?: number) =>
  validateEnvironment({ schema: SHOP, tools } satisfies EnvironmentContent, sandbox, { seed: 3, rows, attempts });
const only = async (tool: ToolCode, rows?: number, attempts?: number) => (await report([tool], rows, attempts)).tools[0]!;

describe('validateEnvironment', () => {
  it('passes tools that behave, saying what they did', async () => {
    const r = await report([
      code('get_order', 'read', 'const o = db.orders[args.order_id]; if (!o) throw new Error("no"); return o;'),
      code('cancel_order', 'write', 'db.orders[args.order_id].status = "cancelled"; return true;'),
    ]);
    expect(r).toMatchObject({ ok: true, passed: 2, failed: 0, stateValid: true, stateErrors: [] });
    expect(r.tools[0]!.detail).toMatch(/^returned an object \(order_id/);
    expect(r.tools[1]!.detail).toMatch(/^changed orders\.order_\d+\.status/);
    expect(r.tools[0]!.args).toEqual({ order_id: expect.stringMatching(/^order_\d+$/) });
  });

  it('fails a read that writes and a write that does not', async () => {
    expect((await only(code('get_order', 'read', 'db.orders[args.order_id].status = "cancelled"; return 1;'))).detail).toMatch(
      /^read tool changed orders\.order_\d+\.status$/,
    );
    expect((await only(code('cancel_order', 'write', 'return db.orders[args.order_id];'))).detail).toBe(
      'write tool did not change the state (on all 10 sampled argument sets)',
    );
  });

  it('retries API errors on other rows, and reports them when every row is refused', async () => {
    // Only one of the 20 orders is accepted: the retries have to walk through the rows to find it.
    const picky = await only(
      code(
        'cancel_order',
        'write',
        'if (args.order_id !== "order_5") throw new Error("order " + args.order_id + " is not cancellable"); db.orders.order_5.status = "cancelled";',
      ),
      20,
      20,
    );
    expect(picky).toMatchObject({ ok: true, args: { order_id: 'order_5' } });
    expect(picky.detail).toMatch(/^changed orders\.order_5\.status \(attempt \d+; before: threw: order order_\d+ is not cancellable/);
    expect((await only(code('get_order', 'read', 'throw new Error("order " + args.order_id + " not found");'))).detail).toMatch(
      /^threw: order order_\d+ not found \(on all 10 sampled argument sets\)$/,
    );
  });

  it('says each kind of miss once, with its first example', async () => {
    const t = await only(
      code(
        'get_order',
        'read',
        'if (args.order_id.endsWith("1")) throw new Error("order " + args.order_id + " is archived"); throw new Error("order " + args.order_id + " not found");',
      ),
      20,
      20,
    );
    expect(t.detail).toMatch(
      /^threw: order order_\d+ (not found|is archived); threw: order order_\d+ (not found|is archived) \(on all 20 sampled argument sets\)$/,
    );
  });

  it('does not retry what retrying cannot fix', async () => {
    expect((await only(code('get_order', 'read', 'return ('))).detail).toMatch(/^syntax: /);
    expect((await only(code('get_order', 'read', 'while (true) {}'))).detail).toBe('timeout: the tool ran longer than 1000 ms');
  });

  it('fails a call that leaves the state invalid', async () => {
    const t = await only(code('lose_order', 'write', 'db.orders[args.order_id].status = "lost";'));
    expect(t.detail).toMatch(/^state invalid after the call: orders\.order_\d+\.status: must be one of pending, delivered, cancelled$/);
  });

  it('says so when arguments cannot be sampled', async () => {
    const t = await only(code('get_order', 'read', 'return 1;'), 0);
    expect(t).toMatchObject({ ok: false, detail: 'not checked: cannot sample order_id: orders has 0 rows to take it from' });
  });

  it('checks only the tools asked for, as the whole validation would', async () => {
    const tools = [
      code('get_order', 'read', 'const o = db.orders[args.order_id]; if (!o) throw new Error("no"); return o;'),
      code('cancel_order', 'write', 'throw new Error("broken on purpose");'),
    ];
    const whole = await report(tools);
    const part = await validateEnvironment({ schema: SHOP, tools }, sandbox, { seed: 3, only: ['cancel_order'] });
    expect(part).toMatchObject({ ok: false, passed: 0, failed: 1 });
    expect(part.tools).toEqual([whole.tools[1]]);
    expect(await validateTool({ schema: SHOP, tools }, 'get_order', sandbox, { seed: 3 })).toEqual(whole.tools[0]);
  });

  it('refuses to check a tool the environment does not have, naming it', async () => {
    await expect(validateTool({ schema: SHOP, tools: [] }, 'nope', sandbox, { seed: 3 })).rejects.toThrow(
      'validateTool: the environment has no tool named nope',
    );
  });
});
