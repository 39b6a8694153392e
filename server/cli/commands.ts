import type { ParseArgsOptionsConfig } from 'node:util';
import { studioStatus } from '../db/queries/health';
import { domainMembers, listDomains } from '../db/queries/domains';
import { listTools } from '../db/queries/tools';
import { envgenInput, runEnvgen } from '../jobs/handlers/envgen';
import { ExportTargetsError, exportFileInput, runExport } from '../jobs/handlers/export';
import { EXPORT_FORMATS } from '../pipeline/export/manifest';
import { graphJobInput, runGraphBuild } from '../jobs/handlers/graph';
import { importCollection, type ImportOutcome } from '../jobs/handlers/import';
import { createRunFor, launchRunInput, runRollouts } from '../jobs/handlers/rollout';
import { runSample, sampleJobInput } from '../jobs/handlers/sample';
import { NOISES } from '../pipeline/rollout/model';
import { runDemo } from '../demo/run-demo';
import { ImportError } from '../pipeline/tools/errors';
import { openStudio, type Studio } from '../studio';
import path from 'node:path';
import { MAX_DATA_BYTES } from '../pipeline/environment/grounded/data-file';
import { getSandbox } from '../pipeline/sandbox/sandbox';
import { attachData } from '../stages/environment-data';
import { invalid } from '../stages/errors';
import { MAX_REFERENCE_BYTES } from '../pipeline/reference/format';
import { checkReference, domainVersion, readReference, replayOnVersion } from '../stages/reference';
import { readImportArgument, readTextCapped } from './files';
import { plural } from '../../lib/text/plural';
import { taskBlocks } from './task-text';
import { taskCallsInput } from '../db/queries/tasks';
import { readTasks } from '../stages/tasks';
import { UsageError } from './usage';
import { listCollections } from '../db/queries/collections';
import { UnknownCollectionError } from '../graph-keep-whole';

type Args = { values: Record<string, unknown>; positionals: string[] };

type Command<T> = {
  summary: string;
  options: ParseArgsOptionsConfig;
  run(args: Args): Promise<T>;
  human(output: T): string;
  /** Non-zero when the command did its work only in part (some files failed to import). */
  exitCode?(output: T): number;
};

const command = <T>(c: Command<T>) => c;

/**
 * `--keep-whole A --keep-whole B`, `--keep-whole A,B` and `--keep-whole A B` alike; `--no-keep-whole`
 * clusters every collection again. Neither: undefined, the build keeps the remembered choice.
 */
function keepWholeArgument(flags: string[] | undefined, positionals: string[], none: boolean): string[] | undefined {
  if (none && flags) throw new UsageError('graph: --keep-whole and --no-keep-whole cannot be used together');
  if (!flags && positionals.length) throw new UsageError(`graph: unexpected argument "${positionals[0]}" (collection ids follow --keep-whole)`);
  if (none) return [];
  if (!flags) return undefined;
  const ids = [...flags, ...positionals].flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
  if (ids.length === 0) throw new UsageError('graph: --keep-whole needs at least one collection id');
  return ids;
}

/** Opens the studio without workers for one command, and always closes it (and its lock). */
async function withStudio<T>(name: string, fn: (studio: Studio) => Promise<T>): Promise<T> {
  const studio = await openStudio({ command: `cli ${name}` });
  try {
    return await fn(studio);
  } finally {
    await studio.close();
  }
}

