import type { EnvironmentContent } from '../environment/model';
import type { GoldCall, Task } from '../tasks/model';
import { knownArguments, valueMentions } from '../tasks/intent';
import type { ChatMessage, ChatReply, Noise } from './model';
import { planNoise, type PlannedCall } from './noise';
import type { AgentPolicy } from './policies';
import { actionPhrase, inWords, listing, sayValue, summariseOutcome, summariseOutcomes, type CallOutcome } from './summarise';

export type OracleOptions = {
  task: Task;
  content: EnvironmentContent;
  noise?: readonly Noise[];
  /**
   * How many gold calls answer each user step, in order (default one per step): the scripted
   * user's steps and these groups must line up. Must sum to the number of gold calls.
   */
  callsPerStep?: number[];
  /**
   * Whether the user keeps the conversation protocol (answers the agent's questions): then the
   * agent asks for missing values and confirms each write before making it. A user that does not
   * (one request per gold call, answering a question with its next request) would fall out of step
   * with it, so then the agent only acts and answers. Defaults to on when the user's steps are
   * given (`callsPerStep`), which is how a protocol user is wired.
   */
  converse?: boolean;
};

/** What the oracle does next within a user step. */
type Action = { kind: 'ask' } | { kind: 'confirm'; gold: number } | { kind: 'call'; gold: number; call: PlannedCall } | { kind: 'reply' };

/**
 * An offline agent that knows the answer and behaves as a support agent should (the protocol in
 * briefs/conversation.md, τ-bench style): on each user step it asks once for any value the user
 * has not given yet, says what it is about to change and asks before each write, makes the step's
 * calls one per message, then tells the user what came back in sentences (summarise.ts).
 *
 * With noise switches it makes the planned mistakes (noise.ts); a switch is reported as applied
 * only once it really happened, and the messages that carry a mistake are reported by index
 * (`masked`) so exports can keep them as context without training on them. One oracle per rollout.
 */
export function createOracleAgent({
  task,
  content,
  noise = [],
  callsPerStep,
  converse = callsPerStep !== undefined,
}: OracleOptions): AgentPolicy & { noiseApplied(): Noise[]; masked(): number[] } {
  const plan = planNoise(task, content, noise);
  const groups = stepGroups(task.calls.length, callsPerStep);
  const applied = new Set<Noise>();
  const masked: number[] = [];
  let step = -1;
  let queue: Action[] = [];
  let outcomes: Array<{ gold: number; call: PlannedCall; outcome: CallOutcome }> = [];
  let pending: { id: string; gold: number; call: PlannedCall } | null = null;
  let nextId = 1;

  const observe = (messages: ChatMessage[]) => {
    if (!pending) return;
    const { id, gold, call } = pending;
    pending = null;
    const answer = messages.find((m): m is Extract<ChatMessage, { role: 'tool' }> => m.role === 'tool' && m.tool_call_id === id);
    // The loop answers a failure with "Error: …"; a result is JSON, which never starts that way.
    const failed = !answer || answer.content.startsWith('Error:');
    if (call.noise && (call.appliedWhen === 'made' || (call.appliedWhen === 'ok' && !failed) || (call.appliedWhen === 'error' && failed)))
      applied.add(call.noise);
    const text = answer?.content ?? 'Error: no answer came back';
    const op = task.calls[gold]?.name === call.name ? task.calls[gold]!.op : (content.tools.find((t) => t.name === call.name)?.op ?? 'read');
    const outcome: CallOutcome = failed
      ? { name: call.name, op, arguments: typeof call.args === 'string' ? null : call.args, ok: false, error: text }
      : { name: call.name, op, arguments: typeof call.args === 'string' ? null : call.args, ok: true, result: parse(text) };
    outcomes.push({ gold, call, outcome });
  };

  /** The step's actions: the borrowed or repeated reads where noise put them, a confirmation before each write, the reply. */
  const actionsFor = (indices: number[]): Action[] => {
    const actions: Action[] = [];
    for (const i of indices) {
      const gold = task.calls[i]!;
      let confirmed = false;
      const confirm = () => {
        if (converse && gold.op === 'write' && !confirmed) actions.push({ kind: 'confirm', gold: i });
        confirmed = true;
      };
      for (const call of plan.calls[i]!) {
        // A read borrowed from another tool comes before the confirmation: the agent looks first.
        if (call.name === gold.name) confirm();
        actions.push({ kind: 'call', gold: i, call });
      }
      // A skipped write is still announced: the mistake is leaving it undone after the user agreed.
      confirm();
    }
    actions.push({ kind: 'reply' });
    return actions;
  };

  return {
    info: { kind: 'oracle', ...(noise.length ? { noise: [...noise] } : {}) },
    noiseApplied: () => [...applied],
    masked: () => [...masked],
    async next({ messages }): Promise<ChatReply> {
      observe(messages);
      const at = messages.length;
      if (messages.at(-1)?.role === 'user' && queue.length === 0) {
        step++;
        const indices = groups[step] ?? [];
        if (plan.skipped !== null && indices.includes(plan.skipped)) applied.add('skipped_step');
        outcomes = [];
        queue = actionsFor(indices);
        if (
          converse &&
          step < groups.length &&
          unmentioned(
            indices.map((i) => task.calls[i]!),
            messages,
          ).length
        )
          queue.unshift({ kind: 'ask' });
      }
      if (step >= groups.length) {
        queue = [];
        return { content: 'You are welcome. Is there anything else I can help you with?' };
      }
      const action = queue.shift() ?? { kind: 'reply' };
      switch (action.kind) {
        case 'ask':
          return {
            content: question(
              unmentioned(
                (groups[step] ?? []).map((i) => task.calls[i]!),
                messages,
              ),
              step,
            ),
          };
        case 'confirm':
          return { content: confirmation(task.calls[action.gold]!) };
        case 'call': {
          const id = `call_${nextId++}`;
          pending = { id, gold: action.gold, call: action.call };
          if (action.call.noise) masked.push(at);
          const args = typeof action.call.args === 'string' ? action.call.args : JSON.stringify(action.call.args);
          return { content: null, tool_calls: [{ id, type: 'function', function: { name: action.call.name, arguments: args } }] };
        }
        case 'reply': {
          const indices = groups[step] ?? [];
          // A skipped call is claimed done from the gold answer: the false claim is the mistake, so it is masked.
          if (plan.skipped !== null && indices.includes(plan.skipped)) masked.push(at);
          return { content: `${LEADS[step % LEADS.length]}${reply(indices, outcomes, task.calls)}` };
        }
      }
    },
  };
}

