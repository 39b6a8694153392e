import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getRun, listRuns } from '../db/queries/runs';
import { getTasks } from '../db/queries/tasks';
import { listTrajectories } from '../db/queries/trajectories';
import { tasks, trajectories } from '../db/schema';
import { STOP } from '../pipeline/rollout/policies';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { startFakeOpenAi, type FakeChatMessage, type FakeChatReply, type FakeOpenAi } from '../testing/fake-openai';
import { retailEnvironments } from '../testing/retail-studio';
import { createRunFor, runRollouts } from './rollout';
import { runSample } from './sample';

const quiet = async () => {};

describe.each(TEST_DATABASE_KINDS)('sampling and rollouts on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  let fake: FakeOpenAi | undefined;
  afterEach(async () => {
    await studio?.close();
    await fake?.close();
    await t?.cleanup();
    studio = fake = t = undefined;
  });

  it('samples tasks once per walk, rolls them out offline, resumes a cancelled run without repeating a task', async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    await retailEnvironments(db, studio.config);

    const first = await runSample(
      db,
      studio.config,
      { all: true, settings: { n: 6, seed: 3, minCalls: 1, maxCalls: 4, rows: 20 }, intentWriter: 'template' },
      quiet,
    );
    expect(first.failures).toEqual([]);
    expect(first.tasks.length).toBe(first.domains.reduce((n, d) => n + d.stored, 0));
    expect(first.tasks.length).toBeGreaterThanOrEqual(6);
    // The same seed walks the same walks: nothing new is stored.
    const again = await runSample(
      db,
      studio.config,
      { all: true, settings: { n: 6, seed: 3, minCalls: 1, maxCalls: 4, rows: 20 }, intentWriter: 'template' },
      quiet,
    );
    expect(again.tasks).toEqual([]);
    expect(again.domains.every((d) => d.duplicates === d.sampled)).toBe(true);
    const [stored] = await db.select({ n: count() }).from(tasks);
    expect(Number(stored!.n)).toBe(first.tasks.length);

    // Cancel after two trajectories (the abort a job gets), then resume.
    const run = await createRunFor(db, studio.config, { settings: { concurrency: 1 } });
    expect(run.total).toBe(first.tasks.length);
    const abort = new AbortController();
    await expect(
      runRollouts(
        db,
        studio.config,
        run.id,
        async (_p, m) => {
          if (Number(/^(\d+) of/.exec(m)?.[1]) >= 2) abort.abort(new Error('cancelled by the test'));
        },
        abort.signal,
      ),
    ).rejects.toThrow(/cancelled by the test/);
    const partial = (await getRun(db, run.id))!.counts.done;
    expect(partial).toBeGreaterThanOrEqual(2);
    expect(partial).toBeLessThan(run.total);

    const resumed = await runRollouts(db, studio.config, run.id, quiet);
    expect(resumed.trajectories).toBe(run.total);
    const [n] = await db.select({ n: count() }).from(trajectories).where(eq(trajectories.runId, run.id));
    expect(Number(n!.n)).toBe(run.total);
    // The oracle without noise passes every filter on every task.
    expect(resumed.counts).toMatchObject({ done: run.total, passed: run.total, validity: run.total, state: run.total, exact: run.total, completed: run.total });

    // A noisy run: the malformed call is caught by validity and by nothing else.
    const noisy = await createRunFor(db, studio.config, { settings: { noise: ['malformed_call'], noiseRate: 1, concurrency: 4 } });
    const out = await runRollouts(db, studio.config, noisy.id, quiet);
    const page = await listTrajectories(db, { runId: noisy.id, limit: 500 });
    const applied = page.items.filter((i) => i.noiseApplied.includes('malformed_call')).length;
    expect(applied).toBe(noisy.total);
    expect(out.counts).toMatchObject({ done: noisy.total, validity: 0, state: noisy.total, exact: noisy.total, passed: 0 });

    // A noise seed picks the same noisy tasks in every run: an offline run repeats exactly.
    const noiseOf = async (runId: string) => {
      const items = (await listTrajectories(db, { runId, limit: 500 })).items;
      return Object.fromEntries(items.map((i) => [i.taskId, i.noiseApplied.join(',')]));
    };
    const seeded = { noise: ['malformed_call', 'extra_read'] as const, noiseRate: 0.5, noiseEach: 'one' as const, noiseSeed: 5 };
    const a = await createRunFor(db, studio.config, { settings: { ...seeded, noise: [...seeded.noise] } });
    const b = await createRunFor(db, studio.config, { settings: { ...seeded, noise: [...seeded.noise] } });
    await runRollouts(db, studio.config, a.id, quiet);
    await runRollouts(db, studio.config, b.id, quiet);
    const plan = await noiseOf(a.id);
    expect(Object.values(plan).some((n) => n !== '')).toBe(true);
    expect(Object.values(plan).some((n) => n === '')).toBe(true);
    expect(await noiseOf(b.id)).toEqual(plan);

    // The runs list pages newest first by a cursor, each run once.
    const seen: string[] = [];
    for (let cursor: string | null | undefined; ;) {
      const runsPage = await listRuns(db, { limit: 1, cursor });
      seen.push(...runsPage.items.map((r) => r.id));
      if (!runsPage.nextCursor) break;
      cursor = runsPage.nextCursor;
    }
    expect(seen).toEqual([b.id, a.id, noisy.id, run.id]);
    expect((await listRuns(db)).items.map((r) => r.counts.done)).toEqual([b.total, a.total, noisy.total, run.total]);
  });

  it('rolls out with an LLM user and agent over HTTP: a malformed call, a 429 then success, and a timeout', async () => {
    const goldByIntent = new Map<string, Array<{ name: string; arguments: Record<string, unknown> }>>();
    let malformedOnce = true;
    fake = await startFakeOpenAi({
      chat: (messages: FakeChatMessage[], body): string | FakeChatReply => {
        if (body.model === 'intent-model') {
          // The intent writer: a paragraph naming every value the prompt marks KNOWN.
          const prompt = messages.find((m) => m.role === 'user')?.content ?? '';
          const known = [...prompt.matchAll(/- \w+ = (.+) \(KNOWN\)$/gm)].map((m) => JSON.parse(m[1]!) as unknown);
          return `You want to sort this out with ${known.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') || 'nothing in particular'}.`;
        }
        if (body.model === 'user-model') {
          // The user states the intent, then ends the conversation once the agent has answered.
          // It sees the conversation flipped: its own earlier turns are the assistant's.
          const said = messages.filter((m) => m.role === 'assistant').length;
          const system = messages.find((m) => m.role === 'system')?.content ?? '';
          const intent = [...goldByIntent.keys()].find((k) => system.includes(k)) ?? 'Help me.';
          return said === 0 ? intent : `Thanks, that is all. ${STOP}`;
        }
        // The agent: the gold calls of the task the user asked for, one per answer, then a reply.
        const intent = messages.find((m) => m.role === 'user')?.content ?? '';
        const gold = goldByIntent.get(intent) ?? [];
        const done = messages.filter((m) => m.role === 'tool').length;
        if (malformedOnce && done === 0 && gold.length) {
          malformedOnce = false;
          return { tool_calls: [{ name: gold[0]!.name, arguments: '{"broken": ' }] };
        }
        const valid = messages.filter((m) => m.role === 'tool' && !m.content.startsWith('Error')).length;
        const next = gold[valid];
        return next ? { tool_calls: [{ name: next.name, arguments: JSON.stringify(next.arguments) }] } : { content: 'All done.' };
      },
    });
    t = await createTestDatabase(kind, { STUDIO_LLM_BASE_URL: fake.url, STUDIO_LLM_MODEL: 'intent-model' });
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    await retailEnvironments(db, studio.config);
    // Intents written by the configured model over HTTP.
    const written = await runSample(
      db,
      studio.config,
      { all: true, settings: { n: 2, seed: 9, minCalls: 1, maxCalls: 3, rows: 20 }, intentWriter: 'llm' },
      quiet,
    );
    expect(written.failures).toEqual([]);
    expect(written.tasks.length).toBeGreaterThan(0);
    for (const w of written.tasks) expect(w.intent).toMatch(/^You want to sort this out with /);
    const writtenRows = await getTasks(
      db,
      written.tasks.map((w) => w.id),
    );
    expect(writtenRows.every((r) => r.intentWriter === 'llm')).toBe(true);

    const sampled = await runSample(
      db,
      studio.config,
      { all: true, settings: { n: 3, seed: 5, minCalls: 1, maxCalls: 3, rows: 20 }, intentWriter: 'template' },
      quiet,
    );
    const picked = (
      await getTasks(
        db,
        sampled.tasks.slice(0, 3).map((s) => s.id),
      )
    ).sort((a, b) => a.seq - b.seq);
    expect(picked).toHaveLength(3);
    for (const task of picked)
      goldByIntent.set(
        task.intent,
        task.calls.map((c) => ({ name: c.name, arguments: c.arguments })),
      );

    // The user model is asked first; its first request gets a 429 and the client retries.
    const earlier = fake.requests.length;
    fake.fail(429, { times: 1, message: 'slow down' });
    const llm = (model: string) => ({ kind: 'llm' as const, model, temperature: 0, timeoutMs: 10_000, maxRetries: 2 });
    const run = await createRunFor(db, studio.config, {
      taskIds: picked.map((p) => p.id),
      settings: { user: llm('user-model'), agent: llm('agent-model'), concurrency: 1 },
    });
    const out = await runRollouts(db, studio.config, run.id, quiet);
    const chats = fake.requests.slice(earlier).filter((r) => r.path === '/v1/chat/completions');
    expect(chats.length).toBeGreaterThan(picked.length * 2);
    // The 429 was answered by sending the same request again.
    expect((chats[0]!.body as { model: string }).model).toBe('user-model');
    expect(chats[1]!.body).toEqual(chats[0]!.body);
    const rows = (await listTrajectories(db, { runId: run.id, limit: 10 })).items;
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    // The first rollout's malformed call fails validity only; the state is still reached.
    const byTask = new Map(rows.map((r) => [r.taskId, r]));
    const firstTask = byTask.get(picked[0]!.id)!;
    expect(firstTask).toMatchObject({ validity: false, stateAligned: true, passed: false });
    for (const p of picked.slice(1)) expect(byTask.get(p.id)).toMatchObject({ validity: true, stateAligned: true, exact: true, passed: true });
    expect(out.counts).toMatchObject({ done: 3, completed: 3, passed: 2 });
    // The agent saw the domain's tools in OpenAI format.
    const agentRequest = fake.requests.find((r) => (r.body as { model?: string }).model === 'agent-model')!.body as {
      tools: Array<{ type: string; function: { name: string } }>;
    };
    expect(agentRequest.tools.length).toBeGreaterThan(0);
    expect(agentRequest.tools.every((x) => x.type === 'function' && typeof x.function.name === 'string')).toBe(true);

    // An endpoint that never answers: the rollout fails with a clear message, and the run goes on.
    fake.stall(10);
    const slow = await createRunFor(db, studio.config, {
      taskIds: [picked[1]!.id],
      settings: { user: { ...llm('user-model'), timeoutMs: 300, maxRetries: 1 }, agent: llm('agent-model') },
    });
    const failed = await runRollouts(db, studio.config, slow.id, quiet);
    expect(failed.counts).toMatchObject({ done: 1, failed: 1, passed: 0 });
    const [row] = (await listTrajectories(db, { runId: slow.id })).items;
    expect(row!.status).toBe('failed');
    expect(row!.error).toMatch(/did not answer within 0\.3 s/);
  });

  it('cuts a 50 MB agent reply over HTTP at the per-message limit, marks it and tags the trajectory', async () => {
    const huge = 'w'.repeat(50 * 1024 * 1024);
    fake = await startFakeOpenAi({
      chat: (messages, body) => {
        if (body.model === 'user-model') return messages.some((m) => m.role === 'assistant') ? `Thanks. ${STOP}` : 'Where is my parcel?';
        return huge;
      },
    });
    t = await createTestDatabase(kind, { STUDIO_LLM_BASE_URL: fake.url });
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    await retailEnvironments(db, studio.config);
    const sampled = await runSample(
      db,
      studio.config,
      { all: true, settings: { n: 1, seed: 5, minCalls: 1, maxCalls: 2, rows: 20 }, intentWriter: 'template' },
      quiet,
    );
    const llm = (model: string) => ({ kind: 'llm' as const, model, temperature: 0, timeoutMs: 60_000, maxRetries: 0 });
    const run = await createRunFor(db, studio.config, { taskIds: [sampled.tasks[0]!.id], settings: { user: llm('user-model'), agent: llm('agent-model') } });
    await runRollouts(db, studio.config, run.id, quiet);
    const [row] = (await listTrajectories(db, { runId: run.id })).items;
    expect(row!.tags).toContain('truncated');
    const [stored] = await db.select({ messages: trajectories.messages }).from(trajectories).where(eq(trajectories.runId, run.id));
    const reply = stored!.messages.find((m) => m.role === 'assistant')!;
    expect(reply.content).toMatch(/^w{65536}… \[truncated: reply was 52,4\d\d,\d{3} bytes, limit 65,536\]$/);
    expect(JSON.stringify(stored!.messages).length).toBeLessThan(200_000);
  });
});
