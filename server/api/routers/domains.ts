import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import {
  curate,
  curationHistory,
  getDomain,
  listDomains,
  outsideInput,
  setDomainTargets,
  toolsOutsideDomains,
  unassignedCounts,
} from '../../db/queries/domains';
import { edgesAmong } from '../../db/queries/graph';
import { readProcedure, curateProcedure, router } from '../trpc';

const id = z.uuid();
const toolIds = z.array(z.uuid()).min(1).max(10_000);

export const domainsRouter = router({
  list: readProcedure.query(async ({ ctx }) => {
    const db = ctx.db;
    return { domains: await listDomains(db), ...(await unassignedCounts(db)) };
  }),
  get: readProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const db = ctx.db;
    const domain = await getDomain(db, input.id);
    if (!domain) throw notFound(`No domain ${input.id}: it may have been merged or replaced by a rebuild`);
    return {
      ...domain,
      edges: await edgesAmong(
        db,
        domain.tools.map((t) => t.id),
      ),
    };
  }),
  /** Tools outside every domain: unassigned, or dropped by a person (a move brings either back). */
  outside: readProcedure.input(outsideInput).query(({ ctx, input }) => toolsOutsideDomains(ctx.db, input)),
  history: readProcedure.query(({ ctx }) => curationHistory(ctx.db)),
  rename: curateProcedure
    .input(z.object({ id, name: z.string().trim().min(1).max(120) }))
    .mutation(({ ctx, input }) => curate.rename(ctx.db, input.id, input.name)),
  lock: curateProcedure.input(z.object({ id, locked: z.boolean() })).mutation(({ ctx, input }) => curate.lock(ctx.db, input.id, input.locked)),
  merge: curateProcedure
    .input(z.object({ into: id, from: z.array(id).min(1).max(1000) }))
    .mutation(({ ctx, input }) => curate.merge(ctx.db, input.into, input.from)),
  split: curateProcedure
    .input(z.object({ from: id, toolIds, name: z.string().trim().max(120).optional() }))
    .mutation(({ ctx, input }) => curate.split(ctx.db, input.from, input.toolIds, input.name)),
  move: curateProcedure.input(z.object({ toolIds, to: id.nullable() })).mutation(({ ctx, input }) => curate.move(ctx.db, input.toolIds, input.to)),
  drop: curateProcedure.input(z.object({ toolIds })).mutation(({ ctx, input }) => curate.drop(ctx.db, input.toolIds)),
  /** Marks or unmarks vertical targets (phase 2 of an export). */
  setTarget: curateProcedure
    .input(z.object({ ids: z.array(id).min(1).max(100_000), target: z.boolean() }))
    .mutation(async ({ ctx, input }) => ({ changed: await setDomainTargets(ctx.db, input.ids, input.target) })),
  undo: curateProcedure.mutation(({ ctx }) => curate.undo(ctx.db)),
});
