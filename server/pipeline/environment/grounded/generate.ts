import type { GraphTool } from '../../graph/model';
import type { JsonSchema } from '../json-schema';
import { environmentSchema, type EnvironmentContent, type EnvironmentSchema } from '../model';
import { groundedCode } from './code';
import type { DataFile } from './data-file';
import { inferDataSchema } from './infer-from-data';
import { planGrounded, type GroundedPlan } from './plan';

/**
 * The heuristic generator grounded in a user's database: the schema learned from the rows, and
 * each tool's code planned from what the data and the tool say together (grounded/plan.ts). The
 * data itself becomes the version's initial state; nothing of it is changed or dropped here.
 */
export type GroundedResult = { content: EnvironmentContent; plans: GroundedPlan[]; notes: string[] };

export function generateGrounded(tools: GraphTool[], data: DataFile, file = 'data.json'): GroundedResult {
  const { schema, notes } = inferDataSchema(data, tools, file);
  const plans = tools.map((t) => planGrounded(t, schema, data.state));
  const finalSchema = widenForPlans(schema, plans, tools);
  for (const [i, t] of tools.entries()) {
    const p = plans[i]!;
    if (p.table === null && t.op === 'write') notes.push(`${t.name} names no table of the data: it changes nothing`);
  }
  return {
    content: {
      schema: finalSchema,
      tools: tools.map((t, i) => ({
        toolId: t.id,
        name: t.name,
        op: t.op,
        parameters: t.parameters,
        code: groundedCode(t, plans[i]!),
        ...(t.op === 'write' ? { writes: plans[i]!.table ? [plans[i]!.table!] : [] } : {}),
        ...(t.returns ? { returns: t.returns } : {}),
      })),
    },
    plans,
    notes,
  };
}

/**
 * What the tools will write that the data never showed: a status column a verb sets, enum values
 * an argument may bring (`cabin` values the tool's enum lists), so a write leaves a valid state.
 */
function widenForPlans(schema: EnvironmentSchema, plans: GroundedPlan[], tools: GraphTool[]): EnvironmentSchema {
  const out = structuredClone(schema);
  const table = (name: string | null) => out.tables.find((t) => t.name === name);
  for (const [i, plan] of plans.entries()) {
    const t = table(plan.table);
    if (!t) continue;
    if (plan.status) {
      const column = plan.status.path[0]!;
      const s = (t.columns[column] ??= { type: 'string', description: 'Lifecycle status; tools set it.' });
      if (Array.isArray(s.enum) && !s.enum.includes(plan.status.value)) s.enum = [...s.enum, plan.status.value];
    }
    const params = (tools[i]!.parameters?.properties ?? {}) as Record<string, JsonSchema>;
    for (const set of plan.sets) {
      const p = params[set.arg];
      let s: JsonSchema | undefined = t.columns[set.path[0]!];
      for (const k of set.path.slice(1)) s = (s?.properties as Record<string, JsonSchema> | undefined)?.[k];
      if (!s || !p) continue;
      if (Array.isArray(s.enum) && Array.isArray(p.enum)) s.enum = [...new Set([...s.enum, ...p.enum])];
      else if (Array.isArray(s.enum) && !Array.isArray(p.enum)) delete s.enum;
    }
  }
  return environmentSchema.parse(out);
}
