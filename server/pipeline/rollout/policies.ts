import type { ChatMessage, ChatReply, Noise, PolicyInfo, ToolSpec } from './model';

/**
 * The two roles of a τ-bench rollout. A policy is created for one rollout (the oracle keeps its
 * place in the gold calls), so nothing here is shared between trajectories.
 */

/** The marker a user puts in its last message, as in τ-bench. */
export const STOP = '###STOP###';

export type UserContext = {
  /** What the user wants, in words (the task's intent). */
  intent: string;
  /** The transcript so far as the agent sees it; a user policy keeps only what a user would see. */
  messages: ChatMessage[];
  /** User messages sent so far. */
  turn: number;
  signal?: AbortSignal;
};

export type UserReply = { content: string; done: boolean };

export interface UserPolicy {
  info: PolicyInfo;
  next(ctx: UserContext): Promise<UserReply>;
}

export type AgentContext = { messages: ChatMessage[]; tools: ToolSpec[]; signal?: AbortSignal };

export interface AgentPolicy {
  info: PolicyInfo;
  next(ctx: AgentContext): Promise<ChatReply>;
  /** The noise really injected so far (the oracle only). */
  noiseApplied?(): Noise[];
  /** Indices of the messages it sent that carry an injected mistake (the oracle only). */
  masked?(): number[];
}
