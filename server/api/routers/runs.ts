import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { getRun, listRuns, runListInput } from '../../db/queries/runs';
import { getTrajectory, listTrajectories, trajectoryListInput, trajectoryNeighbours } from '../../db/queries/trajectories';
import { launchRunInput } from '../../stages/inputs';
import { launchRun, resumeRun } from '../../stages/rollout';
import { diffStates } from '../../pipeline/kernel/state';
import { readProcedure, curateProcedure, router } from '../trpc';

const byId = z.object({ id: z.uuid() });

export const runsRouter = router({
  list: readProcedure.input(runListInput).query(({ ctx, input }) => listRuns(ctx.db, input)),
  get: readProcedure.input(byId).query(async ({ ctx, input }) => {
    const run = await getRun(ctx.db, input.id);
    if (!run) throw notFound(`No run ${input.id}`);
    const { taskIds: _, ...rest } = run;
    return rest;
  }),
  launch: curateProcedure.input(launchRunInput).mutation(({ ctx, input }) => launchRun(ctx.db, ctx.config, (i) => ctx.jobs.enqueue('rollout', i), input)),
  resume: curateProcedure.input(byId).mutation(({ ctx, input }) => resumeRun(ctx.db, (i) => ctx.jobs.enqueue('rollout', i), input.id)),
  cancel: curateProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const run = await getRun(ctx.db, input.id);
    if (!run?.jobId) throw notFound(`No run ${input.id} with a job`);
    return ctx.jobs.cancel(run.jobId);
  }),
  trajectories: readProcedure.input(trajectoryListInput).query(({ ctx, input }) => listTrajectories(ctx.db, input)),
  /** A trajectory in full, its task, the final-vs-gold row diff, and its neighbours in the run. */
  trajectory: readProcedure.input(byId).query(async ({ ctx, input }) => {
    const db = ctx.db;
    const row = await getTrajectory(db, input.id);
    if (!row) throw notFound(`No trajectory ${input.id}`);
    const { trajectory, task } = row;
    return {
      trajectory,
      task: {
        id: task.id,
        intent: task.intent,
        calls: task.calls,
        readOnly: task.readOnly,
        seed: task.seed,
        initialState: task.initialState,
        finalState: task.finalState,
      },
      finalVsGold: trajectory.finalState ? diffStates(task.finalState, trajectory.finalState) : null,
      neighbours: await trajectoryNeighbours(db, trajectory.runId, trajectory.seq),
    };
  }),
});