export const COMMANDS = {
  status: command({
    summary: 'database kind, applied migration and job counts',
    options: {},
    run: () =>
      withStudio('status', async (studio) => {
        const s = await studioStatus(studio);
        return { database: s.database, migration: s.migration, jobs: s.jobs };
      }),
    human: (s) =>
      `database:  ${s.database}\nmigration: ${s.migration}\njobs:      ${Object.entries(s.jobs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n`,
  }),
  import: command({
    summary: 'import collections: FILE... (a folder imports as one collection) [--name N] [--replace|--keep-both]',
    options: { name: { type: 'string' }, replace: { type: 'boolean', default: false }, 'keep-both': { type: 'boolean', default: false } },
    run: ({ values, positionals }) => {
      if (positionals.length === 0) throw new UsageError('import needs at least one FILE or folder');
      if (values.replace && values['keep-both']) throw new UsageError('--replace and --keep-both cannot be used together');
      return withStudio('import', async (studio) => {
        const result: ImportResultDoc = { collections: [], errors: [] };
        for (const [i, arg] of positionals.entries()) {
          const name = typeof values.name === 'string' && positionals.length > 1 ? `${values.name} (${i + 1})` : (values.name as string | undefined);
          try {
            const outcome = await importCollection(studio.database.db, readImportArgument(arg), {
              name,
              duplicates: values.replace ? 'replace' : values['keep-both'] ? 'keep' : 'ask',
            });
            recordOutcome(result, arg, outcome);
          } catch (e) {
            if (e instanceof ImportError) result.errors.push(e.toJSON());
            else if (e instanceof Error && 'file' in e) result.errors.push({ file: String(e.file), path: '', message: e.message });
            else throw e;
          }
        }
        return result;
      });
    },
    human: (r) =>
      [
        ...r.collections.map((c) => `imported ${c.name} (${c.format}): ${plural(c.tools, 'tool')}, ${plural(c.warnings.length, 'warning')}  [${c.id}]`),
        ...r.errors.map((e) => `error: ${[e.file, e.path].filter(Boolean).join(', ')}: ${e.message}`),
      ].join('\n') + '\n',
    exitCode: (r) => (r.errors.length ? 1 : 0),
  }),
  tools: command({
    summary: 'list normalised tools [--collection ID] [--search TEXT] [--op read|write]',
    options: { collection: { type: 'string' }, search: { type: 'string' }, op: { type: 'string' } },
    run: ({ values }) =>
      withStudio('tools', async (studio) => {
        const db = studio.database.db;
        if (values.op !== undefined && values.op !== 'read' && values.op !== 'write') throw new UsageError('--op must be read or write');
        const out: ToolDoc[] = [];
        let cursor: { value: string; id: string } | null = null;
        do {
          const page: Awaited<ReturnType<typeof listTools>> = await listTools(db, {
            collectionId: values.collection as string | undefined,
            search: values.search as string | undefined,
            op: values.op as 'read' | 'write' | undefined,
            limit: 500,
            cursor,
            full: true,
          });
          for (const t of page.items) out.push({ id: t.id, name: t.name, op: t.op, opReason: t.opReason, collection: t.collectionId, description: t.description, parameters: t.parameters, returns: t.returns, examples: t.examples ?? [], source: t.source });
          cursor = page.nextCursor;
        } while (cursor);
        return out;
      }),
    human: (tools) => tools.map((t) => `${t.op.padEnd(5)} ${t.name}  ${t.source.file}${t.source.pointer ? `#${t.source.pointer}` : ''}`).join('\n') + `\n${plural(tools.length, 'tool')}\n`,
  }),
  collections: command({
    summary: 'list imported collections with their ids, tool counts and whether they are kept whole',
    options: {},
    run: () =>
      withStudio('collections', async (studio) =>
        (await listCollections(studio.database.db)).map((c) => ({ id: c.id, name: c.name, format: c.format, tools: c.toolCount, keptWhole: c.keepWhole })),
      ),
    human: (cs) => cs.map((c) => `${c.id}  ${c.name} (${plural(c.tools, 'tool')})${c.keptWhole ? ' [kept whole]' : ''}`).join('\n') + `\n${plural(cs.length, 'collection')}\n`,
  }),
  graph: command({
    summary:
      'build the tool graph and domains [--threshold T] [--resolution R] [--min-size A] [--max-size B] [--seed S] [--neighbours K] [--vectors lexical|embeddings] [--no-llm-check] [--keep-whole COLLECTION_ID... | --no-keep-whole] (kept collections are one locked domain each, remembered for later builds)',
    options: {
      'keep-whole': { type: 'string', multiple: true },
      'no-keep-whole': { type: 'boolean', default: false },
      threshold: { type: 'string' },
      resolution: { type: 'string' },
      'min-size': { type: 'string' },
      'max-size': { type: 'string' },
      seed: { type: 'string' },
      neighbours: { type: 'string' },
      vectors: { type: 'string' },
      'no-llm-check': { type: 'boolean', default: false },
    },
    run: ({ values, positionals }) => {
      const num = (k: string) => (values[k] === undefined ? undefined : Number(values[k]));
      const keepWhole = keepWholeArgument(values['keep-whole'] as string[] | undefined, positionals, values['no-keep-whole'] === true);
      const parsed = graphJobInput.safeParse({
        keepWhole,
        threshold: num('threshold'),
        resolution: num('resolution'),
        minSize: num('min-size'),
        maxSize: num('max-size'),
        seed: num('seed'),
        maxNeighbours: num('neighbours'),
        vectors: values.vectors,
        llmCheck: !values['no-llm-check'],
      });
      if (!parsed.success) throw new UsageError(`graph: ${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}`);
      return withStudio('graph', (studio) =>
        runGraphBuild(studio.database.db, studio.config, parsed.data, async (p, m) => {
          process.stderr.write(`[${Math.round(p).toString().padStart(3)}%] ${m}\n`);
        }).catch((e: unknown) => {
          throw e instanceof UnknownCollectionError ? new UsageError(`graph: --keep-whole: ${e.message}`) : e;
        }),
      );
    },
    human: (r) =>
      `${plural(r.tools, 'tool')}, ${plural(r.edges, 'edge')}, ${plural(r.domains, 'domain')} (${plural(r.unassigned, 'tool')} unassigned), modularity ${r.modularity.toFixed(3)}, ${r.seconds} s\nLLM check: ${r.llmCheck}\n` +
      r.keptWhole.map((c) => `kept whole: ${c.name} (${plural(c.tools, 'tool')})\n`).join(''),
  }),
  domains: command({
    summary: 'list domains with their tools',
    options: {},
    run: () =>
      withStudio('domains', async (studio) => {
        const db = studio.database.db;
        const members = await domainMembers(db);
        return (await listDomains(db)).map((d) => ({ id: d.id, name: d.name, locked: d.locked, tools: members.get(d.id) ?? [] }));
      }),
    human: (ds) => ds.map((d) => `${d.name}${d.locked ? ' [locked]' : ''} (${d.tools.length}): ${d.tools.slice(0, 6).join(', ')}${d.tools.length > 6 ? ', …' : ''}`).join('\n') + `\n${plural(ds.length, 'domain')}\n`,
  }),
  envgen: command({
    summary: 'generate and validate environment versions: --domain ID (repeatable) | --all [--generator heuristic|llm] [--seed S] [--data FILE: ground one domain in a database file] [--reference FILE: with --generator llm, repair against real traces]',
    options: { domain: { type: 'string', multiple: true }, all: { type: 'boolean', default: false }, generator: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' }, reference: { type: 'string' } },
    run: ({ values }) => {
      const dataFile = values.data as string | undefined;
      if (dataFile !== undefined && (values.all || (values.domain as string[] | undefined)?.length !== 1)) throw new UsageError('envgen: --data grounds one domain: give exactly one --domain');
      const parsed = envgenInput.safeParse({
        domainIds: values.domain,
        all: values.all,
        generator: values.generator,
        seed: values.seed === undefined ? undefined : Number(values.seed),
      });
      if (!parsed.success) throw new UsageError(`envgen: ${usageIssues(parsed.error)}`);
      const text = dataFile === undefined ? undefined : readFileArgument(dataFile, MAX_DATA_BYTES);
      const referencePath = values.reference as string | undefined;
      if (referencePath !== undefined && (values.generator !== 'llm' || dataFile === undefined)) throw new UsageError('envgen: --reference feeds the LLM generator\'s repairs: use it with --generator llm and --data FILE');
      const reference = referencePath === undefined ? undefined : readReference(readFileArgument(referencePath, MAX_REFERENCE_BYTES), path.basename(referencePath));
      return withStudio('envgen', async (studio) => {
        const db = studio.database.db;
        const dataId = text === undefined ? undefined : (await attachData(db, parsed.data.domainIds![0]!, text, path.basename(dataFile!))).id;
        const out = await runEnvgen(
          db,
          studio.config,
          { ...parsed.data, dataId },
          async (p, m) => {
            process.stderr.write(`[${Math.round(p).toString().padStart(3)}%] ${m}\n`);
          },
          undefined,
          { reference },
        );
        for (const f of out.failures) process.stderr.write(`error: domain ${f.domain}: ${f.error}\n`);
        if (out.environments.length === 0 && out.failures.length > 0) throw new Error(`no environment was generated: ${out.failures[0]!.error}`);
        return out.environments;
      });
    },
    human: (rows) =>
      rows.map((r) => `${r.domainName}: version ${r.version}${r.data ? ` from ${r.data}` : ''}, ${plural(r.tables, 'table')}, ${r.passed}/${plural(r.tools, 'tool')} pass${r.valid ? '' : ' (not valid)'}${r.notes.map((n) => `\n  note: ${n}`).join('')}`).join('\n') +
      `\n${plural(rows.length, 'environment')}, ${rows.reduce((n, r) => n + r.passed, 0)} of ${plural(rows.reduce((n, r) => n + r.tools, 0), 'tool')} pass\n`,
  }),
  replay: command({
    summary: 'run calls on fresh copies of a version\'s data: --domain ID [--version N] --tasks FILE',
    options: { domain: { type: 'string' }, version: { type: 'string' }, tasks: { type: 'string' } },
    run: ({ values }) => {
      const { domainId, number } = versionArguments('replay', values);
      if (typeof values.tasks !== 'string') throw new UsageError('replay: --tasks FILE is required');
      const text = readFileArgument(values.tasks, MAX_REFERENCE_BYTES);
      return withStudio('replay', async (studio) => {
        const version = await domainVersion(studio.database.db, domainId, number);
        return replayOnVersion(studio.database.db, getSandbox(), { version, text, fileName: path.basename(values.tasks as string) });
      });
    },
    human: (tasks) =>
      tasks
        .map((t) => `task ${t.id}: ${t.calls.map((c) => `${c.name} ${c.ok ? 'ok' : `refused (${c.error})`}`).join(', ')}; ${plural(t.diff.length, 'row')} changed`)
        .join('\n') + `\n${plural(tasks.length, 'task')} replayed\n`,
  }),
  check: command({
    summary: 'fidelity score of a version against a reference: --domain ID [--version N] --reference FILE',
    options: { domain: { type: 'string' }, version: { type: 'string' }, reference: { type: 'string' } },
    run: ({ values }) => {
      const { domainId, number } = versionArguments('check', values);
      if (typeof values.reference !== 'string') throw new UsageError('check: --reference FILE is required');
      const text = readFileArgument(values.reference, MAX_REFERENCE_BYTES);
      return withStudio('check', async (studio) => {
        const version = await domainVersion(studio.database.db, domainId, number);
        const out = await checkReference(studio.database.db, getSandbox(), { version, text, fileName: path.basename(values.reference as string) });
        const { disagreements, ...score } = out.score;
        // The worst examples, not all of them: the full list is kept with the check in the studio.
        return { ...score, checkId: out.checkId, version: out.version.number, tasks: out.tasks, disagreements: { calls: disagreements.calls.slice(0, 10), tasks: disagreements.tasks.slice(0, 10) } };
      });
    },
    human: (s) =>
      [`version ${s.version}, ${plural(s.tasks, 'task')}`, ...(['load', 'calls', 'refusals', 'reads', 'rows', 'fields', 'final'] as const).map((k) => `${k.padEnd(9)} ${s[k].agree} / ${s[k].total}${s[k].total ? ` (${((s[k].agree / s[k].total) * 100).toFixed(1)}%)` : ''}`), ...s.load.errors.slice(0, 5).map((e) => `load error: ${e}`)].join('\n') + '\n',
  }),
  sample: command({
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
      const num = (k: string) => (values[k] === undefined ? undefined : Number(values[k]));
      const parsed = sampleJobInput.safeParse({
        domainIds: values.domain,
        all: values.all,
        intentWriter: values.intent,
        settings: { n: num('n'), seed: num('seed'), minCalls: num('min-calls'), maxCalls: num('max-calls'), rows: num('rows') },
      });
      if (!parsed.success) throw new UsageError(`sample: ${usageIssues(parsed.error)}`);
      return withStudio('sample', async (studio) => {
        const out = await runSample(studio.database.db, studio.config, parsed.data, async (p, m) => {
          process.stderr.write(`[${Math.round(p).toString().padStart(3)}%] ${m}\n`);
        });
        for (const d of out.domains) for (const note of d.notes) process.stderr.write(`note: ${d.domainName}: ${note}\n`);
        for (const f of out.failures) process.stderr.write(`error: domain ${f.domain}: ${f.error}\n`);
        if (out.domains.length === 0 && out.failures.length > 0) throw new Error(`no task was sampled: ${out.failures[0]!.error}`);
        return out.tasks;
      });
    },
    human: (tasks) => `${taskBlocks(tasks)}${tasks.length ? '\n\n' : ''}${tasks.length} new task${tasks.length === 1 ? '' : 's'}\n`,
  }),
  tasks: command({
    summary: 'print sampled tasks, each with its intent and its calls (name, arguments, result): [--domain ID] [--limit N] (the newest N, default 50)',
    options: {
      domain: { type: 'string' },
      limit: { type: 'string' },
    },
    run: ({ values }) => {
      const parsed = taskCallsInput.safeParse({ domainId: values.domain, limit: values.limit === undefined ? undefined : Number(values.limit) });
      if (!parsed.success) throw new UsageError(`tasks: ${usageIssues(parsed.error)}`);
      return withStudio('tasks', (studio) => readTasks(studio.database.db, parsed.data));
    },
    human: (tasks) => (tasks.length ? `${taskBlocks(tasks)}\n\n${tasks.length} task${tasks.length === 1 ? '' : 's'}\n` : 'no tasks: sample some first (cli sample)\n'),
  }),
  rollout: command({
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
      const num = (k: string) => (values[k] === undefined ? undefined : Number(values[k]));
      const policy = (v: unknown) => (v === undefined || v === 'offline' ? undefined : { kind: 'llm' as const, model: String(v), temperature: num('temperature') });
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
      if (launch.data.taskIds?.length && (values.all || launch.data.domainIds?.length)) throw new UsageError('rollout: give --tasks, or --domain / --all, not both');
      return withStudio('rollout', async (studio) => {
        const db = studio.database.db;
        const run = await createRunFor(db, studio.config, launch.data);
        const out = await runRollouts(db, studio.config, run.id, async (p, m) => {
          process.stderr.write(`[${Math.round(p).toString().padStart(3)}%] ${m}\n`);
        });
        const c = out.counts;
        return {
          run: run.id,
          trajectories: c.done,
          passed: { validity: c.validity, state: c.state, exact: c.exact },
          verdict: { passed: c.passed, rejected: c.done - c.passed, recovered: c.recovered },
          status: { completed: c.completed, max_turns: c.maxTurns, error: c.errors, failed: c.failed },
        };
      });
    },
    human: (o) =>
      // "failed" is the verification outcome here; a reviewer's verdict is "rejected", and a rollout whose LLM endpoint kept failing is "LLM failed".
      `run ${o.run}: ${plural(o.trajectories, 'trajectory')}, ${o.verdict.passed} passed (${o.verdict.recovered} recovered), ${o.verdict.rejected} failed verification\n` +
      `filters passed: validity ${o.passed.validity}, state ${o.passed.state}, exact ${o.passed.exact}\n` +
      `status: completed ${o.status.completed}, max turns ${o.status.max_turns}, error ${o.status.error}, LLM failed ${o.status.failed}\n`,
  }),
  export: command({
    summary: `write accepted trajectories as SFT data: --format ${EXPORT_FORMATS.join('|')} [--phase 1|2] [--target DOMAIN_ID...] [--include-passed] --out FILE (phase 2 without --target: the domains marked as targets)`,
    options: { format: { type: 'string' }, phase: { type: 'string' }, target: { type: 'string', multiple: true }, 'include-passed': { type: 'boolean', default: false }, out: { type: 'string' } },
    run: ({ values }) => {
      const parsed = exportFileInput.safeParse({
        format: values.format,
        phase: values.phase === undefined ? undefined : Number(values.phase),
        source: values['include-passed'] ? 'accepted_or_passed' : 'accepted',
        targets: values.target,
        out: values.out,
      });
      if (!parsed.success) throw new UsageError(`export: ${usageIssues(parsed.error)}`);
      return withStudio('export', async (studio) => {
        const { manifest, ...written } = await runExport(studio.database.db, parsed.data).catch((e: unknown) => {
          throw e instanceof ExportTargetsError ? new UsageError(`export: --target: ${e.message}`) : e;
        });
        return { ...written, format: manifest.format, phase: manifest.phase, source: manifest.source, domains: manifest.domains.length };
      });
    },
    human: (o) =>
      `${plural(o.records, 'record')} (${o.format}, phase ${o.phase}, ${o.source.replaceAll('_', ' ')}) from ${plural(o.domains, 'domain')} written to ${o.file}; manifest: ${o.manifestFile}\n` +
      (o.records === 0 && o.source === 'accepted' ? 'No trajectory is accepted yet: review them in the studio (Review), or add --include-passed for those that passed verification.\n' : ''),
  }),
  demo: command({
    summary: 'load the built-in demo collection and run every stage offline: import, graph, environments, tasks, rollouts with some noise',
    options: {},
    run: () =>
      withStudio('demo', (studio) =>
        runDemo(studio.database.db, studio.config, (p, m) => {
          process.stderr.write(`[${Math.round(p).toString().padStart(3)}%] ${m}\n`);
        }),
      ),
    human: (o) =>
      `${plural(o.tools, 'tool')}, ${plural(o.domains.length, 'domain')} (${o.domains.map((d) => d.name).join('; ')})\n${plural(o.environments, 'environment')} (${plural(o.validTools, 'valid tool')}), ${plural(o.tasks, 'task')}\n` +
      `run ${o.run.id}: ${plural(o.trajectories, 'trajectory')}, ${o.passed} passed (${o.recovered} recovered), ${o.rejected} failed verification: ready to review\n`,
  }),
};

