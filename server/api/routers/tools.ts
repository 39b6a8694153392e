import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { countTools, getTool, listTools, setToolOp, toolFormats, toolListInput } from '../../db/queries/tools';
import { readProcedure, curateProcedure, router } from '../trpc';

const filterInput = toolListInput.pick({ collectionId: true, search: true, op: true, format: true });

export const toolsRouter = router({
  list: readProcedure.input(toolListInput.omit({ full: true })).query(({ ctx, input }) => listTools(ctx.db, input)),
  count: readProcedure.input(filterInput).query(({ ctx, input }) => countTools(ctx.db, input)),
  formats: readProcedure.query(({ ctx }) => toolFormats(ctx.db)),
  get: readProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const tool = await getTool(ctx.db, input.id);
    if (!tool) throw notFound(`No tool ${input.id}`);
    return tool;
  }),
  setOp: curateProcedure.input(z.object({ id: z.uuid(), op: z.enum(['read', 'write', 'auto']) })).mutation(async ({ ctx, input }) => {
    const tool = await setToolOp(ctx.db, input.id, input.op);
    if (!tool) throw notFound(`No tool ${input.id}`);
    return tool;
  }),
});
