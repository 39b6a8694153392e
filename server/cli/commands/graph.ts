/** Commands that build the tool graph and list its domains. */

import { domainMembers, listDomains } from '../../db/queries/domains';
import { UnknownCollectionError } from '../../stages/graph/keep-whole';
import { graphJobInput } from '../../stages/inputs';
import { plural } from '../../../lib/text/plural';
import { UsageError } from '../usage';
import { command, numberOptions, reportProgress, withStudio } from './shared';

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

export const graph = command({
  summary:
    'build the tool graph and domains [--threshold T] [--resolution R] [--min-size A] [--max-size B] [--seed S] [--neighbours K] [--anchors N] [--join-size J] [--no-documents] [--vectors lexical|embeddings] [--no-llm-check] [--keep-whole COLLECTION_ID... | --no-keep-whole] (kept collections are one locked domain each, remembered for later builds)',
  options: {
    'keep-whole': { type: 'string', multiple: true },
    'no-keep-whole': { type: 'boolean', default: false },
    threshold: { type: 'string' },
    resolution: { type: 'string' },
    'min-size': { type: 'string' },
    'max-size': { type: 'string' },
    seed: { type: 'string' },
    neighbours: { type: 'string' },
    anchors: { type: 'string' },
    'join-size': { type: 'string' },
    'no-documents': { type: 'boolean', default: false },
    vectors: { type: 'string' },
    'no-llm-check': { type: 'boolean', default: false },
  },
  run: ({ values, positionals }) => {
    const num = numberOptions(values);
    const keepWhole = keepWholeArgument(values['keep-whole'] as string[] | undefined, positionals, values['no-keep-whole'] === true);
    const parsed = graphJobInput.safeParse({
      keepWhole,
      threshold: num('threshold'),
      resolution: num('resolution'),
      minSize: num('min-size'),
      maxSize: num('max-size'),
      seed: num('seed'),
      maxNeighbours: num('neighbours'),
      anchors: num('anchors'),
      joinSize: num('join-size'),
      documents: !values['no-documents'],
      vectors: values.vectors,
      llmCheck: !values['no-llm-check'],
    });
    if (!parsed.success) throw new UsageError(`graph: ${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}`);
    return withStudio('graph', async (studio) => {
      const { runGraphBuild } = await import('../../stages/graph/build');
      return runGraphBuild(studio.database.db, studio.config, parsed.data, reportProgress).catch((e: unknown) => {
        throw e instanceof UnknownCollectionError ? new UsageError(`graph: --keep-whole: ${e.message}`) : e;
      });
    });
  },
  human: (r) =>
    `${plural(r.tools, 'tool')}, ${plural(r.edges, 'edge')}, ${plural(r.domains, 'domain')} (${plural(r.unassigned, 'tool')} unassigned), modularity ${r.modularity.toFixed(3)}, ${r.seconds} s\nLLM check: ${r.llmCheck}\n` +
    r.keptWhole.map((c) => `kept whole: ${c.name} (${plural(c.tools, 'tool')})\n`).join(''),
});

export const domains = command({
  summary: 'list domains with their tools',
  options: {},
  run: () =>
    withStudio('domains', async (studio) => {
      const db = studio.database.db;
      const members = await domainMembers(db);
      return (await listDomains(db)).map((d) => ({ id: d.id, name: d.name, locked: d.locked, tools: members.get(d.id) ?? [] }));
    }),
  human: (ds) =>
    ds
      .map((d) => `${d.name}${d.locked ? ' [locked]' : ''} (${d.tools.length}): ${d.tools.slice(0, 6).join(', ')}${d.tools.length > 6 ? ', …' : ''}`)
      .join('\n') + `\n${plural(ds.length, 'domain')}\n`,
});
