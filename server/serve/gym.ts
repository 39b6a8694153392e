import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { forbidden, invalid } from '../kernel/errors';
import type { RowChange } from '../pipeline/kernel/state';
import type { ExternalTurn } from '../pipeline/rollout/external-agent';
import type { ChatMessage, ChatReply, ToolSpec } from '../pipeline/rollout/model';
import { checkEndpoints, offlinePolicies, policiesFor } from '../stages/rollout-policies';
import { runSettings } from '../pipeline/rollout/settings';
import { policySpec } from '../pipeline/rollout/model';
import { can } from '../../lib/auth/roles';
import type { StudioConfig } from '../config';
import { asTask } from '../stages/rollout';
import { Plays, playableVersion, SERVE_LIMITS, startPlay, taskOfVersion, versionKit, type Play, type PlayResult } from './play';

/**
 * The reset/step API for trainers (Gymnasium-style, τ²-bench's gym): `reset` starts an episode of
 * a task of an environment version, with the task's scripted user (or an LLM user); `step` takes the agent's
 * action, an OpenAI assistant message. Tool calls are run in the sandbox on the episode's own
 * copy of the state and answered with tool messages; an answer in words gets the user's reply.
 * The episode ends when the user ends it or at the turn limit; the reward is then 1 if the
 * trajectory passes the three filters (validity, state, exact for read-only tasks), else 0, and
 * `info` holds each filter's result.
 */

export const resetInput = z.object({
  taskId: z.uuid('must be a task id').optional(),
  /** The task's scripted user (the default), or an LLM playing the user on the studio's endpoint (a curator's choice: it spends the endpoint). */
  user: policySpec.optional(),
  maxTurns: z.number().int().min(2).max(SERVE_LIMITS.maxTurnsCap).optional(),
});

const toolCall = z.object({
  id: z.string().min(1).max(200).optional(),
  type: z.literal('function').optional(),
  function: z.object({
    name: z.string().max(200),
    /** A JSON text (OpenAI's form), or the object itself. */
    arguments: z.union([z.string().max(64_000), z.record(z.string(), z.unknown())]).optional(),
  }),
});

export const actionInput = z
  .object({
    role: z.literal('assistant').optional(),
    content: z.string().max(32_000).nullable().optional(),
    tool_calls: z.array(toolCall).max(32).optional(),
  })
  .refine((a) => (a.content ?? '').trim() !== '' || (a.tool_calls?.length ?? 0) > 0, 'an action needs content or tool_calls');

export const stepInput = z.object({ episodeId: z.uuid('must be an episode id'), action: actionInput });

export type Observation = { messages: ChatMessage[]; tools: ToolSpec[] };
export type StepResult = {
  observation: Observation;
  reward: 0 | 1;
  done: boolean;
  info: {
    turns: number;
    status?: string;
    reason?: string;
    filters?: { validity: FilterInfo; state: FilterInfo & { diff?: RowChange[] }; exact: FilterInfo };
    passed?: boolean;
  };
};
type FilterInfo = { pass: boolean; reason: string };

const episodes = new Plays<Play>('episode', () => SERVE_LIMITS.episodes);

/** Episodes open now, on this server (for tests and health). */
export const openEpisodes = () => episodes.size;

