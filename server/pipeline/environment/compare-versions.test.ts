import { describe, expect, it } from 'vitest';
import { compareVersions, schemaText } from './compare-versions';
import type { EnvironmentContent } from './model';

const base: EnvironmentContent = {
  schema: {
    tables: [
      {
        name: 'orders',
        description: '',
        primaryKey: 'order_id',
        columns: { order_id: { type: 'string' }, status: { type: 'string' } },
        required: ['order_id'],
        references: [],
      },
    ],
  },
  tools: [
    { toolId: '1', name: 'get_order', op: 'read', parameters: {}, code: '(db, args) => db.orders[args.order_id]' },
    { toolId: '2', name: 'cancel_order', op: 'write', parameters: {}, code: '(db, args) => { db.orders[args.order_id].status = "cancelled"; }' },
  ],
};

describe('compareVersions', () => {
  it('gives both texts of the schema and of every tool, saying which changed, were added or removed', () => {
    const next = structuredClone(base);
    next.schema.tables[0]!.columns.total = { type: 'number' };
    next.tools[1]!.code = '(db, args) => { throw new Error("no"); }';
    next.tools.splice(0, 1, { toolId: '3', name: 'list_orders', op: 'read', parameters: {}, code: '(db) => Object.values(db.orders)' });

    const c = compareVersions(base, next);
    expect(c.schema).toEqual({ from: schemaText(base), to: schemaText(next), change: 'changed' });
    expect(c.schema.to).toContain('"total": {');
    expect(c.tools).toEqual([
      { name: 'cancel_order', from: base.tools[1]!.code, to: next.tools[1]!.code, change: 'changed' },
      { name: 'get_order', from: base.tools[0]!.code, to: null, change: 'removed' },
      { name: 'list_orders', from: null, to: '(db) => Object.values(db.orders)', change: 'added' },
    ]);
    expect(c.tables).toEqual([{ name: 'orders', change: 'changed', columns: { added: ['total'], removed: [], changed: [] } }]);
  });

  it('marks everything unchanged between equal versions', () => {
    const c = compareVersions(base, structuredClone(base));
    expect(c.schema.change).toBe('unchanged');
    expect(c.tools.map((t) => t.change)).toEqual(['unchanged', 'unchanged']);
    expect(c.tables).toEqual([]);
  });
});
