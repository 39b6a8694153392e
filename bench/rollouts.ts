import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChat } from '../server/llm/chat';
import { generateHeuristic } from '../server/pipeline/environment/heuristic';
import type { EnvironmentContent } from '../server/pipeline/environment/model';
import { buildGraph } from '../server/pipeline/graph/build';
import { graphParams } from '../server/pipeline/graph/model';
import { createLlmAgent } from '../server/pipeline/rollout/llm-agent';
import { createLlmUser } from '../server/pipeline/rollout/llm-user';
import { runRollout } from '../server/pipeline/rollout/loop';
import type { ToolSpec } from '../server/pipeline/rollout/model';
import { createOracleAgent } from '../server/pipeline/rollout/oracle-agent';
import type { AgentPolicy, UserPolicy } from '../server/pipeline/rollout/policies';
import { createScriptedUser } from '../server/pipeline/rollout/scripted-user';
import { toolSpecs } from '../server/pipeline/rollout/tool-specs';
import { Sandbox } from '../server/pipeline/sandbox/sandbox';
import { userSteps } from '../server/pipeline/tasks/intent';
import { sampleSettings, type Task } from '../server/pipeline/tasks/model';
import { sampleTasks } from '../server/pipeline/tasks/walk';
import { importDocuments } from '../server/pipeline/tools/import';
import { verifyTrajectory } from '../server/pipeline/verify/verify';
import { sharedData } from '../server/testing/shared-data';
import type { BenchResult } from './report';

/**
 * Issue 6: offline rollouts per second (scripted user, oracle agent, 5-call tasks on τ-bench
 * retail, each verified; target ≥ 200/s on 2 cores), and the orchestration overhead per turn at 64
 * concurrent LLM rollouts against a loopback server answering after a fixed latency (target < 5 ms):
 * a rollout's wall time minus its requests × the latency, per request. The server runs in a process
 * of its own (loopback-server.ts), as an endpoint would; the sandbox calls count as overhead.
 */
const OFFLINE_ROLLOUTS = 3000;
const OFFLINE_LANES = 16;
const LLM_CONCURRENCY = 64;
const LLM_ROLLOUTS = 192;
/** A chat turn of a hosted model takes about this or more. */
const LATENCY_MS = 1000;
const FAST_LATENCY_MS = 250;

export async function retailTasks(sandbox: Sandbox) {
  const file = sharedData('taubench', 'retail', 'tools.json');
  const tools = importDocuments([{ file, bytes: fs.readFileSync(file) }]).tools.map((t, i) => ({
    id: `retail-${i}`,
    name: t.name,
    description: t.description,
    op: t.op,
    parameters: t.parameters,
    returns: t.returns,
  }));
  const content = generateHeuristic(tools);
  const { edges } = buildGraph(tools, graphParams.parse({}));
  const { tasks } = await sampleTasks({ content, edges }, sandbox, sampleSettings.parse({ n: 50, seed: 1, minCalls: 5, maxCalls: 5 }));
  return { content, tasks, specs: toolSpecs(content) };
}

async function pool<T>(items: T[], lanes: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function offline(sandbox: Sandbox, content: EnvironmentContent, tasks: Task[], specs: ToolSpec[]) {
  const jobs = Array.from({ length: OFFLINE_ROLLOUTS }, (_, i) => tasks[i % tasks.length]!);
  let passed = 0;
  const t0 = performance.now();
  await pool(jobs, OFFLINE_LANES, async (task) => {
    const steps = userSteps(task.calls, { state: task.initialState });
    const trajectory = await runRollout({
      task,
      content,
      tools: specs,
      user: createScriptedUser(steps),
      agent: createOracleAgent({ task, content, callsPerStep: steps.map((s) => s.calls) }),
      sandbox,
    });
    if (verifyTrajectory(trajectory, task, specs).passed) passed++;
  });
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: OFFLINE_ROLLOUTS / seconds, passed };
}