/** zod issues as option names and messages: "--n: Too big: expected number to be <=1000". */
function usageIssues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const renamed: Record<string, string> = { domainIds: 'domain', domainId: 'domain', taskIds: 'tasks', intentWriter: 'intent', targets: 'target' };
  const option = (key: PropertyKey) => `--${renamed[String(key)] ?? String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  // The option is the innermost named field: ['settings', 'noise', 0] is --noise.
  const named = (path: PropertyKey[]) => [...path].reverse().find((k) => typeof k === 'string');
  return error.issues.map((i) => `${named(i.path) ? `${option(named(i.path)!)}: ` : ''}${i.message}`).join('; ');
}

type ImportResultDoc = {
  collections: Array<{ id: string; name: string; format: string; tools: number; warnings: Array<{ file: string; pointer: string; message: string }> }>;
  errors: Array<{ file: string; path: string; message: string }>;
};
type ToolDoc = {
  id: string;
  name: string;
  op: string;
  opReason: string;
  collection: string;
  description: string;
  parameters: unknown;
  /** The success response's schema, when the API documents or exemplifies one. */
  returns: unknown;
  /** Responses the API documents (OpenAPI examples, Postman saved responses). */
  examples: unknown[];
  source: { file: string; pointer?: string };
};

function recordOutcome(result: ImportResultDoc, arg: string, outcome: ImportOutcome) {
  if (outcome.status === 'duplicate') {
    const [first] = outcome.existing;
    result.errors.push({ file: arg, path: '', message: `already imported as "${first!.name}" (${first!.id}): pass --replace to replace it or --keep-both to import another copy` });
    return;
  }
  result.collections.push({ ...outcome.collection, warnings: outcome.warnings });
}

/** --domain ID [--version N], checked. */
function versionArguments(name: string, values: Record<string, unknown>): { domainId: string; number: number | undefined } {
  const domainId = values.domain;
  if (typeof domainId !== 'string' || !/^[0-9a-f-]{36}$/i.test(domainId)) throw new UsageError(`${name}: --domain ID is required (a domain id from \`cli domains --json\`)`);
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

export type CommandName = keyof typeof COMMANDS;