/** Known values of the calls no user message has mentioned yet (case aside), as [parameter, value]. */
function unmentioned(calls: GoldCall[], messages: ChatMessage[]): Array<[string, unknown]> {
  const said = messages.flatMap((m) => (m.role === 'user' ? [m.content.toLowerCase()] : [])).join('\n');
  const out: Array<[string, unknown]> = [];
  for (const call of calls) {
    for (const [param, value] of knownArguments(call)) {
      if (out.some(([p]) => p === param)) continue;
      if (valueMentions(value).some((v) => !said.includes(v.toLowerCase()))) out.push([param, value]);
    }
  }
  return out;
}

/**
 * Openings that turn over from step to step, so that steps with the same answer (the same lookup
 * twice, a log-out on three APIs) never read as an agent repeating itself.
 */
const LEADS = ['', 'All right. ', 'Okay. '];
const GREETINGS = ['I can help with that.', 'Sure.', 'Happy to help.'];

function question(missing: Array<[string, unknown]>, step: number): string {
  const what = missing.length ? listing(missing.map(([p]) => `the ${inWords(p)}`)) : 'the details';
  return `${GREETINGS[step % GREETINGS.length]} Could you tell me ${what}?`;
}

/** "I'm going to cancel pending order with order id order_5 and reason 'no longer needed'. Shall I go ahead?" */
function confirmation(call: GoldCall): string {
  const args = Object.entries(call.arguments).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
  const values = args.length ? ` with ${listing(args.map(([k, v]) => `${inWords(k)} ${sayValue(v)}`))}` : '';
  return `I'm going to ${actionPhrase(call.name)}${values}. Shall I go ahead?`;
}

/**
 * What the step's calls came back with: each gold call's last answer (after a refused or malformed
 * attempt, the one that worked), in gold order; a skipped call is reported from its gold result.
 */
function reply(indices: number[], outcomes: Array<{ gold: number; call: PlannedCall; outcome: CallOutcome }>, gold: GoldCall[]): string {
  const said: string[] = [];
  for (const i of indices) {
    const mine = outcomes.filter((o) => o.gold === i && (o.call.noise === undefined || o.call.noise === 'wrong_argument'));
    const last = mine.at(-1);
    if (last) said.push(summariseOutcome(last.outcome));
    else if (!outcomes.some((o) => o.gold === i))
      said.push(summariseOutcomes([{ name: gold[i]!.name, op: gold[i]!.op, arguments: gold[i]!.arguments, ok: true, result: gold[i]!.result }]));
  }
  return said.join(' ') || 'I have taken care of that.';
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

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
