import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import type { GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { importDocuments } from '../tools/import';
import { generateHeuristic } from './heuristic';
import { inferSchema } from './infer-schema';
import { validateEnvironment } from './validate';

/** τ-bench retail's 16 tools, read by the real importer, as one domain. */
function retailTools(): GraphTool[] {
  const file = sharedData('taubench', 'retail', 'tools.json');
  const { tools } = importDocuments([{ file, bytes: fs.readFileSync(file) }]);
  return tools.map((t, i) => ({ id: `retail-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

describe('heuristic environment for τ-bench retail', { timeout: 60_000 }, () => {
  const tools = retailTools();
  const content = generateHeuristic(tools);
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());
  const tableWithKey = (...keys: string[]) => content.schema.tables.find((t) => keys.includes(t.primaryKey));

  it('infers users, orders and products as τ-bench’s db.json has them', () => {
    expect(tools).toHaveLength(16);
    const users = tableWithKey('user_id');
    const orders = tableWithKey('order_id');
    const products = tableWithKey('product_id', 'item_id');
    expect([users?.name, orders?.name, products?.name]).toEqual(['users', 'orders', 'products']);
    // The columns the tools fill, and the order's status the cancel/modify/return tools depend on.
    expect(Object.keys(users!.columns)).toEqual(expect.arrayContaining(['email', 'first_name', 'last_name', 'zip', 'address1', 'city']));
    expect(orders!.columns.status?.enum).toEqual(expect.arrayContaining(['pending', 'delivered', 'cancelled']));
    expect(orders!.references).toEqual(expect.arrayContaining([{ column: 'payment_method_id', table: 'payment_methods' }]));

    const { toolTables } = inferSchema(tools);
    const tableOf = (name: string) => toolTables[tools.find((t) => t.name === name)!.id];
    expect(['get_user_details', 'find_user_id_by_email', 'find_user_id_by_name_zip', 'modify_user_address'].map(tableOf)).toEqual(Array(4).fill('users'));
    expect(
      [
        'get_order_details',
        'cancel_pending_order',
        'modify_pending_order_items',
        'modify_pending_order_payment',
        'return_delivered_order_items',
        'exchange_delivered_order_items',
      ].map(tableOf),
    ).toEqual(Array(6).fill('orders'));
    expect(['get_product_details', 'list_all_product_types'].map(tableOf)).toEqual(['products', 'products']);
  });

  it('passes validation in the real sandbox for at least 90% of the tools', async () => {
    const report = await validateEnvironment(content, sandbox, { seed: 7 });
    const share = report.passed / report.tools.length;
    const failed = report.tools.filter((t) => !t.ok).map((t) => `${t.name}: ${t.detail}`);
    console.log(
      `τ-bench retail: ${report.passed}/${report.tools.length} tools pass (${(share * 100).toFixed(1)}%)${failed.length ? `; failed: ${failed.join(' | ')}` : ''}`,
    );
    expect(report.stateErrors).toEqual([]);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
