import { conflict, invalid, notFound } from '../kernel/errors';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { domainGraphTools, getEnvironmentVersion } from '../db/queries/environments';
import { createRun, finishedTaskIds, getRun, setRunJob } from '../db/queries/runs';
import { getTasks, selectTaskIds, type TaskRow } from '../db/queries/tasks';
import { saveTrajectory } from '../db/queries/trajectories';
import type { EnvironmentContent } from '../pipeline/environment/model';
import { runRollout } from '../pipeline/rollout/loop';
import type { ToolSpec } from '../pipeline/rollout/model';
import { runSettings, type RunSettings } from '../pipeline/rollout/settings';
import { toolSpecs } from '../pipeline/rollout/tool-specs';
import { getSandbox } from '../pipeline/sandbox/sandbox';
import type { Task } from '../pipeline/tasks/model';
import { verifyTrajectory } from '../pipeline/verify/verify';
import { launchRunInput, type LaunchRunInput, type RolloutJobInput } from './inputs';
import { throttledProgress, type Progress } from './progress';
import { checkEndpoints, policiesFor } from './rollout-policies';

/** Creates a run over the chosen tasks; the caller starts the rollouts (as a job, or inline in the CLI). */
export async function createRunFor(db: Db, config: StudioConfig, raw: LaunchRunInput) {
  const input = launchRunInput.parse(raw);
  checkEndpoints(config, input.settings);
  const taskIds = await selectTaskIds(db, input);
  if (taskIds.length === 0) throw invalid(input.taskIds?.length ? 'none of these tasks exist' : 'no tasks to roll out: sample tasks first');
  const name =
    input.name ||
    `${policyName(input.settings.agent)} agent, ${policyName(input.settings.user)} user${input.settings.noise.length ? `, noise: ${input.settings.noise.join(', ')}` : ''}`;
  return createRun(db, { name, settings: input.settings, taskIds });
}

/** Creates a run and enqueues its rollouts. */
export async function launchRun(db: Db, config: StudioConfig, enqueue: (input: RolloutJobInput) => Promise<{ id: string }>, raw: LaunchRunInput) {
  const run = await createRunFor(db, config, raw);
  const job = await enqueue({ runId: run.id, runName: run.name });
  await setRunJob(db, run.id, job.id);
  return { run, jobId: job.id };
}

/** Starts a new job for the run's unfinished tasks (after a cancel or a failure). */
export async function resumeRun(db: Db, enqueue: (input: RolloutJobInput) => Promise<{ id: string }>, runId: string) {
  const run = await getRun(db, runId);
  if (!run) throw notFound(`no run ${runId}`);
  if (run.counts.done >= run.total) throw conflict('every task of this run already has a trajectory');
  if (run.jobStatus === 'queued' || run.jobStatus === 'running') throw conflict('the run is still going');
  const job = await enqueue({ runId, runName: run.name });
  await setRunJob(db, runId, job.id);
  return { jobId: job.id };
}

const policyName = (p: RunSettings['agent']) => (p.kind === 'offline' ? 'offline' : p.model);

/** What every rollout of one environment version shares. */
export type VersionKit = { content: EnvironmentContent; tools: ToolSpec[]; descriptions: Record<string, string> };

const LOAD_SLICE = 200;

/**
 * Rolls out every task of the run that has no trajectory yet, `concurrency` at a time, verifies
 * each and stores it as soon as it finishes: a cancel or a crash keeps what was done, and a
 * resume does the rest.
 */
export async function runRollouts(db: Db, config: StudioConfig, runId: string, progress: Progress, signal?: AbortSignal) {
  const run = await getRun(db, runId);
  if (!run) throw notFound(`no run ${runId}`);
  const settings = runSettings.parse(run.settings);
  const finished = await finishedTaskIds(db, runId);
  const todo = run.taskIds.filter((id) => !finished.has(id));
  const makePolicies = policiesFor(config, settings, runId);
  const kit = versionKits(db);

  let done = finished.size;
  const report = throttledProgress(progress, run.total, 'trajectory');
  await report(done, true);

  const abort = new AbortController();
  const onAbort = () => abort.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let start = 0; start < todo.length; start += LOAD_SLICE) {
      const rows = await getTasks(db, todo.slice(start, start + LOAD_SLICE));
      await pool(rows, settings.concurrency, abort.signal, async (row) => {
        const { trajectory, verdict } = await rollOutAndVerify(row, await kit(row), makePolicies, settings.maxTurns, abort.signal);
        await saveTrajectory(
          db,
          { runId, taskId: row.id, environmentVersionId: row.environmentVersionId, domainId: row.domainId, domainName: row.domainName },
          trajectory,
          verdict,
        );
        done++;
        try {
          await report(done);
        } catch (e) {
          // A cancel: stop the others where they are; what finished is stored.
          abort.abort(e);
          throw e;
        }
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  await report(done, true);
  const after = await getRun(db, runId);
  return { run: runId, trajectories: after!.counts.done, counts: after!.counts };
}

/** The kit of each environment version, loaded once per version on first use. */
export function versionKits(db: Db): (task: TaskRow) => Promise<VersionKit> {
  const kits = new Map<string, Promise<VersionKit>>();
  return (task) => {
    let k = kits.get(task.environmentVersionId);
    if (!k) {
      k = loadVersionKit(db, task.environmentVersionId);
      kits.set(task.environmentVersionId, k);
    }
    return k;
  };
}

/**
 * One rollout of one stored task with the policies `makePolicies` gives it, verified by the three
 * filters: what a run stores as a trajectory and an evaluation as a trial.
 */
export async function rollOutAndVerify(
  row: TaskRow,
  { content, tools, descriptions }: VersionKit,
  makePolicies: ReturnType<typeof policiesFor>,
  maxTurns: number,
  signal: AbortSignal,
) {
  const task = asTask(row);
  const { user, agent, truncated } = makePolicies(task, content, row.domainName, descriptions);
  const trajectory = await runRollout({ task, content, tools, user, agent, sandbox: getSandbox(), maxTurns, signal, domain: row.domainName });
  if (truncated()) trajectory.truncatedReplies = truncated();
  return { task, trajectory, verdict: verifyTrajectory(trajectory, task, tools) };
}

/** What rollouts of one environment version share: its content, and its tools as the agent sees them. */
export async function loadVersionKit(db: Db, versionId: string): Promise<VersionKit> {
  const version = await getEnvironmentVersion(db, versionId);
  if (!version) throw new Error(`environment version ${versionId} is gone`);
  // Descriptions come from the tools as imported; a domain that is gone leaves the agent names and schemas only.
  const described = version.domainId ? await domainGraphTools(db, version.domainId) : [];
  const descriptions = Object.fromEntries(described.map((t) => [t.id, t.description]));
  return { content: version.content, tools: toolSpecs(version.content, descriptions), descriptions };
}

/** A stored task as the pipeline takes it. */
export function asTask(row: TaskRow): Task {
  return {
    seed: row.seed,
    initialState: row.initialState,
    calls: row.calls,
    finalState: row.finalState,
    readOnly: row.readOnly,
    intent: row.intent,
    intentWriter: row.intentWriter,
    fingerprint: row.fingerprint,
  };
}

/** Runs `work` over `items`, at most `limit` at once; the first failure stops new work and is rethrown. */
export async function pool<T>(items: T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && !signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
}
