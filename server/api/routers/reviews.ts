import { z } from 'zod';
import { BULK_LIMIT, countReviewQueue, listReviewQueue, REJECT_REASONS, reviewFilter, reviewHistory, reviewMany, reviewQueueInput, reviewTrajectory, verdictInput } from '../../db/queries/reviews';
import { readProcedure, reviewProcedure, router } from '../trpc';

export const reviewsRouter = router({
  presets: readProcedure.query(() => ({ reasons: REJECT_REASONS, bulkLimit: BULK_LIMIT })),
  queue: readProcedure.input(reviewQueueInput).query(({ ctx, input }) => listReviewQueue(ctx.db, input)),
  count: readProcedure.input(reviewFilter).query(({ ctx, input }) => countReviewQueue(ctx.db, input)),
  history: readProcedure.input(z.object({ trajectoryId: z.uuid() })).query(({ ctx, input }) => reviewHistory(ctx.db, input.trajectoryId)),
  review: reviewProcedure
    .input(z.object({ trajectoryId: z.uuid(), verdict: verdictInput }))
    .mutation(({ ctx, input }) => reviewTrajectory(ctx.db, input.trajectoryId, input.verdict, ctx.user)),
  bulk: reviewProcedure
    .input(z.object({ filter: reviewFilter, verdict: verdictInput }))
    .mutation(({ ctx, input }) => reviewMany(ctx.db, input.filter, input.verdict, ctx.user).then((count) => ({ count }))),
});
