import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as resetRoute } from '../../app/api/gym/[versionId]/reset/route';
import { POST as stepRoute } from '../../app/api/gym/[versionId]/step/route';
import { addApiKey } from '../auth/api-keys';
import { tasks as tasksTable } from '../db/schema';
import type { TaskRow } from '../db/queries/tasks';
import type { ChatMessage, Noise, ToolSpec } from '../pipeline/rollout/model';
import { applicableNoise } from '../pipeline/rollout/noise';
import { runDemo } from '../stages/demo';
import { asTask } from '../stages/rollout';
import { offlinePolicies } from '../stages/rollout-policies';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { serveStudioToRoutes } from '../testing/route-studio';
import { addTestUser } from '../testing/users';
import { openEpisodes, type StepResult } from './gym';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai';
import { STOP } from '../pipeline/rollout/policies';
import { versionKit } from './play';

type Observation = { messages: ChatMessage[]; tools: ToolSpec[] };

describe('gym reset/step API', () => {
  let t: TestDatabase;
  let studio: Studio;
  let release: () => void;
  let tasks: TaskRow[];
  let key: string;

  let fake: FakeOpenAi;

  beforeAll(async () => {
    // An endpoint for the LLM user: it opens with a request, and ends when the agent answers.
    fake = await startFakeOpenAi({
      chat: (messages) => (messages.some((m) => m.role === 'assistant') ? `Thank you, that is all. ${STOP}` : 'Hello, I need help with my account.'),
    });
    t = await createTestDatabase('pglite', { STUDIO_LLM_BASE_URL: fake.url }, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    release = serveStudioToRoutes(studio).release;
    const demo = await runDemo(studio.database.db, studio.config, async () => {}, { tasksPerDomain: 4 });
    expect(demo.failures).toEqual([]);
    tasks = (await studio.database.db.select().from(tasksTable).orderBy(tasksTable.seq)) as TaskRow[];
    key = (await addApiKey(studio.database.db, { email: (await addTestUser(studio, 'reviewer')).email, name: 'trainer' })).key;
  }, 300_000);
  afterAll(async () => {
    release?.();
    await studio?.close();
    await t?.cleanup();
    await fake?.close();
  });

  const post = async (route: typeof resetRoute, versionId: string, action: string, body: unknown, bearer = key) => {
    const res = await route(
      new Request(`http://127.0.0.1:3000/api/gym/${versionId}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ versionId }) },
    );
    return { status: res.status, body: await res.json() };
  };

  /** One episode of `task` played by the studio's oracle agent as the trainer's policy, over the routes. */
  async function playEpisode(task: TaskRow, noise: Noise[] = []) {
    const kit = await versionKit(studio.database.db, task.environmentVersionId);
    const { agent } = offlinePolicies(asTask(task), kit.content, kit.descriptions, noise);
    const reset = await post(resetRoute, task.environmentVersionId, 'reset', { taskId: task.id });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const { episodeId } = reset.body as { episodeId: string };
    let observation = reset.body.observation as Observation;
    expect(observation.tools.map((x) => x.function.name).sort()).toEqual(kit.tools.map((x) => x.function.name).sort());
    expect(observation.messages.at(-1)!.role).toBe('user');
    for (let steps = 0; steps < 100; steps++) {
      const action = await agent.next({ messages: observation.messages, tools: observation.tools });
      const step = await post(stepRoute, task.environmentVersionId, 'step', { episodeId, action });
      expect(step.status, JSON.stringify(step.body)).toBe(200);
      const result = step.body as StepResult;
      if (result.done) return { ...result, episodeId, steps: steps + 1, noiseApplied: agent.noiseApplied?.() ?? [] };
      expect(result.reward).toBe(0);
      observation = result.observation;
      // A tool call is answered by tool messages, words by the user.
      expect(observation.messages.at(-1)!.role).toBe(action.tool_calls?.length ? 'tool' : 'user');
    }
    throw new Error('the episode did not end in 100 steps');
  }

  it("the oracle's gold calls through reset/step give reward 1; a stepped episode that ended is gone", { timeout: 120_000 }, async () => {
    for (const task of tasks.slice(0, 6)) {
      const result = await playEpisode(task);
      expect(result.reward, result.info.reason).toBe(1);
      expect(result.info).toMatchObject({ status: 'completed', passed: true, filters: { validity: { pass: true }, state: { pass: true } } });
      const again = await post(stepRoute, task.environmentVersionId, 'step', { episodeId: result.episodeId, action: { content: 'Hello?' } });
      expect(again.status).toBe(404);
    }
    expect(openEpisodes()).toBe(0);
  });

  it('a wrong write gives reward 0 with the state filter failing in info', { timeout: 120_000 }, async () => {
    const writes = [];
    for (const task of tasks) {
      const kit = await versionKit(studio.database.db, task.environmentVersionId);
      if (applicableNoise(asTask(task), kit.content, ['wrong_argument']).length) writes.push(task);
    }
    expect(writes.length).toBeGreaterThan(0);
    for (const task of writes.slice(0, 3)) {
      const result = await playEpisode(task, ['wrong_argument']);
      expect(result.noiseApplied).toEqual(['wrong_argument']);
      expect(result.reward).toBe(0);
      expect(result.info.passed).toBe(false);
      expect(result.info.filters!.state.pass).toBe(false);
      expect(result.info.reason).toMatch(/^state: /);
    }
  });

  it('64 concurrent episodes all complete, each on its own copy of the state', { timeout: 300_000 }, async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => playEpisode(tasks[i % tasks.length]!)));
    const seconds = (performance.now() - started) / 1000;
    const steps = results.reduce((n, r) => n + r.steps, 0);
    console.log(`gym: 64 concurrent episodes over ${tasks.length} tasks, ${steps} steps in ${seconds.toFixed(1)} s (${Math.round(steps / seconds)} steps/s)`);
    expect(results.filter((r) => r.reward === 1)).toHaveLength(64);
    expect(openEpisodes()).toBe(0);
  });

  it('refuses what it should, each as a sentence; a curator may have an LLM play the user', { timeout: 60_000 }, async () => {
    const task = tasks[0]!;
    const v = task.environmentVersionId;
    const bad = await post(resetRoute, v, 'reset', {}, 'es_wrong');
    expect(bad.status).toBe(401);
    const viewerKey = (await addApiKey(studio.database.db, { email: (await addTestUser(studio, 'viewer')).email })).key;
    const viewer = await post(resetRoute, v, 'reset', {}, viewerKey);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toBe('Your role (viewer) cannot run environments (MCP tool calls, gym episodes): that needs reviewer or above. Ask an admin.');

    // Without a task id, one of the version's tasks; another person cannot step it.
    const reset = await post(resetRoute, v, 'reset', {});
    expect(reset.status).toBe(200);
    expect(tasks.some((x) => x.id === reset.body.taskId && x.environmentVersionId === v)).toBe(true);
    const otherKey = (await addApiKey(studio.database.db, { email: (await addTestUser(studio, 'curator')).email })).key;
    const stolen = await post(stepRoute, v, 'step', { episodeId: reset.body.episodeId, action: { content: 'hi' } }, otherKey);
    expect(stolen.status).toBe(404);
    const empty = await post(stepRoute, v, 'step', { episodeId: reset.body.episodeId, action: { content: ' ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('Invalid request: action: an action needs content or tool_calls.');
    // An LLM user spends the studio's endpoint: a curator's choice; it speaks for the user.
    const llmUser = { taskId: task.id, user: { kind: 'llm', model: 'some-model' } };
    expect((await post(resetRoute, v, 'reset', llmUser)).status).toBe(403);
    const llm = await post(resetRoute, v, 'reset', llmUser, otherKey);
    expect(llm.status, JSON.stringify(llm.body)).toBe(200);
    expect(llm.body.observation.messages.at(-1)).toEqual({ role: 'user', content: 'Hello, I need help with my account.' });
    const ended = await post(stepRoute, v, 'step', { episodeId: llm.body.episodeId, action: { content: 'Done: anything else?' } }, otherKey);
    expect(ended.body).toMatchObject({ done: true, reward: 0, info: { status: 'completed', passed: false } });
    expect(ended.body.observation.messages.at(-1).content).toContain(STOP);
    const other = tasks.find((x) => x.environmentVersionId !== v);
    if (other) expect((await post(resetRoute, v, 'reset', { taskId: other.id })).body.error).toMatch(/belongs to another environment version/);
  });
});
