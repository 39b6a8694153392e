import { REFERENCE_DATE } from '../environment/fake-values';
import type { EnvironmentContent, ToolCode } from '../environment/model';
import { diffStates, type State } from '../kernel/state';
import type { SandboxLike, SandboxSession } from '../environment/validate';
import { FATAL_KINDS } from '../sandbox/protocol';
import type { Session } from '../sandbox/sandbox';
import type { CallOutcome, SandboxLimits } from '../kernel/calls';
import type { Task } from '../tasks/model';
import { parseArguments } from '../kernel/arguments';
import type { ChatMessage, ChatToolCall, RolloutStatus, StepRecord, ToolSpec, Trajectory } from './model';
import type { AgentPolicy, UserPolicy } from './policies';
import { agentSystemPrompt } from './prompts';
import { TrackedState } from '../sandbox/tracked-state';
import { isTracking } from '../sandbox/tracking';

export type RolloutOptions = {
  task: Task;
  content: EnvironmentContent;
  /** The tools offered to the agent; a call to any other is an unknown tool, even if the version has code for it. */
  tools: ToolSpec[];
  user: UserPolicy;
  agent: AgentPolicy;
  sandbox: SandboxLike;
  /** User and assistant messages before the rollout stops as max_turns. */
  maxTurns?: number;
  /** Aborting rejects with the abort: the caller drops the trajectory. */
  signal?: AbortSignal;
  /** What the agent helps with, in its system message ("retail orders"). */
  domain?: string;
  limits?: Partial<SandboxLimits>;
};

type Ending = { status: RolloutStatus; error?: string; lost?: boolean };

/**
 * One τ-bench rollout: the user speaks, the agent answers with tool calls or text, its calls run in
 * the sandbox against the trajectory's own copy of the task's initial state, until the user is
 * done, the turns run out, or something breaks. The session is opened like the gold run's (task
 * seed, reference clock), so the gold calls made again give the gold state exactly.
 */
export async function runRollout(opts: RolloutOptions): Promise<Trajectory> {
  const { task, user, agent, sandbox, signal } = opts;
  const started = performance.now();
  const messages: ChatMessage[] = [{ role: 'system', content: agentSystemPrompt(opts.domain ?? 'their request') }];
  const steps: StepRecord[] = [];
  const turns = { n: 0 };
  const finish = (ending: Ending, finalState: State | null): Trajectory => ({
    status: ending.status,
    ...(ending.error !== undefined ? { error: ending.error } : {}),
    messages,
    steps,
    finalState,
    turns: turns.n,
    noiseApplied: agent.noiseApplied?.() ?? [],
    masked: agent.masked?.() ?? [],
    policies: { user: user.info, agent: agent.info },
    seed: task.seed,
    ms: Math.round(performance.now() - started),
  });

  signal?.throwIfAborted();
  let session: SandboxSession;
  try {
    // The studio's sandbox sends a copy of the state to its worker; a stand-in may change what it is given.
    session = await sandbox.openSession(isTracking(sandbox) ? task.initialState : structuredClone(task.initialState), {
      seed: task.seed,
      now: REFERENCE_DATE,
      ...(opts.limits ? { limits: opts.limits } : {}),
    });
  } catch (e) {
    signal?.throwIfAborted();
    return finish({ status: 'error', error: `the sandbox session could not be opened: ${message(e)}` }, null);
  }
  try {
    let ending: Ending;
    const tracked = 'changes' in session && typeof session.changes === 'function' ? new TrackedState(task.initialState) : null;
    try {
      ending = await converse(opts, session, messages, steps, turns, tracked);
    } catch (e) {
      if (signal?.aborted) throw signal.reason ?? e;
      // The LLM client's error after its retries: the endpoint failed, not the environment.
      ending = (e as Error)?.name === 'LlmError' ? { status: 'failed', error: message(e) } : { status: 'error', error: message(e) };
    }
    const finalState = ending.lost ? null : tracked ? tracked.state() : await Promise.resolve(session.state()).catch(() => null);
    return finish(ending, finalState);
  } finally {
    await Promise.resolve()
      .then(() => session.close())
      .catch(() => {});
  }
}

