import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { createEvaluation, finishedTrials, finishEvaluation, getEvaluation, saveTrial, setEvaluationJob, trialOutcomes } from '../db/queries/evaluations';
import { getTasks, selectSplitTaskIds, setTaskSplit, splitCandidates, type TaskRow } from '../db/queries/tasks';
import { conflict, invalid, notFound } from '../kernel/errors';
import { summariseTrials, type Estimate, type EvaluationSummary } from '../pipeline/evaluate/passk';
import { evaluationSettings, type EvaluationScope } from '../pipeline/evaluate/settings';
import { heldOutIds } from '../pipeline/evaluate/split';
import { failureBreakdown, trialRecord } from '../pipeline/evaluate/trial';
import { holdOutInput, launchEvaluationInput, type EvaluateJobInput, type HoldOutInput, type LaunchEvaluationInput } from './inputs';
import { pool, rollOutAndVerify, versionKits } from './rollout';
import { throttledProgress, type Progress } from './progress';
import { checkEndpoints, policiesFor } from './rollout-policies';

/**
 * Evaluation runs (τ-bench's pass^k): an agent, offline or an OpenAI-compatible model, run k times
 * on each of a set of tasks, usually the held-out ones. Every trial is a rollout verified by the
 * same three filters as a run's trajectories (rollout.ts); a trial passes iff its verdict does.
 * Trials are stored as they finish (evaluation_trials), so a cancel keeps them and a resume does
 * the rest; the summary (pass^k per domain and overall, with intervals) is stored at the end.
 */

/** Seed of the bootstrap intervals: the same trials always give the same intervals. */
const INTERVAL_SEED = 1;

/**
 * Holds out `fraction` of each domain's tasks (every current domain when none are named) and
 * puts the rest back in training: which ones is drawn by a seeded hash of each task (split.ts),
 * so the same tasks and seed always give the same split. Held-out tasks' trajectories are never
 * exported as training data. Moving a task back to training is harmless; holding out one whose
 * trajectories were exported before cannot take that export back.
 */
export async function holdOutTasks(db: Db, raw: HoldOutInput) {
  const input = holdOutInput.parse(raw);
  const candidates = await splitCandidates(db, input.domainIds);
  if (candidates.length === 0)
    throw invalid(input.domainIds.length ? 'these domains have no tasks: sample some first' : 'there are no tasks to hold out: sample some first');
  const byDomain = new Map<string, typeof candidates>();
  for (const t of candidates) {
    const key = t.domainId ?? `name:${t.domainName}`;
    byDomain.set(key, [...(byDomain.get(key) ?? []), t]);
  }
  const domains: Array<{ id: string | null; name: string; tasks: number; heldout: number }> = [];
  const held: string[] = [];
  const train: string[] = [];
  for (const tasks of byDomain.values()) {
    const out = heldOutIds(tasks, input.fraction, input.seed);
    for (const t of tasks) (out.has(t.id) ? held : train).push(t.id);
    domains.push({ id: tasks[0]!.domainId, name: tasks[0]!.domainName, tasks: tasks.length, heldout: out.size });
  }
  const changed = (await setTaskSplit(db, held, 'heldout')) + (await setTaskSplit(db, train, 'train'));
  return { domains: domains.sort((a, b) => a.name.localeCompare(b.name)), tasks: candidates.length, heldout: held.length, changed };
}

/** The tasks an evaluation takes, and which split they came from ('auto' settled). */
async function chooseTasks(db: Db, scope: EvaluationScope): Promise<{ split: 'heldout' | 'all'; taskIds: string[] }> {
  const pick = { domainIds: scope.domainIds, perDomain: scope.perDomain };
  if (scope.split !== 'all') {
    const heldOut = await selectSplitTaskIds(db, { ...pick, split: 'heldout' });
    if (heldOut.length || scope.split === 'heldout') return { split: 'heldout', taskIds: heldOut };
  }
  return { split: 'all', taskIds: await selectSplitTaskIds(db, { ...pick, split: 'all' }) };
}

/** Creates an evaluation over the chosen tasks; the caller runs it (as a job, or inline in the CLI). */
export async function createEvaluationFor(db: Db, config: StudioConfig, raw: LaunchEvaluationInput) {
  const input = launchEvaluationInput.parse(raw);
  checkEndpoints(config, input.settings);
  const { split, taskIds } = await chooseTasks(db, input.scope);
  if (taskIds.length === 0)
    throw invalid(
      split === 'heldout'
        ? 'no held-out tasks to evaluate on: hold some out first (cli split --heldout 0.2), or evaluate on every task (--tasks all)'
        : 'no tasks to evaluate on: sample tasks first',
    );
  const s = input.settings;
  const agent = s.agent.kind === 'offline' ? 'offline' : s.agent.model;
  const name =
    input.name ||
    `${agent} agent, k=${s.k}, ${split === 'heldout' ? 'held-out tasks' : 'every task'}${s.agent.kind === 'offline' && s.noise.length ? `, noise: ${s.noise.join(', ')} at ${s.noiseRate}` : ''}`;
  const evaluation = await createEvaluation(db, { name, settings: s, scope: { ...input.scope, split }, taskIds });
  return { ...evaluation, split };
}

/** Creates an evaluation and enqueues its trials. */
export async function launchEvaluation(
  db: Db,
  config: StudioConfig,
  enqueue: (input: EvaluateJobInput) => Promise<{ id: string }>,
  raw: LaunchEvaluationInput,
) {
  const evaluation = await createEvaluationFor(db, config, raw);
  const job = await enqueue({ evaluationId: evaluation.id, name: evaluation.name });
  await setEvaluationJob(db, evaluation.id, job.id);
  return { evaluation, jobId: job.id };
}

