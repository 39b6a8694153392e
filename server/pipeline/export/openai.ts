import { z } from 'zod';
import type { ToolSpec } from '../rollout/model';
import { exportedMessages, isTrained, type Exportable } from '../rollout/trained';

/**
 * One record of OpenAI's chat fine-tuning JSONL (`{ messages, tools }`), the format a trajectory
 * is already kept in (rollout/model.ts), so exporting it is close to a copy. Strict objects: the
 * fine-tuning validator rejects keys it does not know, so a stray key is caught here, not there.
 */

const toolCall = z.strictObject({
  id: z.string().min(1),
  type: z.literal('function'),
  // Arguments stay the text the agent sent, even when it is not JSON (a malformed call is data too).
  function: z.strictObject({ name: z.string().min(1), arguments: z.string() }),
});

/**
 * OpenAI trains only on assistant messages and lets each carry `weight` 0 or 1 (0: kept as
 * context, not trained on); other roles take no weight, so the schema refuses one there.
 */
const weight = z.union([z.literal(0), z.literal(1)]);

export const openAiMessage = z.union([
  z.strictObject({ role: z.literal('system'), content: z.string() }),
  z.strictObject({ role: z.literal('user'), content: z.string() }),
  z.strictObject({ role: z.literal('assistant'), content: z.string().nullable(), tool_calls: z.array(toolCall).min(1).optional(), weight: weight.optional() }),
  z.strictObject({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: z.string() }),
]);
export type OpenAiMessage = z.infer<typeof openAiMessage>;

export const openAiTool = z.strictObject({
  type: z.literal('function'),
  function: z.strictObject({ name: z.string().min(1), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()) }),
});

export const openAiRecord = z.strictObject({
  messages: z.array(openAiMessage).min(1),
  tools: z.array(openAiTool),
  /** OpenAI's optional switch; not written by toOpenAiRecord (the default, true, fits records with parallel calls). */
  parallel_tool_calls: z.boolean().optional(),
});
export type OpenAiRecord = z.infer<typeof openAiRecord>;

/**
 * A trajectory as a fine-tuning record: every message up to the agent's last kept as it is (so the
 * export is what was reviewed, message for message), assistant messages weight 1, or 0 where they
 * carry an injected mistake (trained.ts). An assistant message with neither text nor calls gets ''
 * for content: OpenAI wants one of the two.
 */
export function toOpenAiRecord(trajectory: Exportable, tools: ToolSpec[]): OpenAiRecord {
  const messages = exportedMessages(trajectory.messages).map((m, i): OpenAiMessage => {
    switch (m.role) {
      case 'system':
      case 'user':
        return { role: m.role, content: m.content };
      case 'tool':
        return { role: 'tool', tool_call_id: m.tool_call_id, content: m.content };
      case 'assistant': {
        const calls = m.tool_calls?.length
          ? m.tool_calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.function.name, arguments: c.function.arguments } }))
          : undefined;
        return {
          role: 'assistant',
          content: m.content ?? (calls ? null : ''),
          ...(calls ? { tool_calls: calls } : {}),
          weight: isTrained(trajectory, i) ? 1 : 0,
        };
      }
    }
  });
  return {
    messages,
    tools: tools.map((t) => ({
      type: 'function',
      function: { name: t.function.name, description: t.function.description, parameters: t.function.parameters },
    })),
  };
}

/** One JSONL line (no newline inside: JSON.stringify escapes them). */
export function openAiLine(record: OpenAiRecord): string {
  return JSON.stringify(record);
}

/**
 * What is wrong with a record, empty when nothing is: the schema, then what the schema cannot
 * say: each tool call answered by exactly one tool message with its id, after it and before the
 * next user or assistant message (where OpenAI expects the results); no tool message answering
 * nothing; only offered tools called; at least one assistant message (else nothing is trained).
 */
export function checkOpenAiRecord(record: unknown): string[] {
  const parsed = openAiRecord.safeParse(record);
  if (!parsed.success) return parsed.error.issues.map((i) => `schema: ${i.path.join('.') || '(record)'}: ${i.message}`);
  const { messages, tools } = parsed.data;
  const problems: string[] = [];
  const offered = new Set<string>();
  for (const t of tools) {
    if (offered.has(t.function.name)) problems.push(`tools: ${t.function.name} is offered twice`);
    offered.add(t.function.name);
  }
  if (!messages.some((m) => m.role === 'assistant')) problems.push('no assistant message: nothing to train on');

  // Calls of the last assistant message still waiting for their tool message, by id.
  let open = new Map<string, { at: number; answers: number; name: string }>();
  const close = () => {
    for (const [id, c] of open) if (c.answers === 0) problems.push(`message ${c.at}: call ${c.name} (${id}) is never answered`);
    open = new Map();
  };
  messages.forEach((m, i) => {
    if (m.role === 'tool') {
      const call = open.get(m.tool_call_id);
      if (!call) problems.push(`message ${i}: tool message answers no call of the assistant message before it (${m.tool_call_id})`);
      else if (++call.answers > 1) problems.push(`message ${i}: call ${call.name} (${m.tool_call_id}) is answered more than once`);
      return;
    }
    close();
    if (m.role !== 'assistant') return;
    for (const c of m.tool_calls ?? []) {
      if (!offered.has(c.function.name)) problems.push(`message ${i}: call ${c.function.name} (${c.id}): not one of the tools`);
      if (open.has(c.id)) problems.push(`message ${i}: call id ${c.id} used twice in one message`);
      else open.set(c.id, { at: i, answers: 0, name: c.function.name });
    }
  });
  close();
  return problems;
}
