import type { EnvironmentSchema } from './model';

/** A small shop schema for tests: string, numeric and UUID keys, references, a list of keys, enums, nesting. */
export const SHOP: EnvironmentSchema = {
  tables: [
    {
      name: 'users',
      description: '',
      primaryKey: 'user_id',
      columns: {
        user_id: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
        address: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } } },
      },
      required: ['user_id', 'email'],
      references: [],
    },
    {
      name: 'products',
      description: '',
      primaryKey: 'product_id',
      columns: { product_id: { type: 'integer' }, name: { type: 'string' }, price: { type: 'number' }, in_stock: { type: 'boolean' } },
      required: ['product_id'],
      references: [],
    },
    {
      name: 'orders',
      description: '',
      primaryKey: 'order_id',
      columns: {
        order_id: { type: 'string' },
        user_id: { type: 'string' },
        product_ids: { type: 'array', items: { type: 'integer' } },
        status: { type: 'string', enum: ['pending', 'delivered', 'cancelled'] },
        placed_at: { type: 'string', format: 'date-time' },
      },
      required: ['order_id', 'status', 'user_id'],
      references: [
        { column: 'user_id', table: 'users' },
        { column: 'product_ids', table: 'products' },
      ],
    },
    {
      name: 'sessions',
      description: '',
      primaryKey: 'session_uuid',
      columns: { session_uuid: { type: 'string', format: 'uuid' }, user_id: { type: 'string' } },
      required: ['session_uuid'],
      references: [{ column: 'user_id', table: 'users' }],
    },
  ],
};
