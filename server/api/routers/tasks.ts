import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { getTask, listTasks, taskListInput, tasksOverview } from '../../db/queries/tasks';
import { sampleJobInput } from '../../stages/inputs';
import { diffStates } from '../../pipeline/kernel/state';
import { publicProcedure, router } from '../trpc';

export const tasksRouter = router({
  overview: publicProcedure.query(({ ctx }) => tasksOverview(ctx.db)),
  list: publicProcedure.input(taskListInput).query(({ ctx, input }) => listTasks(ctx.db, input)),
  /** A task in full, with the rows its gold calls change (initial → gold final). */
  get: publicProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const task = await getTask(ctx.db, input.id);
    if (!task) throw notFound(`No task ${input.id}`);
    return { ...task, goldDiff: diffStates(task.initialState, task.finalState) };
  }),
  sample: publicProcedure.input(sampleJobInput).mutation(({ ctx, input }) => ctx.jobs.enqueue('sample', input)),
});
