import type { GraphTool } from './model';

type Param = string | { name: string; type?: string; description?: string };

/** A GraphTool for tests: parameters by name (all required unless `optional` lists them). */
export function tool(
  id: string,
  name: string,
  params: Param[] = [],
  extra: { description?: string; op?: 'read' | 'write'; optional?: string[]; returns?: string[] } = {},
): GraphTool {
  const properties: Record<string, unknown> = {};
  for (const p of params) {
    const { name: key, type = 'string', description } = typeof p === 'string' ? { name: p } : p;
    properties[key] = { type, ...(description ? { description } : {}) };
  }
  return {
    id,
    name,
    description: extra.description ?? '',
    op: extra.op ?? 'read',
    parameters: { type: 'object', properties, required: Object.keys(properties).filter((k) => !extra.optional?.includes(k)) },
    returns: extra.returns ? { type: 'object', properties: Object.fromEntries(extra.returns.map((r) => [r, { type: 'string' }])) } : null,
  };
}
