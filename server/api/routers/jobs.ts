import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import { getJob, listJobs } from '../../db/queries/jobs';
import { JOB_KIND_NAMES } from '../../jobs/kinds';
import { readProcedure, curateProcedure, router } from '../trpc';

const jobId = z.object({ id: z.uuid() });

export const jobsRouter = router({
  list: readProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.object({ createdAt: z.date(), id: z.uuid() }).nullish(),
      }),
    )
    .query(({ ctx, input }) => listJobs(ctx.db, input)),
  get: readProcedure.input(jobId).query(async ({ ctx, input }) => {
    const job = await getJob(ctx.db, input.id);
    if (!job) throw notFound(`No job ${input.id}`);
    return job;
  }),
  start: curateProcedure
    .input(z.object({ kind: z.enum(JOB_KIND_NAMES as [string, ...string[]]), input: z.unknown().optional() }))
    .mutation(({ ctx, input }) => ctx.jobs.enqueue(input.kind as (typeof JOB_KIND_NAMES)[number], input.input ?? {})),
  cancel: curateProcedure.input(jobId).mutation(async ({ ctx, input }) => {
    const job = await ctx.jobs.cancel(input.id);
    if (!job) throw notFound(`No job ${input.id}`);
    return job;
  }),
});
