import type { ChatMessage } from './model';

/**
 * Which messages of a trajectory an export keeps and trains on. A record ends on the agent's last
 * message (the user's closing line after it teaches nothing and leaves the model the last word
 * to no one); assistant messages are trained on unless they carry an injected mistake (`masked`),
 * which stays as context so a recovered trajectory teaches the recovery, not the mistake.
 */

export type Exportable = { messages: ChatMessage[]; masked?: readonly number[] };

/** The messages up to and including the last assistant message (all of them when there is none: the check reports it). */
export function exportedMessages(messages: ChatMessage[]): ChatMessage[] {
  const last = messages.findLastIndex((m) => m.role === 'assistant');
  return last < 0 ? messages : messages.slice(0, last + 1);
}

/** Whether message `index` is an assistant message trained on. */
export function isTrained(t: Exportable, index: number): boolean {
  return t.messages[index]?.role === 'assistant' && !(t.masked ?? []).includes(index);
}

/** Counts over what an export writes of a trajectory: messages, assistant messages trained on and masked, tool calls. */
export function trainingCounts(t: Exportable): { messages: number; trained: number; masked: number; toolCalls: number } {
  const kept = exportedMessages(t.messages);
  let trained = 0;
  let masked = 0;
  let toolCalls = 0;
  kept.forEach((m, i) => {
    if (m.role !== 'assistant') return;
    if (isTrained(t, i)) trained++;
    else masked++;
    toolCalls += m.tool_calls?.length ?? 0;
  });
  return { messages: kept.length, trained, masked, toolCalls };
}
