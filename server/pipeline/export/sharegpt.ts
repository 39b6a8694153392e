import { z } from 'zod';
import type { ChatMessage, ToolSpec } from '../rollout/model';
import { isTrained, type Exportable } from '../rollout/trained';

/**
 * One record in the ShareGPT format with tools, as LLaMA-Factory reads it (`formatting: sharegpt`,
 * see LLAMA_FACTORY_DATASET_INFO). LLaMA-Factory drops an example unless its turns alternate,
 * counting from 1: human or observation on odd turns, gpt or function_call on even ones, and
 * their number is even (it ends on the model's side). The conversion keeps to that:
 *
 * - the leading system message goes to `system`;
 * - an assistant message with tool calls becomes one function_call turn per call, each followed
 *   at once by its observation (the tool message with the call's id), so parallel calls come out
 *   one after another; any text sent alongside calls is dropped, since a function_call turn is
 *   parsed as JSON and there is no turn between it and the previous human turn to put text in;
 * - assistant text is gpt, user text human;
 * - the conversation ends at the last gpt turn: what follows (the user's closing line, a call
 *   cut off by the turn limit) is not trained on and would break the even count.
 *
 * `loss_mask` runs parallel to `conversations` (1: the turn is trained on: gpt and function_call;
 * 0: human and observation, and the model's turns that carry an injected mistake, see trained.ts).
 * LLaMA-Factory has no per-turn switch and drops columns it does not map, so it trains on a masked
 * turn anyway: the mask serves trainers that read it.
 */

export const SHAREGPT_FROM = ['human', 'gpt', 'function_call', 'observation'] as const;
export type ShareGptFrom = (typeof SHAREGPT_FROM)[number];

export const shareGptTurn = z.strictObject({ from: z.enum(SHAREGPT_FROM), value: z.string() });

export const shareGptRecord = z.strictObject({
  conversations: z.array(shareGptTurn).min(2),
  system: z.string().optional(),
  /** JSON text of the tools as function definitions ({ name, description, parameters }), as LLaMA-Factory's tool formatter reads them. */
  tools: z.string(),
  /** Per turn of `conversations`: 1 if trained on (gpt, function_call without an injected mistake), 0 if not. */
  loss_mask: z.array(z.union([z.literal(0), z.literal(1)])),
});
export type ShareGptRecord = z.infer<typeof shareGptRecord>;

/** The dataset_info.json entry that makes LLaMA-Factory read these records (name the file yourself). */
export const LLAMA_FACTORY_DATASET_INFO = {
  formatting: 'sharegpt',
  columns: { messages: 'conversations', system: 'system', tools: 'tools' },
  tags: {
    role_tag: 'from',
    content_tag: 'value',
    user_tag: 'human',
    assistant_tag: 'gpt',
    observation_tag: 'observation',
    function_tag: 'function_call',
    system_tag: 'system',
  },
} as const;

const TRAINED: ReadonlySet<ShareGptFrom> = new Set(['gpt', 'function_call']);

