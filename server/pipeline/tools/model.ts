import { z } from 'zod';

/** The formats a collection can come in; each has one importer under formats/. */
export const SOURCE_FORMATS = ['openapi', 'swagger', 'openai', 'toolbench', 'postman', 'mcp', 'bfcl', 'acebench'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** A valid function name for OpenAI-style tool calling. */
export const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const toolSource = z.object({
  format: z.enum(SOURCE_FORMATS),
  file: z.string(),
  /** JSON pointer into the document (RFC 6901), where the format has one. */
  pointer: z.string().optional(),
  line: z.number().int().positive().optional(),
});
export type ToolSource = z.infer<typeof toolSource>;

const jsonSchema = z.record(z.string(), z.unknown());

export const parametersSchema = z
  .object({
    type: z.literal('object'),
    properties: z.record(z.string(), jsonSchema),
    required: z.array(z.string()).optional(),
  })
  .catchall(z.unknown());

/**
 * A response the API documents for an operation (an OpenAPI `example`, a Postman saved response):
 * real values, kept as evidence of what the operation returns. Capped in count and size on import.
 */
export const toolExample = z.object({
  /** The example's own name or summary, where the document gives one. */
  name: z.string().optional(),
  /** The HTTP status it was documented with ("200", "404"), where known. */
  status: z.string().optional(),
  /** The response body: parsed JSON, or the text when it is not JSON. */
  value: z.unknown(),
});
export type ToolExample = z.infer<typeof toolExample>;

/** At most this many examples per tool, each at most this many bytes of JSON once shrunk. */
export const MAX_TOOL_EXAMPLES = 3;
export const MAX_EXAMPLE_BYTES = 4_096;

export const toolSchema = z.object({
  name: z.string().regex(FUNCTION_NAME, 'must be a valid function name (letters, digits, _; at most 64)'),
  description: z.string(),
  parameters: parametersSchema,
  returns: jsonSchema.nullable(),
  examples: z.array(toolExample).max(MAX_TOOL_EXAMPLES).optional(),
  op: z.enum(['read', 'write']),
  opReason: z.string().min(1),
  source: toolSource,
  tags: z.array(z.string()),
});
export type Tool = z.infer<typeof toolSchema>;
export type ToolOp = Tool['op'];

/** What an importer extracts before names are made valid and unique and read/write is decided. */
export type RawTool = {
  name: string;
  /** The name is a title ("Cancel a payment"), not an identifier: making it one is expected, not warned. */
  nameIsLabel?: boolean;
  description: string;
  parameters: unknown;
  returns?: unknown;
  /** Documented responses, success first; capped and shrunk when finalized. */
  examples?: ToolExample[];
  /** The HTTP method, where the format has one: the strongest read/write signal. */
  method?: string;
  source: ToolSource;
  tags?: string[];
};

/** Something skipped or repaired inside a document that otherwise imports. */
export type ImportWarning = { file: string; pointer: string; message: string };

export type ImportResult = { format: SourceFormat; tools: Tool[]; warnings: ImportWarning[] };
