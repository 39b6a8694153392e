import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { countTools, getTool, listTools, setToolOp, toolFormats, toolListInput } from '../../db/queries/tools';
import { publicProcedure, router } from '../trpc';

const filterInput = toolListInput.pick({ collectionId: true, search: true, op: true, format: true });

export const toolsRouter = router({
  list: publicProcedure.input(toolListInput.omit({ full: true })).query(({ ctx, input }) => listTools(ctx.db, input)),
  count: publicProcedure.input(filterInput).query(({ ctx, input }) => countTools(ctx.db, input)),
  formats: publicProcedure.query(({ ctx }) => toolFormats(ctx.db)),
  get: publicProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const tool = await getTool(ctx.db, input.id);
    if (!tool) throw notFound(`No tool ${input.id}`);
    return tool;
  }),
  setOp: publicProcedure.input(z.object({ id: z.uuid(), op: z.enum(['read', 'write', 'auto']) })).mutation(async ({ ctx, input }) => {
    const tool = await setToolOp(ctx.db, input.id, input.op);
    if (!tool) throw notFound(`No tool ${input.id}`);
    return tool;
  }),
});
