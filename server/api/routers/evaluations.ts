import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { evaluationListInput, getEvaluation, listEvaluations } from '../../db/queries/evaluations';
import { holdOutInput, launchEvaluationInput } from '../../stages/inputs';
import { evaluationReport, holdOutTasks, launchEvaluation, resumeEvaluation } from '../../stages/evaluate';
import { readProcedure, curateProcedure, router } from '../trpc';

const byId = z.object({ id: z.uuid() });

/** Evaluation runs (pass^k over k trials per task) and the held-out split they run on. */
export const evaluationsRouter = router({
  /** Newest first, each with its stored summary (null while it runs) and its job's state. */
  list: readProcedure.input(evaluationListInput).query(({ ctx, input }) => listEvaluations(ctx.db, input)),
  /** One evaluation's settings, progress and report (pass^k with intervals, per domain, failures by filter, tool and domain). */
  get: readProcedure.input(byId).query(async ({ ctx, input }) => {
    const evaluation = await getEvaluation(ctx.db, input.id);
    if (!evaluation) throw notFound(`No evaluation ${input.id}`);
    const { taskIds: _, summary: __, ...rest } = evaluation;
    return { ...rest, report: await evaluationReport(ctx.db, input.id) };
  }),
  /** Several evaluations' reports, in the order asked, to show side by side. */
  compare: readProcedure
    .input(z.object({ ids: z.array(z.uuid()).min(1).max(8) }))
    .query(({ ctx, input }) => Promise.all(input.ids.map((id) => evaluationReport(ctx.db, id)))),
  launch: curateProcedure
    .input(launchEvaluationInput)
    .mutation(({ ctx, input }) => launchEvaluation(ctx.db, ctx.config, (i) => ctx.jobs.enqueue('evaluate', i), input)),
  resume: curateProcedure.input(byId).mutation(({ ctx, input }) => resumeEvaluation(ctx.db, (i) => ctx.jobs.enqueue('evaluate', i), input.id)),
  cancel: curateProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const evaluation = await getEvaluation(ctx.db, input.id);
    if (!evaluation?.jobId) throw notFound(`No evaluation ${input.id} with a job`);
    return ctx.jobs.cancel(evaluation.jobId);
  }),
  /** Holds out a share of each domain's tasks (the rest go back to training). */
  holdOut: curateProcedure.input(holdOutInput).mutation(({ ctx, input }) => holdOutTasks(ctx.db, input)),
});
