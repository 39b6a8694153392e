import { STOP } from './policies';

/** The agent's system message: short, like τ-bench's wiki but with no domain rules to follow. */
export function agentSystemPrompt(domain: string): string {
  return [
    `You help a user with ${domain} through the tools you are given.`,
    'Look up what you need with the tools instead of guessing, act only on what the user asked for, and tell the user what you did.',
  ].join(' ');
}

/** τ-bench's user simulator prompt, with the task's intent as the instruction. */
export function userSystemPrompt(intent: string): string {
  return [
    'You are a user talking to a customer service agent. Your instruction:',
    '',
    intent,
    '',
    'Rules:',
    '- Write one message at a time, as the user, in your own words; do not copy the instruction verbatim.',
    '- Reveal information only when the agent asks for it or needs it for the next step; do not hallucinate details the instruction does not give.',
    `- When everything in the instruction is done, or cannot be done, reply with ${STOP} alone so the conversation ends.`,
  ].join('\n');
}
