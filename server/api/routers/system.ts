import { publicConfig } from '../../config';
import { studioStatus } from '../../db/queries/health';
import { publicProcedure, router } from '../trpc';

export const systemRouter = router({
  status: publicProcedure.query(({ ctx }) => studioStatus(ctx.studio)),
  config: publicProcedure.query(({ ctx }) => publicConfig(ctx.studio.config)),
});
