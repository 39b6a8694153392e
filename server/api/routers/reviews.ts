import { z } from 'zod';
import { BULK_LIMIT, countReviewQueue, listReviewQueue, REJECT_REASONS, reviewFilter, reviewHistory, reviewMany, reviewQueueInput, reviewTrajectory, verdictInput } from '../../db/queries/reviews';
import { publicProcedure, router } from '../trpc';

export const reviewsRouter = router({
  presets: publicProcedure.query(() => ({ reasons: REJECT_REASONS, bulkLimit: BULK_LIMIT })),
  queue: publicProcedure.input(reviewQueueInput).query(({ ctx, input }) => listReviewQueue(ctx.db, input)),
  count: publicProcedure.input(reviewFilter).query(({ ctx, input }) => countReviewQueue(ctx.db, input)),
  history: publicProcedure.input(z.object({ trajectoryId: z.uuid() })).query(({ ctx, input }) => reviewHistory(ctx.db, input.trajectoryId)),
  review: publicProcedure
    .input(z.object({ trajectoryId: z.uuid(), verdict: verdictInput }))
    .mutation(({ ctx, input }) => reviewTrajectory(ctx.db, input.trajectoryId, input.verdict)),
  bulk: publicProcedure
    .input(z.object({ filter: reviewFilter, verdict: verdictInput }))
    .mutation(({ ctx, input }) => reviewMany(ctx.db, input.filter, input.verdict).then((count) => ({ count }))),
});