/** `raw`: `{taskId?, user?, maxTurns?}` as the client sent it (checked here). */
export async function resetEpisode(db: Db, config: StudioConfig, user: SessionUser, versionId: string, raw: unknown) {
  const input = resetInput.parse(raw ?? {});
  if (input.user?.kind === 'llm') {
    if (!can(user.role, 'curate'))
      throw forbidden(
        `Your role (${user.role}) cannot have an LLM play the user: it spends the studio's model endpoint, which needs curator or above. Leave user out for the task's scripted user.`,
      );
    checkEndpoints(config, { user: input.user, agent: { kind: 'offline' } });
  }
  episodes.reserve(user.id);
  await playableVersion(db, versionId);
  const row = await taskOfVersion(db, versionId, input.taskId);
  const kit = await versionKit(db, versionId);
  const task = asTask(row);
  const speaker =
    input.user?.kind === 'llm'
      ? policiesFor(config, runSettings.parse({ user: input.user }), row.id)(task, kit.content, row.domainName, kit.descriptions).user
      : offlinePolicies(task, kit.content, kit.descriptions, []).user;
  const play = episodes.add(
    startPlay({
      ownerId: user.id,
      versionId,
      row,
      task,
      kit,
      user: speaker,
      maxTurns: input.maxTurns ?? SERVE_LIMITS.maxTurns,
      client: 'gym',
    }),
  );
  const turn = await play.first.catch((e) => {
    episodes.remove(play.id);
    throw e;
  });
  const result = answer(play, turn);
  if (result.done) episodes.remove(play.id);
  return { episodeId: play.id, taskId: row.id, observation: result.observation, ...(result.done ? { done: true, info: result.info } : {}) };
}

/** `raw`: `{episodeId, action}` as the client sent it (checked here). */
export async function stepEpisode(db: Db, user: SessionUser, versionId: string, raw: unknown): Promise<StepResult> {
  const input = stepInput.parse(raw);
  const play = episodes.get(input.episodeId, user.id);
  if (play.versionId !== versionId) throw invalid(`Episode ${play.id} is of environment version ${play.versionId}, not ${versionId}.`);
  let turn: ExternalTurn<PlayResult>;
  try {
    turn = await play.act(asReply(input.action));
  } catch (e) {
    if (play.ended) episodes.remove(play.id);
    throw e;
  }
  const result = answer(play, turn);
  if (result.done) episodes.remove(play.id, 'This episode has ended.');
  return result;
}

/** Ends an episode early (a trainer giving up on it); ending one already gone is not an error. */
export function closeEpisode(user: SessionUser, versionId: string, raw: unknown): { closed: boolean } {
  const { episodeId } = z.object({ episodeId: z.uuid('must be an episode id') }).parse(raw);
  try {
    if (episodes.get(episodeId, user.id).versionId !== versionId) return { closed: false };
  } catch {
    return { closed: false };
  }
  episodes.remove(episodeId, 'This episode was closed by its client.');
  return { closed: true };
}

function asReply(action: z.infer<typeof actionInput>): ChatReply {
  const calls = action.tool_calls?.map((c) => ({
    id: c.id ?? `call_${randomUUID().slice(0, 8)}`,
    type: 'function' as const,
    function: {
      name: c.function.name,
      arguments: typeof c.function.arguments === 'string' ? c.function.arguments : JSON.stringify(c.function.arguments ?? {}),
    },
  }));
  return { content: action.content ?? null, ...(calls?.length ? { tool_calls: calls } : {}) };
}

function answer(play: Play, turn: ExternalTurn<PlayResult>): StepResult {
  const tools = play.kit.tools;
  if (!turn.done) {
    const turns = turn.messages.filter((m) => m.role === 'user' || m.role === 'assistant').length;
    return { observation: { messages: turn.messages, tools }, reward: 0, done: false, info: { turns } };
  }
  const { trajectory, verdict } = turn.result;
  const filter = (f: { pass: boolean; reason: string }) => ({ pass: f.pass, reason: f.reason });
  return {
    observation: { messages: trajectory.messages, tools },
    reward: verdict.passed ? 1 : 0,
    done: true,
    info: {
      turns: trajectory.turns,
      status: trajectory.status,
      passed: verdict.passed,
      reason: verdict.reason,
      filters: {
        validity: filter(verdict.validity),
        state: { ...filter(verdict.state), ...(verdict.state.diff ? { diff: verdict.state.diff.slice(0, 20) } : {}) },
        exact: filter(verdict.exact),
      },
    },
  };
}
