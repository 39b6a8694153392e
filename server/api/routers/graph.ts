import { z } from 'zod';
import { domainOverview, latestBuild, listBuilds } from '../../db/queries/graph';
import { listDomains } from '../../db/queries/domains';
import { edgeReason, findTools, toolGraph } from '../../db/queries/tool-graph';
import { dryRunGraphBuild } from '../../stages/graph/dry-run';
import { previewGraph } from '../../stages/graph/preview';
import { graphJobInput } from '../../stages/inputs';
import { graphParams } from '../../pipeline/graph/model';
import { readProcedure, curateProcedure, router } from '../trpc';

export const graphRouter = router({
  /** The default parameters, for the build form. */
  defaults: readProcedure.query(() => graphJobInput.parse({})),
  latest: readProcedure.query(({ ctx }) => latestBuild(ctx.db)),
  builds: readProcedure.input(z.object({ limit: z.number().int().min(1).max(100).default(20) })).query(({ ctx, input }) => listBuilds(ctx.db, input.limit)),
  /** Each domain a node (sized by tools) and the summed edge weight between domains. */
  overview: readProcedure.query(async ({ ctx }) => {
    const db = ctx.db;
    const [{ build, links }, domains] = await Promise.all([domainOverview(db), listDomains(db)]);
    return { build, domains, links };
  }),
  /** The tool graph: every tool up to the cap, else `overview` (see TOOL_CAP); or one domain's tools. */
  tools: readProcedure.input(z.object({ domainId: z.uuid().optional() })).query(({ ctx, input }) => toolGraph(ctx.db, input)),
  /** Why two tools are joined, on hover. */
  edge: readProcedure.input(z.object({ source: z.uuid(), target: z.uuid() })).query(({ ctx, input }) => edgeReason(ctx.db, input.source, input.target)),
  /** Tools by name with their domain, for a graph too large to search in the browser. */
  find: readProcedure
    .input(z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => findTools(ctx.db, input.q, input.limit)),
  preview: readProcedure
    .input(graphParams.extend({ keepWhole: graphJobInput.shape.keepWhole }))
    .query(({ ctx, input: { keepWhole, ...params } }) => previewGraph(ctx.db, params, keepWhole)),
  /** What a build with these settings would keep, retire and make, before it runs (the form asks before retiring curated work). */
  plan: readProcedure.input(graphJobInput).query(({ ctx, input }) => dryRunGraphBuild(ctx.db, input)),
  build: curateProcedure.input(graphJobInput).mutation(({ ctx, input }) => ctx.jobs.enqueue('graph', input)),
});
