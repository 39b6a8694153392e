import { z } from 'zod';
import {
  assignInput,
  assignReviews,
  BULK_LIMIT,
  countReviewQueue,
  listReviewers,
  listReviewQueue,
  REJECT_REASONS,
  reviewAgreement,
  reviewFilter,
  reviewHistory,
  reviewMany,
  reviewQueueInput,
  reviewSelection,
  reviewTrajectory,
  selectionView,
  verdictInput,
} from '../../db/queries/reviews';
import { curateProcedure, readProcedure, reviewProcedure, router } from '../trpc';

export const reviewsRouter = router({
  presets: readProcedure.query(() => ({ reasons: REJECT_REASONS, bulkLimit: BULK_LIMIT })),
  queue: readProcedure.input(reviewQueueInput).query(({ ctx, input }) => listReviewQueue(ctx.db, input, ctx.user.id)),
  count: readProcedure.input(reviewFilter).query(({ ctx, input }) => countReviewQueue(ctx.db, input, ctx.user.id)),
  /** What a bulk verdict's confirmation shows, and sends back to be checked. */
  selection: readProcedure.input(reviewFilter).query(({ ctx, input }) => reviewSelection(ctx.db, input, ctx.user.id)),
  history: readProcedure.input(z.object({ trajectoryId: z.uuid() })).query(({ ctx, input }) => reviewHistory(ctx.db, input.trajectoryId)),
  review: reviewProcedure
    .input(z.object({ trajectoryId: z.uuid(), verdict: verdictInput }))
    .mutation(({ ctx, input }) => reviewTrajectory(ctx.db, input.trajectoryId, input.verdict, ctx.user)),
  bulk: reviewProcedure
    .input(z.object({ filter: reviewFilter, verdict: verdictInput, expected: selectionView.optional() }))
    .mutation(({ ctx, input }) => reviewMany(ctx.db, input.filter, input.verdict, ctx.user, input.expected).then((count) => ({ count }))),
  agreement: readProcedure.input(reviewFilter).query(({ ctx, input }) => reviewAgreement(ctx.db, input, ctx.user.id)),
  reviewers: readProcedure.query(({ ctx }) => listReviewers(ctx.db)),
  /** Splitting the queue among people is a lead's call: curators and admins. */
  assign: curateProcedure.input(assignInput).mutation(({ ctx, input }) => assignReviews(ctx.db, input, ctx.user)),
});
