/** Commands that generate environment versions and check them against real traces. */

import path from 'node:path';
import { envgenInput } from '../../stages/inputs';
import { MAX_DATA_BYTES } from '../../pipeline/environment/grounded/data-file';
import { MAX_REFERENCE_BYTES } from '../../pipeline/reference/format';
import { invalid } from '../../kernel/errors';
import { plural } from '../../../lib/text/plural';
import { readTextCapped } from '../files';
import { UsageError } from '../usage';
import { command, numberOptions, reportProgress, usageIssues, withStudio } from './shared';

export const envgen = command({
  summary:
    'generate and validate environment versions: --domain ID (repeatable) | --all [--generator heuristic|llm] [--seed S] [--data FILE: ground one domain in a database file] [--reference FILE: with --generator llm, repair against real traces]',
  options: {
    domain: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    generator: { type: 'string' },
    seed: { type: 'string' },
    data: { type: 'string' },
    reference: { type: 'string' },
  },
  run: async ({ values }) => {
    const dataFile = values.data as string | undefined;
    if (dataFile !== undefined && (values.all || (values.domain as string[] | undefined)?.length !== 1))
      throw new UsageError('envgen: --data grounds one domain: give exactly one --domain');
    const parsed = envgenInput.safeParse({
      domainIds: values.domain,
      all: values.all,
      generator: values.generator,
      seed: numberOptions(values)('seed'),
    });
    if (!parsed.success) throw new UsageError(`envgen: ${usageIssues(parsed.error)}`);
    const text = dataFile === undefined ? undefined : readFileArgument(dataFile, MAX_DATA_BYTES);
    const referencePath = values.reference as string | undefined;
    if (referencePath !== undefined && (values.generator !== 'llm' || dataFile === undefined))
      throw new UsageError("envgen: --reference feeds the LLM generator's repairs: use it with --generator llm and --data FILE");
    const { readReference } = await import('../../stages/reference');
    const reference =
      referencePath === undefined ? undefined : readReference(readFileArgument(referencePath, MAX_REFERENCE_BYTES), path.basename(referencePath));
    return withStudio('envgen', async (studio) => {
      const [{ attachData }, { runEnvgen }] = await Promise.all([import('../../stages/environment-data'), import('../../stages/envgen')]);
      const db = studio.database.db;
      const dataId = text === undefined ? undefined : (await attachData(db, parsed.data.domainIds![0]!, text, path.basename(dataFile!))).id;
      const out = await runEnvgen(db, studio.config, { ...parsed.data, dataId }, reportProgress, undefined, { reference });
      for (const f of out.failures) process.stderr.write(`error: domain ${f.domain}: ${f.error}\n`);
      if (out.environments.length === 0 && out.failures.length > 0) throw new Error(`no environment was generated: ${out.failures[0]!.error}`);
      return out.environments;
    });
  },
  human: (rows) =>
    rows
      .map(
        (r) =>
          `${r.domainName}: version ${r.version}${r.data ? ` from ${r.data}` : ''}, ${plural(r.tables, 'table')}, ${r.passed}/${plural(r.tools, 'tool')} pass${r.valid ? '' : ' (not valid)'}${r.notes.map((n) => `\n  note: ${n}`).join('')}`,
      )
      .join('\n') +
    `\n${plural(rows.length, 'environment')}, ${rows.reduce((n, r) => n + r.passed, 0)} of ${plural(
      rows.reduce((n, r) => n + r.tools, 0),
      'tool',
    )} pass\n`,
});

export const replay = command({
  summary: "run calls on fresh copies of a version's data: --domain ID [--version N] --tasks FILE",
  options: { domain: { type: 'string' }, version: { type: 'string' }, tasks: { type: 'string' } },
  run: ({ values }) => {
    const { domainId, number } = versionArguments('replay', values);
    if (typeof values.tasks !== 'string') throw new UsageError('replay: --tasks FILE is required');
    const text = readFileArgument(values.tasks, MAX_REFERENCE_BYTES);
    return withStudio('replay', async (studio) => {
      const [{ domainVersion, replayOnVersion }, { getSandbox }] = await Promise.all([
        import('../../stages/reference'),
        import('../../pipeline/sandbox/sandbox'),
      ]);
      const version = await domainVersion(studio.database.db, domainId, number);
      return replayOnVersion(studio.database.db, getSandbox(), { version, text, fileName: path.basename(values.tasks as string) });
    });
  },
  human: (tasks) =>
    tasks
      .map(
        (t) => `task ${t.id}: ${t.calls.map((c) => `${c.name} ${c.ok ? 'ok' : `refused (${c.error})`}`).join(', ')}; ${plural(t.diff.length, 'row')} changed`,
      )
      .join('\n') + `\n${plural(tasks.length, 'task')} replayed\n`,
});

export const check = command({
  summary: 'fidelity score of a version against a reference: --domain ID [--version N] --reference FILE',
  options: { domain: { type: 'string' }, version: { type: 'string' }, reference: { type: 'string' } },
  run: ({ values }) => {
    const { domainId, number } = versionArguments('check', values);
    if (typeof values.reference !== 'string') throw new UsageError('check: --reference FILE is required');
    const text = readFileArgument(values.reference, MAX_REFERENCE_BYTES);
    return withStudio('check', async (studio) => {
      const [{ checkReference, domainVersion }, { getSandbox }] = await Promise.all([
        import('../../stages/reference'),
        import('../../pipeline/sandbox/sandbox'),
      ]);
      const version = await domainVersion(studio.database.db, domainId, number);
      const out = await checkReference(studio.database.db, getSandbox(), { version, text, fileName: path.basename(values.reference as string) });
      const { disagreements, ...score } = out.score;
      // The worst examples, not all of them: the full list is kept with the check in the studio.
      return {
        ...score,
        checkId: out.checkId,
        version: out.version.number,
        tasks: out.tasks,
        disagreements: { calls: disagreements.calls.slice(0, 10), tasks: disagreements.tasks.slice(0, 10) },
      };
    });
  },
  human: (s) =>
    [
      `version ${s.version}, ${plural(s.tasks, 'task')}`,
      ...(['load', 'calls', 'refusals', 'reads', 'rows', 'fields', 'final'] as const).map(
        (k) => `${k.padEnd(9)} ${s[k].agree} / ${s[k].total}${s[k].total ? ` (${((s[k].agree / s[k].total) * 100).toFixed(1)}%)` : ''}`,
      ),
      ...s.load.errors.slice(0, 5).map((e) => `load error: ${e}`),
    ].join('\n') + '\n',
});

/** --domain ID [--version N], checked. */
function versionArguments(name: string, values: Record<string, unknown>): { domainId: string; number: number | undefined } {
  const domainId = values.domain;
  if (typeof domainId !== 'string' || !/^[0-9a-f-]{36}$/i.test(domainId))
    throw new UsageError(`${name}: --domain ID is required (a domain id from \`cli domains --json\`)`);
  const number = values.version === undefined ? undefined : Number(values.version);
  if (number !== undefined && (!Number.isInteger(number) || number < 1)) throw new UsageError(`${name}: --version must be a version number (1, 2, …)`);
  return { domainId, number };
}

/** A file named on the command line, read up to a cap; its problems as sentences naming it. */
function readFileArgument(file: string, max: number): string {
  try {
    return readTextCapped(file, max);
  } catch (e) {
    throw invalid(`${file}: ${(e as Error).message}`);
  }
}
