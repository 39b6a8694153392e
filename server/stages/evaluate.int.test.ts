import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getTasks } from '../db/queries/tasks';
import { trialOutcomes } from '../db/queries/evaluations';
import { evaluationTrials, tasks, trajectories } from '../db/schema';
import { exportSelection } from '../pipeline/export/manifest';
import { STOP } from '../pipeline/rollout/policies';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { startFakeOpenAi, type FakeChatMessage, type FakeOpenAi } from '../testing/fake-openai';
import { retailTasks } from '../testing/retail-studio';
import { studioPerTest } from '../testing/test-studio';
import { runDemo } from './demo';
import { createEvaluationFor, evaluationReport, holdOutTasks, runEvaluation } from './evaluate';
import { writeExport } from './export';

const quiet = async () => {};

/** C(n, k) from factorials, the textbook way (the estimator under test multiplies ratios instead). */
const choose = (n: number, k: number) => {
  const f = (m: number): number => (m <= 1 ? 1 : m * f(m - 1));
  return k > n ? 0 : f(n) / (f(k) * f(n - k));
};

describe.each(TEST_DATABASE_KINDS)('evaluation runs on %s', (kind) => {
  const openStudioForTest = studioPerTest(kind);

  it('measures the noisy offline oracle by pass^k on the demo, keeps held-out tasks out of exports', { timeout: 300_000 }, async () => {
    const { studio, db } = await openStudioForTest();
    const demo = await runDemo(db, studio.config, quiet, { tasksPerDomain: 6 });
    expect(demo.failures).toEqual([]);

    // Every task: k = 4 trials each, 30% of trials get a wrong argument.
    const k = 4;
    const created = await createEvaluationFor(db, studio.config, {
      settings: { k, noise: ['wrong_argument'], noiseRate: 0.3, noiseSeed: 11 },
      scope: { split: 'all' },
    });
    const report = await runEvaluation(db, studio.config, created.id, quiet);
    console.log(
      `evaluation on ${kind}: ${report.tasks} tasks, ${report.trials} trials, pass^k ${JSON.stringify(report.passk)}; ` +
        Object.values(report.domains)
          .map((d) => `${d.name} ${JSON.stringify(d.passk)}`)
          .join('; '),
    );
    expect(report).toMatchObject({ finished: true, tasks: demo.tasks, trials: demo.tasks * k, k, split: 'all' });

    // The estimator against the stored trial outcomes, worked out here by C(c,k)/C(n,k) from factorials.
    const outcomes = await trialOutcomes(db, created.id);
    expect(outcomes).toHaveLength(demo.tasks * k);
    const byTask = new Map<string, { domain: string; n: number; c: number }>();
    for (const o of outcomes) {
      const t = byTask.get(o.taskId) ?? { domain: o.domainId!, n: 0, c: 0 };
      t.n++;
      if (o.passed) t.c++;
      byTask.set(o.taskId, t);
    }
    const expected = (rows: Array<{ n: number; c: number }>, j: number) => rows.reduce((s, t) => s + choose(t.c, j) / choose(t.n, j), 0) / rows.length;
    for (let j = 1; j <= k; j++) {
      expect(report.passk[String(j)]).toBeCloseTo(expected([...byTask.values()], j), 12);
      const [low, high] = report.ci[String(j)]!;
      expect(low).toBeLessThanOrEqual(report.passk[String(j)]!);
      expect(high).toBeGreaterThanOrEqual(report.passk[String(j)]!);
      for (const [id, d] of Object.entries(report.domains)) {
        expect(d.passk[String(j)], d.name).toBeCloseTo(
          expected(
            [...byTask.values()].filter((t) => t.domain === id),
            j,
          ),
          12,
        );
      }
    }

    // About 30% of trials carry the mistake; tasks without a write to get wrong always pass, so pass^1 sits a little above 0.7.
    expect(report.passk['1']).toBeGreaterThan(0.6);
    expect(report.passk['1']).toBeLessThan(0.9);
    // pass^k never rises with k, overall and in every domain; and it does fall: the trials of a task are not all alike.
    const curves = [report.passk, ...Object.values(report.domains).map((d) => d.passk)];
    for (const curve of curves) for (let j = 2; j <= k; j++) expect(curve[String(j)]!).toBeLessThanOrEqual(curve[String(j - 1)]! + 1e-12);
    expect(report.passk[String(k)]).toBeLessThan(report.passk['1']! - 0.1);
    expect([...byTask.values()].some((t) => t.c > 0 && t.c < t.n)).toBe(true);
    expect(Object.keys(report.domains)).toHaveLength(demo.domains.length);

    // A trial passes iff its verdict does: a wrong argument fails state alignment, every other trial passes.
    const trials = await db.select().from(evaluationTrials).where(eq(evaluationTrials.evaluationId, created.id));
    for (const t of trials) {
      if (t.noiseApplied.includes('wrong_argument')) expect({ passed: t.passed, failure: t.failure }).toEqual({ passed: false, failure: 'state' });
      else expect({ passed: t.passed, reason: t.reason }).toEqual({ passed: true, reason: 'passed' });
    }
    expect(report.failures.byFilter).toEqual([{ name: 'state', trials: trials.filter((t) => !t.passed).length }]);
    // The same noise seed repeats the evaluation exactly.
    const again = await createEvaluationFor(db, studio.config, {
      settings: { k, noise: ['wrong_argument'], noiseRate: 0.3, noiseSeed: 11 },
      scope: { split: 'all' },
    });
    expect((await runEvaluation(db, studio.config, again.id, quiet)).passk).toEqual(report.passk);

    // Hold out a third of each domain's tasks: the same seed gives the same split.
    const split = await holdOutTasks(db, { fraction: 1 / 3, seed: 5 });
    expect(split.heldout).toBe(demo.domains.length * 2);
    expect(split.domains.every((d) => d.heldout === 2 && d.tasks === 6)).toBe(true);
    expect((await holdOutTasks(db, { fraction: 1 / 3, seed: 5 })).changed).toBe(0);

    // An evaluation that names no split takes the held-out tasks now.
    const heldOut = await createEvaluationFor(db, studio.config, { settings: { k: 2 } });
    expect(heldOut.split).toBe('heldout');
    const heldOutReport = await runEvaluation(db, studio.config, heldOut.id, quiet);
    expect(heldOutReport).toMatchObject({ tasks: split.heldout, trials: split.heldout * 2, passk: { '1': 1, '2': 1 } });
    expect((await evaluationReport(db, heldOut.id)).passk).toEqual(heldOutReport.passk);

    // Export takes no held-out task's trajectory, and its manifest counts those it left out.
    const passedOf = async (split: 'train' | 'heldout') =>
      (
        await db
          .select({ id: trajectories.id })
          .from(trajectories)
          .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
          .where(and(eq(trajectories.passed, true), eq(tasks.split, split)))
      ).length;
    let written = '';
    const manifest = await writeExport(db, exportSelection.parse({ format: 'openai', source: 'accepted_or_passed' }), async (text) => {
      written += text;
    });
    expect(await passedOf('heldout')).toBeGreaterThan(0);
    expect(manifest.heldOut).toMatchObject({ excluded: true, trajectories: await passedOf('heldout') });
    expect(manifest.records).toBe(await passedOf('train'));
    expect(written.trim().split('\n')).toHaveLength(manifest.records);
  });

  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  let fake: FakeOpenAi | undefined;
  afterEach(async () => {
    await studio?.close();
    await fake?.close();
    await t?.cleanup();
    studio = fake = t = undefined;
  });

  it('evaluates a model over HTTP: each trial is its own conversation, and pass^k follows the trials', { timeout: 120_000 }, async () => {
    // The user model states the intent and ends once answered; the agent model makes the gold calls
    // in every other conversation and none in the rest. Run one at a time, trial 0 of each task passes and trial 1 fails.
    const goldByIntent = new Map<string, Array<{ name: string; arguments: Record<string, unknown> }>>();
    let conversations = 0;
    fake = await startFakeOpenAi({
      chat: (messages: FakeChatMessage[], body) => {
        if (body.model === 'user-model') {
          const system = messages.find((m) => m.role === 'system')?.content ?? '';
          const intent = [...goldByIntent.keys()].find((k) => system.includes(k)) ?? 'Help me.';
          return messages.some((m) => m.role === 'assistant') ? `Thanks, that is all. ${STOP}` : intent;
        }
        if (!messages.some((m) => m.role === 'assistant')) conversations++;
        const gold = conversations % 2 === 1 ? (goldByIntent.get(messages.find((m) => m.role === 'user')?.content ?? '') ?? []) : [];
        const next = gold[messages.filter((m) => m.role === 'tool').length];
        return next ? { tool_calls: [{ name: next.name, arguments: JSON.stringify(next.arguments) }] } : { content: 'All done.' };
      },
    });
    t = await createTestDatabase(kind, { STUDIO_LLM_BASE_URL: fake.url });
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    await retailTasks(db, studio.config, 1);
    const llm = (model: string) => ({ kind: 'llm' as const, model, temperature: 0.7, timeoutMs: 10_000, maxRetries: 0 });
    const created = await createEvaluationFor(db, studio.config, {
      settings: { k: 2, user: llm('user-model'), agent: llm('agent-model'), concurrency: 1 },
      scope: { split: 'all', perDomain: 1 },
    });
    for (const task of await getTasks(db, created.taskIds))
      goldByIntent.set(
        task.intent,
        task.calls.map((c) => ({ name: c.name, arguments: c.arguments })),
      );
    const report = await runEvaluation(db, studio.config, created.id, quiet);
    expect(report).toMatchObject({ agent: 'agent-model', tasks: created.taskIds.length, trials: created.taskIds.length * 2 });
    expect(created.taskIds.length).toBeGreaterThan(0);
    expect(report.passk).toEqual({ '1': 0.5, '2': 0 });
    const trials = await db.select().from(evaluationTrials).where(eq(evaluationTrials.evaluationId, created.id));
    for (const trial of trials)
      expect({ trial: trial.trial, passed: trial.passed, status: trial.status }).toEqual({
        trial: trial.trial,
        passed: trial.trial === 0,
        status: 'completed',
      });
    // The agent was asked at the temperature the evaluation set.
    const asked = fake.requests.filter((r) => (r.body as { model?: string }).model === 'agent-model');
    expect(asked.every((r) => (r.body as { temperature?: number }).temperature === 0.7)).toBe(true);
  });
});
