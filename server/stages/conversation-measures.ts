import { noiseFor, offlinePolicies } from './rollout-policies';
import type { DataFile } from '../pipeline/environment/grounded/data-file';
import { generateGrounded } from '../pipeline/environment/grounded/generate';
import { generateHeuristic } from '../pipeline/environment/heuristic';
import type { EnvironmentContent } from '../pipeline/environment/model';
import { validateEnvironment, type SandboxLike } from '../pipeline/environment/validate';
import { buildGraph } from '../pipeline/graph/build';
import { graphParams, type GraphTool } from '../pipeline/graph/model';
import { runRollout } from '../pipeline/rollout/loop';
import { NOISES, type Trajectory } from '../pipeline/rollout/model';
import { rawJsonShare, type RawJsonMeasure } from '../pipeline/rollout/reply-measure';
import { runSettings, type RunSettings } from '../pipeline/rollout/settings';
import { toolSpecs } from '../pipeline/rollout/tool-specs';
import { chainShare, type ChainShare } from '../pipeline/tasks/chain-measure';
import { intentProblems, sayProblems } from '../pipeline/tasks/intent-measure';
import { sampleSettings, type Task, type WalkEdge } from '../pipeline/tasks/model';
import { sampleTasks } from '../pipeline/tasks/walk';

/**
 * The three measures of what the studio teaches, taken the way a run takes them: tasks sampled
 * from each domain of a collection (or the whole collection grounded in its data), their template
 * intents, and offline rollouts with the scripted user and the oracle, every noise switch on at the
 * default rate (one switch per noisy trajectory), so masked mistakes are part of what is measured.
 * - chained: multi-step tasks whose every later call shares a value with an earlier call;
 * - intents with a tool name, a parameter name, a Latin placeholder or a value the user can't know;
 * - trained assistant replies that contain raw JSON.
 * Shared by the test that holds the targets and by `npm run bench`, so both print the same figures.
 */

export type MeasuredCollection = {
  name: string;
  tools: GraphTool[];
  /** The user's database: the collection is kept whole and grounded in it, as `envgen --data` does. */
  data?: DataFile;
  /** Tasks sampled per domain. */
  perDomain: number;
  /** Domains sampled at most (those whose environment validates), in the graph's order. */
  maxDomains?: number;
};

export type ConversationMeasure = {
  name: string;
  domains: number;
  tasks: number;
  chain: ChainShare;
  intents: { count: number; withProblems: number; examples: string[] };
  replies: RawJsonMeasure;
  noisy: number;
  /** Trajectories with more than one noise switch (the default is one each). */
  multiNoise: number;
  masked: number;
  /** Rollouts that ended as completed conversations. */
  completed: number;
  /** A few intents as the user would read them, for notes and eyes. */
  sampleIntents: string[];
};

type Domain = { name: string; content: EnvironmentContent; edges: WalkEdge[]; descriptions: Record<string, string>; data?: DataFile };

const SEED = 1;

async function domainsOf(c: MeasuredCollection, sandbox: SandboxLike): Promise<Domain[]> {
  const graph = buildGraph(c.tools, graphParams.parse({}));
  const describe = (tools: GraphTool[]) => Object.fromEntries(tools.map((t) => [t.id, t.description]));
  if (c.data) {
    const { content } = generateGrounded(c.tools, c.data, 'data.json');
    return [{ name: c.name, content, edges: graph.edges, descriptions: describe(c.tools), data: c.data }];
  }
  const byId = new Map(c.tools.map((t) => [t.id, t]));
  const out: Domain[] = [];
  for (const d of graph.domains) {
    if (c.maxDomains !== undefined && out.length >= c.maxDomains) break;
    const tools = d.toolIds.map((id) => byId.get(id)!);
    const content = generateHeuristic(tools);
    if (!(await validateEnvironment(content, sandbox, { seed: SEED })).ok) continue;
    const inDomain = new Set(d.toolIds);
    out.push({ name: d.name, content, edges: graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target)), descriptions: describe(tools) });
  }
  return out;
}

