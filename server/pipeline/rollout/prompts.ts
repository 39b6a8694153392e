import type { GoldCall } from '../tasks/model';
import { writerInputs, type WriterContext } from '../tasks/writer-inputs';
import { STOP } from './policies';

/** The agent's system message: short, like τ-bench's wiki but with no domain rules to follow. */
export function agentSystemPrompt(domain: string): string {
  return [
    `You help a user with ${domain} through the tools you are given.`,
    'Look up what you need with the tools instead of guessing, act only on what the user asked for, and tell the user what you did.',
  ].join(' ');
}

/** τ-bench's user simulator prompt, with the task's intent as the instruction, and the facts behind it when given. */
export function userSystemPrompt(intent: string, task?: { calls: GoldCall[] } & WriterContext): string {
  const inputs = task?.calls.length ? writerInputs(task.calls, task) : null;
  return [
    'You are a customer talking to a customer service agent. Speak as yourself, in the first person. Your instruction:',
    '',
    intent,
    ...(inputs
      ? [
          '',
          inputs.you,
          '',
          'What the agent will do for you, and which values you know (KNOWN) or must leave for the agent to find (FROM EARLIER RESULT):',
          inputs.calls,
          ...(inputs.data ? ['', 'Your data:', inputs.data] : []),
        ]
      : []),
    '',
    'Rules:',
    '- Write one message at a time, as the user, in your own words; do not copy the instruction verbatim.',
    `- Say what you want, not how: never name functions or parameters (no order_id, no getOrder)${inputs ? '; give KNOWN values exactly as written, never FROM EARLIER RESULT ones' : ''}.`,
    '- Reveal information only when the agent asks for it or needs it for the next step; do not hallucinate details the instruction does not give.',
    '- When the agent asks to confirm an action that is part of your instruction, agree.',
    `- When everything in the instruction is done, or cannot be done, reply with ${STOP} alone so the conversation ends.`,
  ].join('\n');
}
