import { z } from 'zod';
import { invalid, notFound } from '../../kernel/errors';
import { getDomain } from '../../db/queries/domains';
import { importEnvironmentFile } from '../../db/queries/environment-files';
import { environmentsOverview, getEnvironmentVersion, latestEnvironmentVersion, listEnvironmentVersions } from '../../db/queries/environments';
import { envgenInput } from '../../stages/inputs';
import { environmentContent, environmentSchema } from '../../pipeline/environment/model';
import { typingsFor } from '../../pipeline/environment/types';
import { getSandbox } from '../../pipeline/sandbox/sandbox';
import { diffStates } from '../../pipeline/kernel/state';
import { versionInitialState } from '../../stages/environment-data';
import { checkToolEdit, compareEnvironmentVersions, restoreVersion, saveEdit } from '../../stages/environment-edits';
import { readProcedure, curateProcedure, router } from '../trpc';

async function version(db: Parameters<typeof getEnvironmentVersion>[0], id: string) {
  const v = await getEnvironmentVersion(db, id);
  if (!v) throw notFound(`No environment version ${id}`);
  return v;
}

/** The largest tool code the editor sends, in characters. */
const MAX_CODE_CHARS = 200_000;

/** The largest environment file an import takes, in characters (about 50 MB of ASCII JSON). */
const MAX_FILE_CHARS = 50 * 1024 * 1024;

export const environmentsRouter = router({
  overview: readProcedure.query(({ ctx }) => environmentsOverview(ctx.db)),
  /** A domain's environment: the latest version in full, the history, and Monaco typings. */
  forDomain: readProcedure.input(z.object({ domainId: z.uuid() })).query(async ({ ctx, input }) => {
    const db = ctx.db;
    const domain = await getDomain(db, input.domainId);
    if (!domain) throw notFound(`No domain ${input.domainId}`);
    const latest = await latestEnvironmentVersion(db, input.domainId);
    return {
      domain: { id: domain.id, name: domain.name, tools: domain.tools.length },
      latest,
      versions: await listEnvironmentVersions(db, input.domainId),
      typings: latest ? typingsFor(latest.content) : '',
    };
  }),
  version: readProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => version(ctx.db, input.id)),
  generate: curateProcedure.input(envgenInput).mutation(({ ctx, input }) => ctx.jobs.enqueue('envgen', input)),
  /**
   * Every save is a new version; it is validated before it is stored, and the report kept with it.
   * A failing edit comes back unsaved with its report (`saved: false`) unless `confirmFailing`.
   */
  save: curateProcedure
    .input(
      z.object({
        domainId: z.uuid(),
        parentId: z.uuid().nullable(),
        message: z.string().trim().max(500),
        content: environmentContent,
        confirmFailing: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => saveEdit(ctx.db, getSandbox(), input)),
  /** A new version equal to an old one (by number). */
  restore: curateProcedure
    .input(z.object({ domainId: z.uuid(), version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => restoreVersion(ctx.db, getSandbox(), input)),
  /** Two versions by number, file by file (schema and each tool's code), for the diff editor. */
  compare: readProcedure
    .input(z.object({ domainId: z.uuid(), from: z.number().int().min(1), to: z.number().int().min(1) }))
    .query(({ ctx, input }) => compareEnvironmentVersions(ctx.db, input)),
  /** One tool's unsaved code validated in the sandbox as a save would, while it is being typed. */
  checkTool: curateProcedure
    .input(z.object({ domainId: z.uuid(), tool: z.string().min(1), code: z.string().max(MAX_CODE_CHARS), schema: environmentSchema.optional() }))
    .mutation(({ ctx, input }) => checkToolEdit(ctx.db, getSandbox(), input)),
  /** Reads an environment file (its text) into a new version of the domain, with its tasks. */
  importFile: curateProcedure
    .input(
      z.object({
        domainId: z.uuid(),
        fileName: z.string().trim().min(1).max(255),
        text: z.string().max(MAX_FILE_CHARS, `the file is too large (at most ${MAX_FILE_CHARS / 1024 / 1024} MB)`),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.db;
      if (!(await getDomain(db, input.domainId))) throw notFound(`No domain ${input.domainId}`);
      return importEnvironmentFile(db, getSandbox(), input.domainId, input.text, input.fileName);
    }),
  seedState: readProcedure.input(z.object({ versionId: z.uuid(), seed: z.number().int().min(0).default(7) })).query(async ({ ctx, input }) => {
    const v = await version(ctx.db, input.versionId);
    return versionInitialState(ctx.db, v, input.seed);
  }),
  /** Runs one tool (the saved code, or an unsaved edit) on the version's seed state: result and row diff. */
  tryTool: curateProcedure
    .input(
      z.object({
        versionId: z.uuid(),
        toolName: z.string(),
        code: z.string().max(MAX_CODE_CHARS).optional(),
        args: z.record(z.string(), z.unknown()),
        seed: z.number().int().min(0).default(7),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const v = await version(ctx.db, input.versionId);
      const tool = v.content.tools.find((t) => t.name === input.toolName);
      if (!tool) throw invalid(`No tool ${input.toolName} in version ${v.number}`);
      const before = await versionInitialState(ctx.db, v, input.seed);
      const outcome = await getSandbox().run(input.code ?? tool.code, before, input.args, { seed: input.seed });
      return {
        outcome: { ok: outcome.ok, ms: outcome.ms, result: outcome.ok ? outcome.result : undefined, error: outcome.ok ? undefined : outcome.error },
        diff: outcome.ok && outcome.state ? diffStates(before, outcome.state) : [],
      };
    }),
});
