import { z } from 'zod';

/**
 * An environment is the paper's "environment as database": one JSON document of tables keyed by
 * primary key (like τ-bench's db.json), a schema for it, and one function per tool that reads or
 * changes it. Everything here is plain data, so versions can be stored, diffed and exported.
 */

const jsonSchema = z.record(z.string(), z.unknown());

export const tableSchema = z.object({
  /**
   * Plural, snake_case when generated (`orders`); a user's data file keeps its own names. The state
   * holds `state[name][primaryKeyValue] = row`.
   */
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'table names are letters, digits and _, starting with a letter or _'),
  description: z.string().default(''),
  /** The column whose value keys the row (and equals the key). */
  primaryKey: z.string().min(1),
  /**
   * False when rows do not carry their key (τ-bench's users are keyed by user id without a
   * `user_id` field): `primaryKey` is then only the name tools use for it.
   */
  keyInRow: z.boolean().optional(),
  /** Column name → JSON Schema of its values. */
  columns: z.record(z.string(), jsonSchema),
  required: z.array(z.string()).default([]),
  /** `column` holds primary keys of `table` (a string, or an array of them). */
  references: z.array(z.object({ column: z.string(), table: z.string() })).default([]),
});
export type TableSchema = z.infer<typeof tableSchema>;

export const environmentSchema = z.object({ tables: z.array(tableSchema) });
export type EnvironmentSchema = z.infer<typeof environmentSchema>;

export const toolCode = z.object({
  /** The tool's database id (tools.id). */
  toolId: z.string(),
  name: z.string(),
  op: z.enum(['read', 'write']),
  /** The tool's JSON Schema parameters, copied so a version is self-contained. */
  parameters: jsonSchema,
  /**
   * JavaScript source of one function `(db, args) => result`. It reads or changes `db` in place;
   * a thrown Error becomes the tool's error message (an API's 4xx), not a crash.
   */
  code: z.string(),
  /**
   * The tables the tool's evidence says it writes, when a generator knows: `[]` for a write whose
   * evidence names no table (a hand-off to a person), which validation then does not expect to change anything.
   */
  writes: z.array(z.string()).max(200).optional(),
  /** The tool's JSON Schema of what it returns, when the API gives one: validation checks results against it. */
  returns: jsonSchema.nullable().optional(),
});
export type ToolCode = z.infer<typeof toolCode>;

export const GENERATORS = ['heuristic', 'llm', 'manual'] as const;
export type Generator = (typeof GENERATORS)[number];

/** What one version holds; the database row adds id, domain, parent, message and time. */
export const environmentContent = z
  .object({
    schema: environmentSchema,
    tools: z.array(toolCode),
  })
  // A request can carry values JSON cannot hold (a BigInt, a cycle, through superjson): say which
  // tool or table holds one, instead of failing when the version is stored.
  .superRefine((content, ctx) => {
    const notJson = (value: unknown) => {
      try {
        JSON.stringify(value);
        return null;
      } catch (e) {
        return e instanceof Error ? e.message.split('\n')[0]! : String(e);
      }
    };
    content.tools.forEach((tool, i) => {
      const why = notJson(tool);
      if (why) ctx.addIssue({ code: 'custom', path: ['tools', i], message: `tool ${tool.name} holds a value that is not plain JSON (${why})` });
    });
    const why = notJson(content.schema);
    if (why) ctx.addIssue({ code: 'custom', path: ['schema'], message: `the schema holds a value that is not plain JSON (${why})` });
  });
export type EnvironmentContent = z.infer<typeof environmentContent>;

/** The outcome of validating one tool of a version. */
export type ToolCheck = {
  toolId: string;
  name: string;
  ok: boolean;
  /** Why it failed, or what it did when it passed ("changed orders.#1 status"). */
  detail: string;
  args?: unknown;
  result?: unknown;
};

export type ValidationReport = { ok: boolean; passed: number; failed: number; tools: ToolCheck[]; stateValid: boolean; stateErrors: string[] };
