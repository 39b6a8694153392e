import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { curate, curationHistory, CurationError, getDomain, listDomains, outsideInput, setDomainTargets, toolsOutsideDomains, unassignedCounts } from '../../db/queries/domains';
import { edgesAmong } from '../../db/queries/graph';
import { publicProcedure, router } from '../trpc';

const id = z.uuid();
const toolIds = z.array(z.uuid()).min(1).max(10_000);

/** Curation errors are the user's to fix: say what, as a 400, not a server error. */
async function curation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CurationError) throw new TRPCError({ code: 'BAD_REQUEST', message: e.message });
    throw e;
  }
}

export const domainsRouter = router({
  list: publicProcedure.query(async ({ ctx }) => {
    const db = ctx.studio.database.db;
    return { domains: await listDomains(db), ...(await unassignedCounts(db)) };
  }),
  get: publicProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const db = ctx.studio.database.db;
    const domain = await getDomain(db, input.id);
    if (!domain) throw new TRPCError({ code: 'NOT_FOUND', message: `No domain ${input.id}: it may have been merged or replaced by a rebuild` });
    return { ...domain, edges: await edgesAmong(db, domain.tools.map((t) => t.id)) };
  }),
  /** Tools outside every domain: unassigned, or dropped by a person (a move brings either back). */
  outside: publicProcedure.input(outsideInput).query(({ ctx, input }) => toolsOutsideDomains(ctx.studio.database.db, input)),
  history: publicProcedure.query(({ ctx }) => curationHistory(ctx.studio.database.db)),
  rename: publicProcedure.input(z.object({ id, name: z.string().trim().min(1).max(120) })).mutation(({ ctx, input }) => curation(() => curate.rename(ctx.studio.database.db, input.id, input.name))),
  lock: publicProcedure.input(z.object({ id, locked: z.boolean() })).mutation(({ ctx, input }) => curation(() => curate.lock(ctx.studio.database.db, input.id, input.locked))),
  merge: publicProcedure.input(z.object({ into: id, from: z.array(id).min(1).max(1000) })).mutation(({ ctx, input }) => curation(() => curate.merge(ctx.studio.database.db, input.into, input.from))),
  split: publicProcedure
    .input(z.object({ from: id, toolIds, name: z.string().trim().max(120).optional() }))
    .mutation(({ ctx, input }) => curation(() => curate.split(ctx.studio.database.db, input.from, input.toolIds, input.name))),
  move: publicProcedure.input(z.object({ toolIds, to: id.nullable() })).mutation(({ ctx, input }) => curation(() => curate.move(ctx.studio.database.db, input.toolIds, input.to))),
  drop: publicProcedure.input(z.object({ toolIds })).mutation(({ ctx, input }) => curation(() => curate.drop(ctx.studio.database.db, input.toolIds))),
  /** Marks or unmarks vertical targets (phase 2 of an export). */
  setTarget: publicProcedure.input(z.object({ ids: z.array(id).min(1).max(100_000), target: z.boolean() })).mutation(async ({ ctx, input }) => ({ changed: await setDomainTargets(ctx.studio.database.db, input.ids, input.target) })),
  undo: publicProcedure.mutation(({ ctx }) => curation(() => curate.undo(ctx.studio.database.db))),
});