export async function measureConversations(c: MeasuredCollection, sandbox: SandboxLike, settings: Partial<RunSettings> = {}): Promise<ConversationMeasure> {
  const run = runSettings.parse({ noise: [...NOISES], noiseSeed: SEED, ...settings });
  const domains = await domainsOf(c, sandbox);
  const tasks: Task[] = [];
  const trajectories: Trajectory[] = [];
  for (const d of domains) {
    const sampled = await sampleTasks(
      { content: d.content, edges: d.edges, descriptions: d.descriptions, initialState: d.data?.state },
      sandbox,
      sampleSettings.parse({ n: c.perDomain, seed: SEED }),
    );
    const specs = toolSpecs(d.content, d.descriptions);
    for (const task of sampled.tasks) {
      tasks.push(task);
      const { user, agent } = offlinePolicies(task, d.content, d.descriptions, noiseFor(task, d.content, 'measure', run));
      trajectories.push(await runRollout({ task, content: d.content, tools: specs, user, agent, sandbox, domain: d.name }));
    }
  }
  const problems = tasks.map((t) => ({ intent: t.intent, problems: intentProblems(t.intent, t.calls) })).filter((p) => p.problems.length > 0);
  return {
    name: c.name,
    domains: domains.length,
    tasks: tasks.length,
    chain: chainShare(tasks),
    intents: { count: tasks.length, withProblems: problems.length, examples: problems.slice(0, 3).map((p) => `${p.intent} (${sayProblems(p.problems)})`) },
    replies: rawJsonShare(trajectories),
    noisy: trajectories.filter((t) => t.noiseApplied.length > 0).length,
    multiNoise: trajectories.filter((t) => t.noiseApplied.length > 1).length,
    masked: trajectories.reduce((n, t) => n + t.masked.length, 0),
    completed: trajectories.filter((t) => t.status === 'completed').length,
    sampleIntents: spread(tasks, 10).map((t) => t.intent),
  };
}

/** Totals over collections: counts add, shares are recomputed from them. */
export function totalMeasure(parts: ConversationMeasure[]): Omit<ConversationMeasure, 'name' | 'sampleIntents'> {
  const sum = (f: (m: ConversationMeasure) => number) => parts.reduce((n, m) => n + f(m), 0);
  const multiStep = sum((m) => m.chain.multiStep);
  const chained = sum((m) => m.chain.chained);
  const replies = sum((m) => m.replies.replies);
  const withJson = sum((m) => m.replies.withJson);
  return {
    domains: sum((m) => m.domains),
    tasks: sum((m) => m.tasks),
    chain: { multiStep, chained, share: multiStep ? chained / multiStep : 1 },
    intents: {
      count: sum((m) => m.intents.count),
      withProblems: sum((m) => m.intents.withProblems),
      examples: parts.flatMap((m) => m.intents.examples).slice(0, 3),
    },
    replies: { replies, withJson, share: replies ? withJson / replies : 0, examples: parts.flatMap((m) => m.replies.examples).slice(0, 3) },
    noisy: sum((m) => m.noisy),
    multiNoise: sum((m) => m.multiNoise),
    masked: sum((m) => m.masked),
    completed: sum((m) => m.completed),
  };
}

/** `n` items spread over the list, so samples are not all from its first domain. */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]!);
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** One line per measure, as the test and the bench print it. */
export function sayMeasure(name: string, m: Omit<ConversationMeasure, 'name' | 'sampleIntents'>): string {
  return (
    `${name}: ${m.tasks} tasks over ${m.domains} domain${m.domains === 1 ? '' : 's'}; chained ${m.chain.chained}/${m.chain.multiStep} multi-step (${pct(m.chain.share)}); ` +
    `intents with problems ${m.intents.withProblems}/${m.intents.count}; trained replies with raw JSON ${m.replies.withJson}/${m.replies.replies} (${pct(m.replies.share)}); ` +
    `${m.noisy} noisy, ${m.masked} masked turns`
  );
}