/** Starts bench/loopback-server.ts in its own process; resolves with its URL and a way to stop it. */
async function startLoopback(tasks: Task[], latencyMs: number): Promise<{ url: string; stop(): void }> {
  const file = path.join(os.tmpdir(), `rollout-bench-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(tasks.map((t) => ({ intent: t.intent, calls: t.calls.map((c) => ({ name: c.name, arguments: c.arguments })) }))));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'loopback-server.ts'), file, String(latencyMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`the loopback server exited with ${code}`)));
  });
  return {
    url: (JSON.parse(line) as { url: string }).url,
    stop: () => {
      child.stdin.end();
      fs.rmSync(file, { force: true });
    },
  };
}

export async function overLoopback(
  sandbox: Sandbox,
  content: EnvironmentContent,
  tasks: Task[],
  specs: ToolSpec[],
  { concurrency, rollouts, latencyMs }: { concurrency: number; rollouts: number; latencyMs: number },
) {
  const server = await startLoopback(tasks, latencyMs);
  try {
    const config = { baseUrl: server.url, model: 'unused' };
    const role = (model: string) => ({ model, temperature: 0, timeoutMs: 30_000, maxRetries: 0 });
    const user = createChat(config, role('user')).chat;
    const agent = createChat(config, role('agent')).chat;
    const jobs = Array.from({ length: rollouts }, (_, i) => tasks[i % tasks.length]!);
    let requests = 0;
    let overheadMs = 0;
    let completed = 0;
    let lane = 0;
    await pool(jobs, concurrency, async (task) => {
      // Rollouts start spread over one latency, as a running job's do, not all in the same instant.
      if (lane < concurrency) await new Promise((r) => setTimeout(r, (lane++ * latencyMs) / concurrency));
      const started = performance.now();
      const u: UserPolicy = createLlmUser(user, { model: 'user', temperature: 0 });
      const a: AgentPolicy = createLlmAgent(agent, { model: 'agent', temperature: 0 });
      const trajectory = await runRollout({ task, content, tools: specs, user: u, agent: a, sandbox });
      if (trajectory.status === 'completed') completed++;
      // Each user and assistant message was one request to the endpoint.
      const own = trajectory.messages.filter((m) => m.role === 'assistant' || m.role === 'user').length;
      requests += own;
      overheadMs += performance.now() - started - own * latencyMs;
    });
    return { perTurnMs: overheadMs / requests, requests, completed };
  } finally {
    server.stop();
  }
}

export async function benchRollouts(): Promise<BenchResult[]> {
  const sandbox = new Sandbox();
  try {
    const { content, tasks, specs } = await retailTasks(sandbox);
    const five = tasks.filter((t) => t.calls.length === 5);
    const off = await offline(sandbox, content, five, specs);
    // One rollout at a time: what a turn costs with nothing waiting on anything else.
    const alone = await overLoopback(sandbox, content, five, specs, { concurrency: 1, rollouts: 16, latencyMs: 20 });
    const busy = await overLoopback(sandbox, content, five, specs, { concurrency: LLM_CONCURRENCY, rollouts: LLM_ROLLOUTS, latencyMs: LATENCY_MS });
    // A fast endpoint: 64 rollouts then ask for about 250 turns a second, which saturates two cores.
    const fast = await overLoopback(sandbox, content, five, specs, { concurrency: LLM_CONCURRENCY, rollouts: LLM_ROLLOUTS, latencyMs: FAST_LATENCY_MS });
    return [
      { name: `5-call tasks sampled on τ-bench retail`, value: five.length, unit: 'tasks' },
      {
        name: '  state size (seeded by the heuristic generator)',
        value: Number((Buffer.byteLength(JSON.stringify(five[0]?.initialState ?? {})) / 1024).toFixed(1)),
        unit: 'KB',
      },
      { name: `offline rollouts (${OFFLINE_ROLLOUTS}, ${OFFLINE_LANES} at a time, verified)`, value: Math.round(off.perSecond), unit: 'rollouts/s' },
      { name: 'offline rollouts passing all filters', value: off.passed, unit: `of ${OFFLINE_ROLLOUTS}` },
      { name: 'LLM rollouts over loopback, one at a time (20 ms latency)', value: alone.completed, unit: 'completed of 16' },
      { name: '  orchestration overhead per turn', value: Number(alone.perTurnMs.toFixed(2)), unit: 'ms' },
      {
        name: `LLM rollouts over loopback, ${LLM_CONCURRENCY} at a time (${LATENCY_MS} ms latency)`,
        value: busy.completed,
        unit: `completed of ${LLM_ROLLOUTS}`,
      },
      { name: '  requests (user and agent turns)', value: busy.requests, unit: 'requests' },
      { name: '  orchestration overhead per turn', value: Number(busy.perTurnMs.toFixed(2)), unit: 'ms' },
      {
        name: `LLM rollouts over loopback, ${LLM_CONCURRENCY} at a time (${FAST_LATENCY_MS} ms latency)`,
        value: fast.completed,
        unit: `completed of ${LLM_ROLLOUTS}`,
      },
      { name: '  orchestration overhead per turn', value: Number(fast.perTurnMs.toFixed(2)), unit: 'ms' },
    ];
  } finally {
    await sandbox.close();
  }
}
