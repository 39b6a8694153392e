import { invalid } from '../kernel/errors';
import { createHash } from 'node:crypto';
import { withoutCredentials, type StudioConfig } from '../config';
import { refusedBaseUrl } from '../llm/allowed-endpoints';
import { createChat } from '../llm/chat';
import { replyBudget } from '../llm/reply-limits';
import type { EnvironmentContent } from '../pipeline/environment/model';
import { createLlmAgent } from '../pipeline/rollout/llm-agent';
import { createLlmUser } from '../pipeline/rollout/llm-user';
import type { Noise, PolicySpec } from '../pipeline/rollout/model';
import { applicableNoise } from '../pipeline/rollout/noise';
import { createOracleAgent } from '../pipeline/rollout/oracle-agent';
import type { AgentPolicy, UserPolicy } from '../pipeline/rollout/policies';
import { createScriptedUser } from '../pipeline/rollout/scripted-user';
import type { RunSettings } from '../pipeline/rollout/settings';
import { userSteps } from '../pipeline/tasks/intent';
import type { Task } from '../pipeline/tasks/model';

/**
 * Turns a run's settings into the two policies of each rollout: the offline scripted user and
 * oracle agent, or LLM endpoints. Endpoint clients are made once per run (they hold connections).
 */
export function policiesFor(config: StudioConfig, settings: RunSettings, runId: string) {
  const llmFor = (spec: Extract<PolicySpec, { kind: 'llm' }>) => {
    const { chat } = createChat(config.llm, spec);
    // Recorded with every trajectory and shown in the browser: never a password or key.
    const baseUrl = spec.baseUrl ?? config.llm.baseUrl;
    return { chat, spec: { model: spec.model, baseUrl: baseUrl && withoutCredentials(baseUrl), temperature: spec.temperature } };
  };
  const userLlm = settings.user.kind === 'llm' ? llmFor(settings.user) : null;
  const agentLlm = settings.agent.kind === 'llm' ? llmFor(settings.agent) : null;

  /** `truncated`: how many LLM replies of this rollout were cut at a limit so far. */
  return (
    task: Task,
    content: EnvironmentContent,
    domain: string,
    descriptions: Record<string, string>,
  ): { user: UserPolicy; agent: AgentPolicy; truncated: () => number } => {
    const offline = offlinePolicies(task, content, descriptions, noiseFor(task, content, runId, settings));
    // One budget for both roles: together they make the trajectory's record and its prompts.
    const budget = replyBudget(config.llm.limits);
    return {
      user: userLlm ? createLlmUser(budget.wrap(userLlm.chat), userLlm.spec, { calls: task.calls, descriptions, state: task.initialState }) : offline.user,
      agent: agentLlm ? createLlmAgent(budget.wrap(agentLlm.chat), agentLlm.spec, { domain }) : offline.agent,
      truncated: budget.truncated,
    };
  };
}

/** The offline pair: the scripted user and the oracle, which agree on which gold calls answer each of the user's steps. */
export function offlinePolicies(task: Task, content: EnvironmentContent, descriptions: Record<string, string>, noise: Noise[]) {
  const steps = userSteps(task.calls, { descriptions, state: task.initialState });
  return { user: createScriptedUser(steps), agent: createOracleAgent({ task, content, noise, callsPerStep: steps.map((s) => s.calls) }) };
}

/**
 * The noise this task gets: a fixed share of tasks (the same ones on a resume, and in every run
 * with the same noise seed) get one switch each, drawn by the same hash among those the task has
 * a place for (a read-only task cannot get a wrong write), or every switch.
 */
export function noiseFor(
  task: Task,
  content: EnvironmentContent,
  runId: string,
  settings: Pick<RunSettings, 'noise' | 'noiseRate' | 'noiseEach' | 'noiseSeed'>,
) {
  const salt = settings.noiseSeed === undefined ? runId : `seed ${settings.noiseSeed}`;
  const hash = createHash('sha256').update(`${salt}:${task.fingerprint}`).digest();
  const noisy = settings.noiseRate >= 1 || hash.readUInt32BE(0) / 2 ** 32 < settings.noiseRate;
  if (!noisy || settings.noise.length === 0) return [];
  if (settings.noiseEach === 'all') return settings.noise;
  const fits = applicableNoise(task, content, settings.noise);
  return fits.length ? [fits[hash.readUInt32BE(4) % fits.length]!] : [];
}

/** Refuses, before anything is stored, a run whose LLM role has no endpoint to talk to, or one the configuration does not allow. */
export function checkEndpoints(config: StudioConfig, settings: Pick<RunSettings, 'user' | 'agent'>): void {
  for (const [role, spec] of [
    ['user', settings.user],
    ['agent', settings.agent],
  ] as const) {
    if (spec.kind === 'llm' && spec.baseUrl) {
      const refused = refusedBaseUrl(config.llm, spec.baseUrl, `the ${role} model "${spec.model}"`);
      if (refused) throw invalid(refused);
    }
    if (spec.kind === 'llm' && !spec.baseUrl && !config.llm.baseUrl) {
      throw invalid(
        `the ${role} model "${spec.model}" needs an endpoint: set STUDIO_LLM_BASE_URL or give the ${role} a base URL (offline: use the built-in ${role === 'user' ? 'scripted user' : 'oracle agent'})`,
      );
    }
  }
}
