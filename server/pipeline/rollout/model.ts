import { z } from 'zod';
import type { RowChange, State } from '../kernel/state';

/**
 * A rollout's record, in the OpenAI chat format throughout, so what is reviewed is what is exported.
 */

export type ChatToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } };

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** A tool as the agent sees it (OpenAI `tools` entry). */
export type ToolSpec = { type: 'function'; function: { name: string; description: string; parameters: Record<string, unknown> } };

/** What an LLM answers: the assistant message. */
export type ChatReply = {
  content: string | null;
  tool_calls?: ChatToolCall[];
  /** Set when the reply passed a size limit and was cut: the mark appended to it. */
  truncated?: string;
};
export type ChatOptions = { tools?: ToolSpec[]; temperature?: number; signal?: AbortSignal };
/** One chat completion against an OpenAI-compatible endpoint (server/llm/client.ts provides it). */
export type ChatFn = (messages: ChatMessage[], opts?: ChatOptions) => Promise<ChatReply>;

export const NOISES = ['wrong_argument', 'skipped_step', 'extra_read', 'malformed_call', 'tool_error'] as const;
export type Noise = (typeof NOISES)[number];

/** A policy as a run configures it. LLM endpoints default to the studio's configured one. */
export const policySpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offline') }),
  z.object({
    kind: z.literal('llm'),
    model: z.string().min(1).max(200),
    /** Empty: the studio's STUDIO_LLM_BASE_URL. The API key is only ever sent to that configured URL. */
    baseUrl: z.url().max(500).optional(),
    temperature: z.number().min(0).max(2).default(0),
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
    maxRetries: z.number().int().min(0).max(10).default(3),
  }),
]);
export type PolicySpec = z.infer<typeof policySpec>;

/** What produced a trajectory, recorded with it. */
export type PolicyInfo = {
  /** external: an agent outside the studio acting through the gym API or MCP (`model` says which). */
  kind: 'scripted' | 'oracle' | 'llm' | 'external';
  model?: string;
  baseUrl?: string;
  temperature?: number;
  noise?: Noise[];
};

/** One executed tool call. */
export type StepRecord = {
  /** The call's id in the assistant message. */
  callId: string;
  name: string;
  /** The arguments text as the agent sent it. */
  rawArguments: string;
  /** Parsed arguments; null when the text was not a JSON object. */
  arguments: Record<string, unknown> | null;
  ok: boolean;
  result?: unknown;
  error?: string;
  /** 'tool' for an API error the tool raised; 'unknown_tool', 'bad_arguments', or a sandbox kind. */
  errorKind?: string;
  ms: number;
  /** Rows this call changed. */
  diff: RowChange[];
  /** Index in `messages` of the assistant message that made the call. */
  messageIndex: number;
};

export const ROLLOUT_STATUSES = ['completed', 'max_turns', 'error', 'failed'] as const;
/**
 * completed: the user said the task is done; max_turns: the turn limit was hit; error: the
 * environment or a policy broke (a sandbox timeout, a crash); failed: an LLM endpoint kept failing.
 */
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export type Trajectory = {
  status: RolloutStatus;
  error?: string;
  messages: ChatMessage[];
  steps: StepRecord[];
  /** The database at the end; null when the session was lost. */
  finalState: State | null;
  /** User and assistant messages (tool messages not counted). */
  turns: number;
  /** Noise the oracle really injected (a switch may not apply to a task, e.g. extra_read without read tools). */
  noiseApplied: Noise[];
  /**
   * Indices in `messages` of the assistant messages that carry an injected mistake (the wrong,
   * malformed or extra call, a refused first try, a reply claiming a skipped step was done):
   * kept in exports as context, never trained on.
   */
  masked: number[];
  policies: { user: PolicyInfo; agent: PolicyInfo };
  seed: number;
  ms: number;
  /** LLM replies cut at a size limit (they end with a "[truncated: …]" mark); absent when none was. */
  truncatedReplies?: number;
};