/** The conversion as described above. Throws on a system message after the first: ShareGPT has one system prompt. */
export function toShareGptRecord(trajectory: Exportable, tools: ToolSpec[]): ShareGptRecord {
  const messages = trajectory.messages;
  let system: string | undefined;
  const turns: Array<{ from: ShareGptFrom; value: string; trained: boolean }> = [];
  // Tool messages not yet placed after their call, by call id, in order.
  const answered = new Set<number>();
  messages.forEach((m, i) => {
    switch (m.role) {
      case 'system':
        if (i !== 0) throw new Error(`message ${i}: a system message after the first cannot be exported to ShareGPT`);
        system = m.content;
        return;
      case 'user':
        turns.push({ from: 'human', value: m.content, trained: false });
        return;
      case 'tool':
        // Placed with its call; one that answers no call is kept where it is (the check reports it).
        if (!answered.has(i)) turns.push({ from: 'observation', value: m.content, trained: false });
        return;
      case 'assistant': {
        const trained = isTrained(trajectory, i);
        if (!m.tool_calls?.length) {
          turns.push({ from: 'gpt', value: m.content ?? '', trained });
          return;
        }
        for (const call of m.tool_calls) {
          turns.push({
            from: 'function_call',
            value: JSON.stringify({ name: call.function.name, arguments: parseArguments(call.function.arguments) }),
            trained,
          });
          // Its answer: the first unplaced tool message with its id before the next user or assistant message.
          for (let j = i + 1; j < messages.length && messages[j]!.role === 'tool'; j++) {
            const t = messages[j] as Extract<ChatMessage, { role: 'tool' }>;
            if (t.tool_call_id !== call.id || answered.has(j)) continue;
            answered.add(j);
            turns.push({ from: 'observation', value: t.content, trained: false });
            break;
          }
        }
        return;
      }
    }
  });
  const last = turns.findLastIndex((t) => t.from === 'gpt');
  const kept = turns.slice(0, last + 1);
  return {
    conversations: kept.map(({ from, value }) => ({ from, value })),
    ...(system !== undefined ? { system } : {}),
    tools: JSON.stringify(tools.map((t) => t.function)),
    loss_mask: kept.map((t) => (t.trained ? 1 : 0)),
  };
}

/** Arguments as an object when the text is JSON; the raw text otherwise (a malformed call stays as sent). */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * What is wrong with a record, empty when nothing is: the schema, LLaMA-Factory's alternation and
 * even count, every function_call followed by an observation and naming a tool of `tools` with a
 * `name` and `arguments`, `tools` parsing to a list, and `loss_mask` matching the turns (never 1 on
 * the user's side; 0 on the model's side is a masked mistake).
 */
export function checkShareGptRecord(record: unknown): string[] {
  const parsed = shareGptRecord.safeParse(record);
  if (!parsed.success) return parsed.error.issues.map((i) => `schema: ${i.path.join('.') || '(record)'}: ${i.message}`);
  const { conversations, tools, loss_mask } = parsed.data;
  const problems: string[] = [];

  let names: Set<string> | null = null;
  try {
    const list: unknown = JSON.parse(tools);
    if (!Array.isArray(list)) problems.push('tools: not a JSON list');
    else names = new Set(list.map((t) => (t as { name?: unknown })?.name).filter((n): n is string => typeof n === 'string'));
  } catch {
    problems.push('tools: not JSON');
  }

  if (conversations.length % 2 !== 0) problems.push(`${conversations.length} turns: LLaMA-Factory wants an even number (ending on gpt)`);
  conversations.forEach((t, i) => {
    // Turn i + 1 counted from 1: odd for the user's side, even for the model's.
    const userSide = i % 2 === 0;
    if (userSide !== (t.from === 'human' || t.from === 'observation'))
      problems.push(
        `turn ${i + 1}: ${t.from} on an ${userSide ? 'odd' : 'even'} turn (expected ${userSide ? 'human or observation' : 'gpt or function_call'})`,
      );
    if (t.from !== 'function_call') return;
    if (conversations[i + 1]?.from !== 'observation') problems.push(`turn ${i + 1}: function_call not followed by an observation`);
    let call: unknown;
    try {
      call = JSON.parse(t.value);
    } catch {
      problems.push(`turn ${i + 1}: function_call value is not JSON`);
      return;
    }
    const name = (call as { name?: unknown })?.name;
    if (typeof name !== 'string' || !call || typeof call !== 'object' || !('arguments' in call))
      problems.push(`turn ${i + 1}: function_call value is not {"name", "arguments"}`);
    else if (names && !names.has(name)) problems.push(`turn ${i + 1}: call ${name}: not one of the tools`);
  });

  if (loss_mask.length !== conversations.length) problems.push(`loss_mask has ${loss_mask.length} entries for ${conversations.length} turns`);
  else
    loss_mask.forEach((w, i) => {
      if (w === 1 && !TRAINED.has(conversations[i]!.from)) problems.push(`turn ${i + 1}: loss_mask 1 for ${conversations[i]!.from} (expected 0)`);
    });
  return problems;
}
