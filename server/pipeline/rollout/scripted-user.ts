import type { UserStep } from '../tasks/intent';
import type { ChatMessage } from './model';
import { STOP, type UserPolicy } from './policies';

export const CLOSING = `That's all, thank you. ${STOP}`;

/** How the user agrees when the agent asks to go ahead; picked by turn so transcripts vary. */
export const CONFIRMATIONS = ['Yes, please go ahead.', "Yes, that's right. Please do.", 'Yes, go ahead.', "That's correct, please go ahead.", 'Yes, please.'];

/**
 * The offline user of the conversation protocol (τ-bench style): it opens each step with its goal,
 * gives the step's facts when the agent first asks a question, confirms any other question (the
 * agent asking before a write), moves on to the next step when the agent states a result, and
 * closes after the last. It reads its place off the transcript, so it keeps no state. A plain
 * string is a step whose opening says everything; without steps the whole intent is the one step.
 */
export function createScriptedUser(steps: Array<UserStep | string>): UserPolicy {
  const script: UserStep[] = steps.map((s) => (typeof s === 'string' ? { calls: 1, opening: s, details: '' } : s));
  return {
    info: { kind: 'scripted' },
    async next({ intent, messages }) {
      const plan = script.length ? script : [{ calls: 1, opening: intent, details: '' }];
      const said = messages.filter((m): m is Extract<ChatMessage, { role: 'user' }> => m.role === 'user').map((m) => m.content);
      if (said.length === 0) return { content: plan[0]!.opening, done: false };
      // Where the transcript is: the last step opened, and whether its facts were given.
      let step = 0;
      let detailsSent = false;
      for (const text of said.slice(1)) {
        if (step + 1 < plan.length && text === plan[step + 1]!.opening) {
          step++;
          detailsSent = false;
        } else if (plan[step]!.details && text === plan[step]!.details) detailsSent = true;
      }
      const asked = lastAgentText(messages).trim().endsWith('?');
      if (asked) {
        const details = plan[step]!.details;
        if (details && !detailsSent) return { content: details, done: false };
        return { content: CONFIRMATIONS[said.length % CONFIRMATIONS.length]!, done: false };
      }
      if (step + 1 < plan.length) return { content: plan[step + 1]!.opening, done: false };
      return { content: CLOSING, done: true };
    },
  };
}

/** What the agent last said in words (tool calls carry none). */
function lastAgentText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return '';
    if (m.role === 'assistant' && m.content?.trim()) return m.content;
  }
  return '';
}