/** Starts a new job for the evaluation's trials not run yet (after a cancel or a failure). */
export async function resumeEvaluation(db: Db, enqueue: (input: EvaluateJobInput) => Promise<{ id: string }>, id: string) {
  const evaluation = await getEvaluation(db, id);
  if (!evaluation) throw notFound(`no evaluation ${id}`);
  if (evaluation.summary) throw conflict('every trial of this evaluation has run');
  if (evaluation.jobStatus === 'queued' || evaluation.jobStatus === 'running') throw conflict('the evaluation is still going');
  const job = await enqueue({ evaluationId: id, name: evaluation.name });
  await setEvaluationJob(db, id, job.id);
  return { jobId: job.id };
}

const LOAD_SLICE = 200;

/**
 * Runs every trial of the evaluation not stored yet, `concurrency` at a time. Trial t of every
 * task draws its noise with its own salt (the evaluation, or the noise seed, and t), so trials of
 * one task are independent draws, and the same seed repeats an offline evaluation exactly.
 */
export async function runEvaluation(db: Db, config: StudioConfig, evaluationId: string, progress: Progress, signal?: AbortSignal) {
  const evaluation = await getEvaluation(db, evaluationId);
  if (!evaluation) throw notFound(`no evaluation ${evaluationId}`);
  const settings = evaluationSettings.parse(evaluation.settings);
  const finished = await finishedTrials(db, evaluationId);
  const salt = (trial: number) => (settings.noiseSeed === undefined ? `${evaluationId}:trial ${trial}` : `seed ${settings.noiseSeed}:trial ${trial}`);
  // The salt is passed as the run id, with no noise seed, so that each trial has its own.
  const makers = Array.from({ length: settings.k }, (_, t) => policiesFor(config, { ...settings, noiseSeed: undefined }, salt(t)));
  const kit = versionKits(db);

  let done = finished.size;
  const report = throttledProgress(progress, evaluation.total, 'trial');
  await report(done, true);

  const abort = new AbortController();
  const onAbort = () => abort.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let start = 0; start < evaluation.taskIds.length; start += LOAD_SLICE) {
      const rows = await getTasks(db, evaluation.taskIds.slice(start, start + LOAD_SLICE));
      const todo: Array<{ row: TaskRow; trial: number }> = [];
      for (const row of rows) for (let trial = 0; trial < settings.k; trial++) if (!finished.has(`${row.id}:${trial}`)) todo.push({ row, trial });
      await pool(todo, settings.concurrency, abort.signal, async ({ row, trial }) => {
        const started = performance.now();
        const { trajectory, verdict } = await rollOutAndVerify(row, await kit(row), makers[trial]!, settings.maxTurns, abort.signal);
        await saveTrial(
          db,
          { evaluationId, taskId: row.id, trial, environmentVersionId: row.environmentVersionId, domainId: row.domainId, domainName: row.domainName },
          trialRecord(trajectory, verdict, row.calls, row.readOnly),
          { noiseApplied: trajectory.noiseApplied, ms: performance.now() - started },
        );
        done++;
        try {
          await report(done);
        } catch (e) {
          abort.abort(e);
          throw e;
        }
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  await report(done, true);
  const summary = summariseTrials(await trialOutcomes(db, evaluationId), settings.k, { seed: INTERVAL_SEED });
  await finishEvaluation(db, evaluationId, summary);
  return evaluationReport(db, evaluationId);
}

/** pass^k as numbers by k, and the intervals beside them: `{"1": 0.7}`, `{"1": [0.62, 0.78]}`. */
const values = (p: Record<string, Estimate>) => Object.fromEntries(Object.entries(p).map(([k, e]) => [k, e.value]));
const intervals = (p: Record<string, Estimate>) => Object.fromEntries(Object.entries(p).map(([k, e]) => [k, [e.low, e.high] as [number, number]]));

export type EvaluationReport = Awaited<ReturnType<typeof evaluationReport>>;

/**
 * What an evaluation found, as the CLI prints it and a page shows it: pass^k for k = 1..K overall
 * and per domain (keyed by domain id), 95% intervals, and the failed trials by filter, tool and domain.
 * An evaluation still running is summarised from the trials stored so far.
 */
export async function evaluationReport(db: Db, evaluationId: string) {
  const evaluation = await getEvaluation(db, evaluationId);
  if (!evaluation) throw notFound(`no evaluation ${evaluationId}`);
  const trials = await trialOutcomes(db, evaluationId);
  const summary: EvaluationSummary = evaluation.summary ?? summariseTrials(trials, evaluation.k, { seed: INTERVAL_SEED });
  return {
    evaluation: evaluation.id,
    name: evaluation.name,
    agent: evaluation.settings.agent.kind === 'offline' ? 'offline' : evaluation.settings.agent.model,
    split: evaluation.scope.split,
    k: evaluation.k,
    finished: evaluation.summary !== null,
    tasks: summary.tasks,
    trials: summary.trials,
    passed: summary.passed,
    passk: values(summary.passk),
    ci: intervals(summary.passk),
    domains: Object.fromEntries(
      // By name: a stored summary is jsonb, which keeps no key order.
      Object.entries(summary.domains)
        .sort((a, b) => a[1].name.localeCompare(b[1].name))
        .map(([key, d]) => [
          key,
          { id: d.id, name: d.name, tasks: d.tasks, trials: d.trials, passed: d.passed, passk: values(d.passk), ci: intervals(d.passk) },
        ]),
    ),
    failures: failureBreakdown(trials),
  };
}
