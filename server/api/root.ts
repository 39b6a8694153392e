import { jobsRouter } from './routers/jobs';
import { systemRouter } from './routers/system';
import { router } from './trpc';

export const appRouter = router({
  system: systemRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
