import { publicConfig } from '../../config';
import { studioStatus } from '../../db/queries/health';
import { demoSpaceBefore } from '../../stages/demo';
import { readProcedure, router } from '../trpc';

export const systemRouter = router({
  status: readProcedure.query(({ ctx }) => studioStatus(ctx.studio)),
  config: readProcedure.query(({ ctx }) => publicConfig(ctx.config)),
  /** What Load demo would leave alone: the domains of the studio's own (then the demo is graphed on its own). */
  demoSpace: readProcedure.query(({ ctx }) => demoSpaceBefore(ctx.db)),
});
