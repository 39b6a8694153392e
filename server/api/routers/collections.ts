import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { deleteCollection, getCollection, listCollections, renameCollection } from '../../db/queries/collections';
import { deleteUploads } from '../../db/queries/uploads';
import { importJobInput } from '../../stages/inputs';
import { readProcedure, curateProcedure, router } from '../trpc';

const byId = z.object({ id: z.uuid() });

export const collectionsRouter = router({
  list: readProcedure.query(({ ctx }) => listCollections(ctx.db)),
  get: readProcedure.input(byId).query(async ({ ctx, input }) => {
    const row = await getCollection(ctx.db, input.id);
    if (!row) throw notFound(`No collection ${input.id}`);
    return row;
  }),
  /** Starts the import job for files already uploaded (see /api/uploads). */
  import: curateProcedure.input(importJobInput).mutation(({ ctx, input }) => ctx.jobs.enqueue('import', input)),
  discardUploads: curateProcedure.input(z.object({ ids: z.array(z.uuid()).max(20_000) })).mutation(({ ctx, input }) => deleteUploads(ctx.db, input.ids)),
  rename: curateProcedure.input(byId.extend({ name: z.string().trim().min(1).max(200) })).mutation(async ({ ctx, input }) => {
    if (!(await renameCollection(ctx.db, input.id, input.name))) throw notFound(`No collection ${input.id}`);
  }),
  delete: curateProcedure.input(byId).mutation(async ({ ctx, input }) => {
    if (!(await deleteCollection(ctx.db, input.id))) throw notFound(`No collection ${input.id}`);
  }),
});
