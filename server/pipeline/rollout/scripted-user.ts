import { STOP, type UserPolicy } from './policies';

export const CLOSING = `That's all, thank you. ${STOP}`;

/**
 * An offline user that states its request one step at a time: the first step at once, the next
 * each time the agent answers, and a closing line once the last step has been answered. It counts
 * the user messages already in the transcript, so it needs no memory of its own. Without steps
 * the whole intent is the one step.
 */
export function createScriptedUser(steps: string[]): UserPolicy {
  return {
    info: { kind: 'scripted' },
    async next({ intent, messages }) {
      const script = steps.length ? steps : [intent];
      const sent = messages.filter((m) => m.role === 'user').length;
      return sent < script.length ? { content: script[sent]!, done: false } : { content: CLOSING, done: true };
    },
  };
}
