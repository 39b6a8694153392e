import type { EnvironmentContent } from '../environment/model';
import type { Task } from '../tasks/model';
import type { ChatMessage, ChatReply, Noise } from './model';
import { planNoise, type PlannedCall } from './noise';
import type { AgentPolicy } from './policies';

export type OracleOptions = {
  task: Task;
  content: EnvironmentContent;
  noise?: readonly Noise[];
  /**
   * How many gold calls answer each user step, in order (default one per step): the scripted
   * user's steps and these groups must line up. Must sum to the number of gold calls.
   */
  callsPerStep?: number[];
};

/** Longest tool result quoted in a reply, in characters: enough to say what came back. */
const QUOTE = 160;

/**
 * An offline agent that knows the answer: on each user step it makes that step's gold calls, one
 * per message, reads each result, then tells the user what came back. With noise switches it makes
 * the planned mistakes (noise.ts); a switch is reported as applied only once it really happened.
 * One oracle per rollout: it keeps its place in the plan.
 */
export function createOracleAgent({ task, content, noise = [], callsPerStep }: OracleOptions): AgentPolicy & { noiseApplied(): Noise[] } {
  const plan = planNoise(task, content, noise);
  const groups = stepGroups(task.calls.length, callsPerStep);
  const applied = new Set<Noise>();
  let step = -1;
  let queue: PlannedCall[] = [];
  let pending: { id: string; call: PlannedCall } | null = null;
  let heard: string[] = [];
  let nextId = 1;

  const observe = (messages: ChatMessage[]) => {
    if (!pending) return;
    const { id, call } = pending;
    pending = null;
    const answer = messages.find((m): m is Extract<ChatMessage, { role: 'tool' }> => m.role === 'tool' && m.tool_call_id === id);
    // The loop answers a failure with "Error: …"; a result is JSON, which never starts that way.
    const failed = !answer || answer.content.startsWith('Error:');
    if (call.noise && (call.appliedWhen === 'made' || (call.appliedWhen === 'ok' && !failed) || (call.appliedWhen === 'error' && failed))) applied.add(call.noise);
    const text = answer?.content ?? 'no answer';
    heard.push(failed ? `${call.name} failed (${quote(text.replace(/^Error:\s*/, ''))}).` : `${call.name} returned ${quote(text)}.`);
  };

  return {
    info: { kind: 'oracle', ...(noise.length ? { noise: [...noise] } : {}) },
    noiseApplied: () => [...applied],
    async next({ messages }): Promise<ChatReply> {
      observe(messages);
      if (messages.at(-1)?.role === 'user') {
        step++;
        const indices = groups[step] ?? [];
        if (plan.skipped !== null && indices.includes(plan.skipped)) applied.add('skipped_step');
        queue = indices.flatMap((i) => plan.calls[i]!);
        heard = [];
      }
      const call = queue.shift();
      if (call) {
        const id = `call_${nextId++}`;
        pending = { id, call };
        const args = typeof call.args === 'string' ? call.args : JSON.stringify(call.args);
        return { content: null, tool_calls: [{ id, type: 'function', function: { name: call.name, arguments: args } }] };
      }
      if (step >= groups.length) return { content: 'You are welcome. Is there anything else I can help you with?' };
      return { content: heard.length ? `Here is what I found. ${heard.join(' ')}` : 'I have taken care of that.' };
    },
  };
}

/** Gold call indices per user step. */
function stepGroups(n: number, callsPerStep?: number[]): number[][] {
  const sizes = callsPerStep ?? Array<number>(n).fill(1);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1) || sizes.reduce((a, b) => a + b, 0) !== n) {
    throw new Error(`callsPerStep must be positive whole numbers adding up to the ${n} gold calls, got [${sizes.join(', ')}]`);
  }
  let at = 0;
  return sizes.map((s) => Array.from({ length: s }, () => at++));
}

function quote(text: string): string {
  return text.length > QUOTE ? `${text.slice(0, QUOTE)}…` : text;
}
