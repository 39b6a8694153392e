import type { GoldCall } from '../tasks/model';
import { knownArguments } from '../tasks/intent';
import type { UserPolicy } from './policies';
import { CLOSING } from './scripted-user';
import { actionPhrase, inWords, listing, sayValue } from './summarise';

/**
 * For tests: a user that keeps the conversation protocol (briefs/conversation.md) the scripted user
 * will keep, so the oracle can be tested against it before and apart from that user. Each step
 * opens with the goal, gives its details when asked, confirms any other question, and moves on
 * when the agent states a result; it keeps no state outside the transcript.
 */
export type TestStep = { calls: number; opening: string; details: string };

/** Steps of `size` gold calls each (one by default): the goal in the opening, the known values in the details, or all in the opening when `tell` is 'all'. */
export function testSteps(calls: GoldCall[], { size = 1, tell = 'asked' }: { size?: number; tell?: 'asked' | 'all' } = {}): TestStep[] {
  const steps: TestStep[] = [];
  for (let at = 0; at < calls.length; at += size) {
    const group = calls.slice(at, at + size);
    const goal = `I'd like to ${listing(group.map((c) => actionPhrase(c.name)))}.`;
    const facts = group.flatMap((c) => knownArguments(c).map(([k, v]) => `the ${inWords(k)} is ${sayValue(v)}`));
    const details = facts.length ? `Sure: ${listing(facts)}.` : '';
    steps.push(tell === 'all' ? { calls: group.length, opening: `${goal} ${details}`.trim(), details: '' } : { calls: group.length, opening: goal, details });
  }
  return steps;
}

export function createTestUser(steps: TestStep[]): UserPolicy {
  return {
    info: { kind: 'scripted' },
    async next({ messages }) {
      // Each step ends with one statement from the agent (a reply not ending in '?'): their count is the step.
      const said = messages.flatMap((m) => (m.role === 'assistant' && m.content ? [m.content.trim()] : []));
      const statements = said.filter((t) => !t.endsWith('?')).length;
      const asked = said.at(-1)?.endsWith('?') ?? false;
      const step = steps[statements];
      if (!messages.some((m) => m.role === 'user') || !asked) return step ? { content: step.opening, done: false } : { content: CLOSING, done: true };
      const users = messages.flatMap((m) => (m.role === 'user' ? [m.content] : []));
      if (step?.details && !users.slice(users.lastIndexOf(step.opening)).includes(step.details)) return { content: step.details, done: false };
      return { content: 'Yes, please go ahead.', done: false };
    },
  };
}
