/** Commands that import collections and list what they hold. */

import { listCollections } from '../../db/queries/collections';
import { listTools } from '../../db/queries/tools';
import type { ImportOutcome } from '../../stages/import';
import { ImportError } from '../../pipeline/tools/errors';
import { plural } from '../../../lib/text/plural';
import { readImportArgument } from '../files';
import { UsageError } from '../usage';
import { command, withStudio } from './shared';

export const importCommand = command({
  summary: 'import collections: FILE... (a folder imports as one collection) [--name N] [--replace|--keep-both]',
  options: { name: { type: 'string' }, replace: { type: 'boolean', default: false }, 'keep-both': { type: 'boolean', default: false } },
  run: ({ values, positionals }) => {
    if (positionals.length === 0) throw new UsageError('import needs at least one FILE or folder');
    if (values.replace && values['keep-both']) throw new UsageError('--replace and --keep-both cannot be used together');
    return withStudio('import', async (studio) => {
      const { importCollection } = await import('../../stages/import');
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
      // Each refusal on stderr as well, `file: path: message`, whether or not --json: a script sees
      // why from the exit code and stderr alone.
      for (const e of result.errors) process.stderr.write(`${[e.file, e.path, e.message].filter(Boolean).join(': ')}\n`);
      return result;
    });
  },
  human: (r) =>
    r.collections.map((c) => `imported ${c.name} (${c.format}): ${plural(c.tools, 'tool')}, ${plural(c.warnings.length, 'warning')}  [${c.id}]\n`).join(''),
  exitCode: (r) => (r.errors.length ? 1 : 0),
});

export const tools = command({
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
        for (const t of page.items)
          out.push({
            id: t.id,
            name: t.name,
            op: t.op,
            opReason: t.opReason,
            collection: t.collectionId,
            description: t.description,
            parameters: t.parameters,
            returns: t.returns,
            examples: t.examples ?? [],
            source: t.source,
          });
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    }),
  human: (tools) =>
    tools.map((t) => `${t.op.padEnd(5)} ${t.name}  ${t.source.file}${t.source.pointer ? `#${t.source.pointer}` : ''}`).join('\n') +
    `\n${plural(tools.length, 'tool')}\n`,
});

export const collections = command({
  summary: 'list imported collections with their ids, tool counts and whether they are kept whole',
  options: {},
  run: () =>
    withStudio('collections', async (studio) =>
      (await listCollections(studio.database.db)).map((c) => ({ id: c.id, name: c.name, format: c.format, tools: c.toolCount, keptWhole: c.keepWhole })),
    ),
  human: (cs) =>
    cs.map((c) => `${c.id}  ${c.name} (${plural(c.tools, 'tool')})${c.keptWhole ? ' [kept whole]' : ''}`).join('\n') + `\n${plural(cs.length, 'collection')}\n`,
});

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
    result.errors.push({
      file: arg,
      path: '',
      message: `already imported as "${first!.name}" (${first!.id}): pass --replace to replace it or --keep-both to import another copy`,
    });
    return;
  }
  result.collections.push({ ...outcome.collection, warnings: outcome.warnings });
}
