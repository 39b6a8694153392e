import type { ChatFn, ChatMessage } from './model';
import type { AgentPolicy } from './policies';
import { agentSystemPrompt } from './prompts';

export type LlmPolicyOptions = { model: string; baseUrl?: string; temperature: number };

/**
 * An agent that is an LLM behind `chat`. Its reply is kept as it came, malformed tool calls
 * included: judging them is the validity filter's job, and a training set needs to know how
 * models fail. The rollout's transcript starts with the agent's system message; if a caller
 * gives one without it, the agent adds its own.
 */
export function createLlmAgent(chat: ChatFn, spec: LlmPolicyOptions, { domain = 'their request' }: { domain?: string } = {}): AgentPolicy {
  return {
    info: { kind: 'llm', model: spec.model, ...(spec.baseUrl ? { baseUrl: spec.baseUrl } : {}), temperature: spec.temperature },
    async next({ messages, tools, signal }) {
      const prompt: ChatMessage[] = messages[0]?.role === 'system' ? messages : [{ role: 'system', content: agentSystemPrompt(domain) }, ...messages];
      const reply = await chat(prompt, { tools, temperature: spec.temperature, signal });
      return { content: reply.content ?? null, ...(reply.tool_calls?.length ? { tool_calls: reply.tool_calls } : {}) };
    },
  };
}
