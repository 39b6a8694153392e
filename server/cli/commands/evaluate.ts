/** Commands that keep tasks apart for evaluation and measure an agent on them (pass^k). */

import { z } from 'zod';
import { NOISES } from '../../pipeline/rollout/model';
import { holdOutInput, launchEvaluationInput } from '../../stages/inputs';
import type { EvaluationReport } from '../../stages/evaluate';
import { plural } from '../../../lib/text/plural';
import { UsageError } from '../usage';
import { command, numberOptions, reportProgress, usageIssues, withStudio } from './shared';

export const split = command({
  summary:
    "hold out a share of each domain's tasks for evaluation (never exported as training data): --heldout F (0–1) [--domain ID...] [--seed S] (the rest go back to training)",
  options: {
    heldout: { type: 'string' },
    domain: { type: 'string', multiple: true },
    seed: { type: 'string' },
  },
  run: ({ values }) => {
    const num = numberOptions(values);
    if (values.heldout === undefined) throw new UsageError("split: --heldout: give the share of each domain's tasks to hold out, e.g. --heldout 0.2");
    const parsed = holdOutInput.safeParse({ fraction: num('heldout'), domainIds: values.domain, seed: num('seed') });
    if (!parsed.success) throw new UsageError(`split: ${usageIssues(parsed.error).replace('--fraction', '--heldout')}`);
    return withStudio('split', async (studio) => (await import('../../stages/evaluate')).holdOutTasks(studio.database.db, parsed.data));
  },
  human: (o) =>
    `${o.domains.map((d) => `${d.name}: ${d.heldout} of ${plural(d.tasks, 'task')} held out`).join('\n')}${o.domains.length ? '\n' : ''}` +
    `${o.heldout} of ${plural(o.tasks, 'task')} held out (${plural(o.changed, 'task')} changed split)\n`,
});

export const evaluate = command({
  summary: `measure an agent by pass^k over K trials per task: --agent offline|MODEL [--k K] [--tasks heldout|all|DOMAIN_ID...] [--per-domain N] [--user offline|MODEL] [--temperature T] [--noise ${NOISES.join(',')}] [--noise-rate R] [--noise-each one|all] [--noise-seed S] [--concurrency C] [--max-turns T] [--name NAME] (tasks: the held-out ones when there are some, else every task)`,
  options: {
    agent: { type: 'string' },
    user: { type: 'string' },
    k: { type: 'string' },
    tasks: { type: 'string', multiple: true },
    'per-domain': { type: 'string' },
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
    const tasks = ((values.tasks as string[] | undefined) ?? []).flatMap((t) => t.split(',')).filter(Boolean);
    const splits = tasks.filter((t) => t === 'heldout' || t === 'all');
    if (splits.length > 1) throw new UsageError('evaluate: --tasks: give heldout or all, not both');
    const domainIds = tasks.filter((t) => t !== 'heldout' && t !== 'all');
    const bad = domainIds.find((d) => !z.uuid().safeParse(d).success);
    if (bad !== undefined) throw new UsageError(`evaluate: --tasks: "${bad}" is neither heldout, all nor a domain id`);
    const parsed = launchEvaluationInput.safeParse({
      name: values.name,
      scope: { split: splits[0], domainIds, perDomain: num('per-domain') },
      settings: {
        agent: policy(values.agent),
        user: policy(values.user),
        k: num('k'),
        noise: ((values.noise as string[] | undefined) ?? []).flatMap((n) => n.split(',')).filter(Boolean),
        noiseRate: num('noise-rate'),
        noiseEach: values['noise-each'],
        noiseSeed: num('noise-seed'),
        concurrency: num('concurrency'),
        maxTurns: num('max-turns'),
      },
    });
    if (!parsed.success) throw new UsageError(`evaluate: ${usageIssues(parsed.error)}`);
    return withStudio('evaluate', async (studio) => {
      const { createEvaluationFor, runEvaluation } = await import('../../stages/evaluate');
      const db = studio.database.db;
      const evaluation = await createEvaluationFor(db, studio.config, parsed.data);
      if (parsed.data.scope.split === 'auto' && evaluation.split === 'all')
        process.stderr.write('note: no task is held out, so every task is evaluated (cli split --heldout F keeps some apart)\n');
      return runEvaluation(db, studio.config, evaluation.id, reportProgress);
    });
  },
  human: (o) => evaluationTable(o),
});

/** The report as a table: pass^k with its interval for each k, overall and per domain, then what failed. */
export function evaluationTable(o: EvaluationReport): string {
  const ks = Array.from({ length: o.k }, (_, i) => String(i + 1));
  const cell = (p: Record<string, number>, ci: Record<string, [number, number]>, k: string) =>
    p[k] === undefined ? '–' : `${p[k]!.toFixed(3)} [${ci[k]![0].toFixed(2)}, ${ci[k]![1].toFixed(2)}]`;
  const rows: string[][] = [
    ['', 'tasks', ...ks.map((k) => `pass^${k}`)],
    ['overall', String(o.tasks), ...ks.map((k) => cell(o.passk, o.ci, k))],
    ...Object.values(o.domains).map((d) => [d.name, String(d.tasks), ...ks.map((k) => cell(d.passk, d.ci, k))]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
  const list = (items: Array<{ name: string; trials: number }>) => items.map((i) => `${i.name} ${i.trials}`).join(', ') || 'none';
  return (
    `evaluation ${o.evaluation}: ${o.name}\n` +
    `${plural(o.tasks, o.split === 'heldout' ? 'held-out task' : 'task')} × ${o.k} = ${plural(o.trials, 'trial')}, ${o.passed} passed (95% intervals: bootstrap over tasks)\n\n` +
    `${table}\n\n` +
    (o.failures.failed ? `failed trials by filter: ${list(o.failures.byFilter)}\nby tool: ${list(o.failures.byTool.slice(0, 8))}\n` : `no trial failed\n`)
  );
}
