import { publicConfig } from '../../config';
import { studioStatus } from '../../db/queries/health';
import { demoSpaceBefore } from '../../stages/demo';
import { publicProcedure, router } from '../trpc';

export const systemRouter = router({
  status: publicProcedure.query(({ ctx }) => studioStatus(ctx.studio)),
  config: publicProcedure.query(({ ctx }) => publicConfig(ctx.config)),
  /** What Load demo would leave alone: the domains of the studio's own (then the demo is graphed on its own). */
  demoSpace: publicProcedure.query(({ ctx }) => demoSpaceBefore(ctx.db)),
});
