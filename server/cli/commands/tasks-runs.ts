/** Commands that sample tasks, print them, and roll them out. */

import { taskCallsInput } from '../../db/queries/tasks';
import { launchRunInput, sampleJobInput } from '../../stages/inputs';
import { NOISES } from '../../pipeline/rollout/model';
import { readTasks } from '../../stages/tasks';
import { plural } from '../../../lib/text/plural';
import { taskBlocks } from '../task-text';
import { UsageError } from '../usage';
import { command, numberOptions, reportProgress, usageIssues, withStudio } from './shared';

export const sample = command({
  summary: 'sample tasks by random walks: --domain ID (repeatable) | --all --n N [--seed S] [--min-calls A] [--max-calls B] [--rows R] [--intent template|llm]',
  options: {
    domain: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    n: { type: 'string' },
    seed: { type: 'string' },
    'min-calls': { type: 'string' },
    'max-calls': { type: 'string' },
    rows: { type: 'string' },
    intent: { type: 'string' },
  },
  run: ({ values }) => {
    const num = numberOptions(values);
    const parsed = sampleJobInput.safeParse({
      domainIds: values.domain,
      all: values.all,
      intentWriter: values.intent,
      settings: { n: num('n'), seed: num('seed'), minCalls: num('min-calls'), maxCalls: num('max-calls'), rows: num('rows') },
    });
    if (!parsed.success) throw new UsageError(`sample: ${usageIssues(parsed.error)}`);
    return withStudio('sample', async (studio) => {
      const { runSample } = await import('../../stages/sample');
      const out = await runSample(studio.database.db, studio.config, parsed.data, reportProgress);
      for (const d of out.domains) for (const note of d.notes) process.stderr.write(`note: ${d.domainName}: ${note}\n`);
      for (const f of out.failures) process.stderr.write(`error: domain ${f.domain}: ${f.error}\n`);
      if (out.domains.length === 0 && out.failures.length > 0) throw new Error(`no task was sampled: ${out.failures[0]!.error}`);
      return out.tasks;
    });
  },
  human: (tasks) => `${taskBlocks(tasks)}${tasks.length ? '\n\n' : ''}${tasks.length} new task${tasks.length === 1 ? '' : 's'}\n`,
});

export const tasks = command({
  summary: 'print sampled tasks, each with its intent and its calls (name, arguments, result): [--domain ID] [--limit N] (the newest N, default 50)',
  options: {
    domain: { type: 'string' },
    limit: { type: 'string' },
  },
  run: ({ values }) => {
    const parsed = taskCallsInput.safeParse({ domainId: values.domain, limit: numberOptions(values)('limit') });
    if (!parsed.success) throw new UsageError(`tasks: ${usageIssues(parsed.error)}`);
    return withStudio('tasks', (studio) => readTasks(studio.database.db, parsed.data));
  },
  human: (tasks) =>
    tasks.length ? `${taskBlocks(tasks)}\n\n${tasks.length} task${tasks.length === 1 ? '' : 's'}\n` : 'no tasks: sample some first (cli sample)\n',
});

export const rollout = command({
  summary: `roll out tasks and verify them: [--tasks ID... | --domain ID... [--per-domain K] | --all] [--agent offline|MODEL] [--user offline|MODEL] [--temperature T] [--noise ${NOISES.join(',')}] [--noise-rate R] [--noise-each one|all] [--noise-seed S] [--concurrency C] [--max-turns T] [--name NAME]`,
  options: {
    tasks: { type: 'string', multiple: true },
    domain: { type: 'string', multiple: true },
    'per-domain': { type: 'string' },
    all: { type: 'boolean', default: false },
    agent: { type: 'string' },
    user: { type: 'string' },
    temperature: { type: 'string' },
    noise: { type: 'string', multiple: true },
    'noise-rate': { type: 'string' },
    'noise-each': { type: 'string' },
    'noise-seed': { type: 'string' },
    concurrency: { type: 'string' },
    'max-turns': { type: 'string' },
    name: { type: 'string' },
  },
  run: ({ values }) => {
    const num = numberOptions(values);
    const policy = (v: unknown) =>
      v === undefined || v === 'offline' ? undefined : { kind: 'llm' as const, model: String(v), temperature: num('temperature') };
    const launch = launchRunInput.safeParse({
      name: values.name,
      taskIds: values.tasks,
      domainIds: values.domain,
      perDomain: num('per-domain'),
      settings: {
        agent: policy(values.agent),
        user: policy(values.user),
        noise: ((values.noise as string[] | undefined) ?? []).flatMap((n) => n.split(',')).filter(Boolean),
        noiseRate: num('noise-rate'),
        noiseEach: values['noise-each'],
        noiseSeed: num('noise-seed'),
        concurrency: num('concurrency'),
        maxTurns: num('max-turns'),
      },
    });
    if (!launch.success) throw new UsageError(`rollout: ${usageIssues(launch.error)}`);
    if (launch.data.taskIds?.length && (values.all || launch.data.domainIds?.length))
      throw new UsageError('rollout: give --tasks, or --domain / --all, not both');
    return withStudio('rollout', async (studio) => {
      const { createRunFor, runRollouts } = await import('../../stages/rollout');
      const db = studio.database.db;
      const run = await createRunFor(db, studio.config, launch.data);
      const out = await runRollouts(db, studio.config, run.id, reportProgress);
      const c = out.counts;
      return {
        run: run.id,
        trajectories: c.done,
        passed: { validity: c.validity, state: c.state, exact: c.exact },
        verdict: { passed: c.passed, failed: c.done - c.passed, recovered: c.recovered },
        status: { completed: c.completed, max_turns: c.maxTurns, error: c.errors, failed: c.failed },
      };
    });
  },
  human: (o) =>
    // "failed" is the verification outcome here; a reviewer's verdict is "rejected", and a rollout whose LLM endpoint kept failing is "LLM failed".
    `run ${o.run}: ${plural(o.trajectories, 'trajectory')}, ${o.verdict.passed} passed (${o.verdict.recovered} recovered), ${o.verdict.failed} failed verification\n` +
    `filters passed: validity ${o.passed.validity}, state ${o.passed.state}, exact ${o.passed.exact}\n` +
    `status: completed ${o.status.completed}, max turns ${o.status.max_turns}, error ${o.status.error}, LLM failed ${o.status.failed}\n`,
});
