import type { GoldCall } from '../tasks/model';
import type { WriterContext } from '../tasks/writer-inputs';
import type { ChatFn, ChatMessage } from './model';
import type { LlmPolicyOptions } from './llm-agent';
import { STOP, type UserPolicy } from './policies';
import { userSystemPrompt } from './prompts';

/** What τ-bench's simulated user "hears" before it speaks: the agent's greeting. */
const GREETING = 'Hi! How can I help you today?';

/**
 * A τ-bench user simulator: an LLM playing the user, told the intent, seeing the conversation from
 * the other side (the agent's words as the user's turn, its own as the assistant's, tool traffic
 * hidden). Given the task's calls, it is told the same facts as the intent writer: which values
 * it knows, the data they come from, and who it is. It is done when it says ###STOP###.
 */
export function createLlmUser(chat: ChatFn, spec: LlmPolicyOptions, task?: { calls: GoldCall[] } & WriterContext): UserPolicy {
  return {
    info: { kind: 'llm', model: spec.model, ...(spec.baseUrl ? { baseUrl: spec.baseUrl } : {}), temperature: spec.temperature },
    async next({ intent, messages, signal }) {
      const prompt: ChatMessage[] = [{ role: 'system', content: userSystemPrompt(intent, task) }, ...userView(messages)];
      const reply = await chat(prompt, { temperature: spec.temperature, signal });
      const content = (reply.content ?? '').trim();
      return { content, done: content.includes(STOP) };
    },
  };
}

/** The transcript with roles flipped, starting from the agent's greeting; consecutive turns of one side are joined. */
export function userView(messages: ChatMessage[]): ChatMessage[] {
  const out: Array<{ role: 'user' | 'assistant'; content: string }> = [{ role: 'user', content: GREETING }];
  const add = (role: 'user' | 'assistant', content: string) => {
    const last = out[out.length - 1]!;
    if (last.role === role) last.content = `${last.content}\n\n${content}`;
    else out.push({ role, content });
  };
  for (const m of messages) {
    if (m.role === 'user') add('assistant', m.content);
    else if (m.role === 'assistant' && m.content?.trim()) add('user', m.content);
  }
  return out;
}
