import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { getTask, listTasks, taskListInput, tasksOverview } from '../../db/queries/tasks';
import { sampleJobInput } from '../../stages/inputs';
import { diffStates } from '../../pipeline/kernel/state';
import { readProcedure, curateProcedure, router } from '../trpc';

export const tasksRouter = router({
  overview: readProcedure.query(({ ctx }) => tasksOverview(ctx.db)),
  list: readProcedure.input(taskListInput).query(({ ctx, input }) => listTasks(ctx.db, input)),
  /** A task in full, with the rows its gold calls change (initial → gold final). */
  get: readProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const task = await getTask(ctx.db, input.id);
    if (!task) throw notFound(`No task ${input.id}`);
    return { ...task, goldDiff: diffStates(task.initialState, task.finalState) };
  }),
  sample: curateProcedure.input(sampleJobInput).mutation(({ ctx, input }) => ctx.jobs.enqueue('sample', input)),
});