async function converse(
  opts: RolloutOptions,
  session: SandboxSession,
  messages: ChatMessage[],
  steps: StepRecord[],
  turns: { n: number },
  tracked: TrackedState | null,
): Promise<Ending> {
  const { task, user, agent, tools, signal, maxTurns = 60 } = opts;
  const offered = new Set(tools.map((t) => t.function.name));
  const code = new Map(opts.content.tools.filter((t) => offered.has(t.name)).map((t) => [t.name, t]));
  let before = tracked ? opts.task.initialState : await session.state();
  let userTurns = 0;

  for (;;) {
    signal?.throwIfAborted();
    const said = await user.next({ intent: task.intent, messages: messages.slice(), turn: userTurns, signal });
    messages.push({ role: 'user', content: said.content });
    userTurns++;
    turns.n++;
    if (said.done) return { status: 'completed' };
    if (turns.n >= maxTurns) return { status: 'max_turns' };

    // The agent acts until it answers in words.
    for (;;) {
      signal?.throwIfAborted();
      const reply = await agent.next({ messages: messages.slice(), tools, signal });
      const calls = reply.tool_calls?.length ? reply.tool_calls : undefined;
      const at = messages.length;
      messages.push({ role: 'assistant', content: reply.content ?? null, ...(calls ? { tool_calls: calls } : {}) });
      turns.n++;
      if (calls) {
        for (const [i, call] of calls.entries()) {
          const step = await execute(call, at, code, session, before, tracked);
          steps.push(step.record);
          messages.push({ role: 'tool', tool_call_id: call?.id, content: step.reply });
          if (step.after) before = step.after;
          if (step.fatal) {
            // The rest of the message's calls are answered too, so the record stays well formed.
            for (const rest of calls.slice(i + 1))
              messages.push({ role: 'tool', tool_call_id: rest?.id, content: 'Error: not run: the environment failed on an earlier call' });
            return { status: 'error', error: `the environment failed on ${step.record.name}: ${step.record.errorKind}: ${step.record.error}`, lost: true };
          }
        }
      }
      if (turns.n >= maxTurns) return { status: 'max_turns' };
      if (!calls) break;
    }
  }
}

type Executed = { record: StepRecord; reply: string; after?: State; fatal?: boolean };

/** The sandbox's own sessions also run a call and read the state after it in one round trip. */
type StepSession = SandboxSession & Partial<Pick<Session, 'callWithState' | 'changes'>>;

async function execute(
  call: ChatToolCall,
  messageIndex: number,
  code: Map<string, ToolCode>,
  session: StepSession,
  before: State,
  tracked: TrackedState | null,
): Promise<Executed> {
  const name = typeof call?.function?.name === 'string' ? call.function.name : '';
  const raw = call?.function?.arguments;
  const rawArguments = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
  const args = parseArguments(rawArguments);
  const base = { callId: call?.id, name, rawArguments, arguments: args, diff: [], messageIndex };
  const refuse = (errorKind: string, error: string): Executed => ({ record: { ...base, ok: false, error, errorKind, ms: 0 }, reply: `Error: ${error}` });

  const tool = code.get(name);
  if (!tool) return refuse('unknown_tool', `unknown tool ${JSON.stringify(name)}`);
  if (!args) return refuse('bad_arguments', `the arguments of ${name} are not a JSON object: ${clip(rawArguments)}`);

  // A tool that throws may have changed rows before it did; the state is read either way. Most
  // calls are reads: when the worker says the state is unchanged, it is neither sent nor diffed.
  let outcome: CallOutcome;
  let after: State | undefined;
  let diff: StepRecord['diff'] = [];
  if (tracked && session.changes) {
    // Only the rows tools touched come back from the worker; the call's diff is what moved since the last call.
    outcome = await session.call(tool.code, args);
    if (!isFatal(outcome)) diff = tracked.advance(await session.changes());
  } else if (session.callWithState) {
    const r = await session.callWithState(tool.code, args);
    outcome = r.outcome;
    if (!isFatal(outcome) && !r.unchanged) {
      after = JSON.parse(r.stateJson!) as State;
      diff = diffStates(before, after);
    }
  } else {
    outcome = await session.call(tool.code, args);
    if (!isFatal(outcome)) {
      after = await session.state();
      diff = diffStates(before, after);
    }
  }
  if (outcome.ok)
    return {
      record: { ...base, ok: true, result: outcome.result, ms: outcome.ms, diff },
      reply: JSON.stringify(outcome.result ?? null),
      ...(after ? { after } : {}),
    };
  const failed = { ...base, ok: false as const, error: outcome.error.message, errorKind: outcome.error.kind, ms: outcome.ms };
  if (isFatal(outcome)) return { record: failed, reply: `Error: ${outcome.error.message}`, fatal: true };
  return { record: { ...failed, diff }, reply: `Error: ${outcome.error.message}`, ...(after ? { after } : {}) };
}

const isFatal = (outcome: CallOutcome) => !outcome.ok && FATAL_KINDS.has(outcome.error.kind);

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
