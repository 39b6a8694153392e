import type { GraphTool } from '../graph/model';
import { generateCode } from './generate-code';
import { inferSchema } from './infer-schema';
import type { EnvironmentContent } from './model';

/**
 * The heuristic generator: a schema inferred from the tools, and template code for each tool on it.
 * A write keeps the table its evidence names (`writes`) and every tool its returns schema, so
 * validation checks the version against what the API says, not against its own code.
 */
export function generateHeuristic(tools: GraphTool[]): EnvironmentContent {
  const { schema, toolTables } = inferSchema(tools);
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  return {
    schema,
    tools: tools.map((t) => {
      const table = toolTables[t.id] ? (byName.get(toolTables[t.id]!) ?? null) : null;
      return {
        toolId: t.id,
        name: t.name,
        op: t.op,
        parameters: t.parameters,
        code: generateCode(t, table, schema),
        ...(t.op === 'write' && table ? { writes: [table.name] } : {}),
        ...(t.returns ? { returns: t.returns } : {}),
      };
    }),
  };
}
