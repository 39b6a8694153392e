import { describe, expect, it } from 'vitest';
import { diffVersions } from './diff-versions';
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
      { name: 'users', description: '', primaryKey: 'user_id', columns: { user_id: { type: 'string' } }, required: [], references: [] },
    ],
  },
  tools: [
    { toolId: '1', name: 'get_order', op: 'read', parameters: {}, code: '(db, args) => db.orders[args.order_id]' },
    { toolId: '2', name: 'cancel_order', op: 'write', parameters: {}, code: '(db, args) => { db.orders[args.order_id].status = "cancelled"; }' },
  ],
};

describe('diffVersions', () => {
  it('names changed columns, added and removed tables, and tools whose code changed', () => {
    const next = structuredClone(base);
    next.schema.tables[0]!.columns.total = { type: 'number' };
    next.schema.tables[0]!.columns.status = { type: 'string', enum: ['pending', 'cancelled'] };
    next.schema.tables.pop();
    next.schema.tables.push({
      name: 'products',
      description: '',
      primaryKey: 'product_id',
      columns: { product_id: { type: 'string' } },
      required: [],
      references: [],
    });
    next.tools[1]!.code = '(db, args) => { throw new Error("no"); }';
    expect(diffVersions(base, next)).toEqual({
      tables: [
        { name: 'orders', change: 'changed', columns: { added: ['total'], removed: [], changed: ['status'] } },
        { name: 'products', change: 'added' },
        { name: 'users', change: 'removed' },
      ],
      tools: [{ name: 'cancel_order', change: 'code changed' }],
    });
  });

  it('finds nothing between a version and its copy', () => {
    expect(diffVersions(base, structuredClone(base))).toEqual({ tables: [], tools: [] });
  });
});
