import { collectionsRouter } from './routers/collections';
import { jobsRouter } from './routers/jobs';
import { toolsRouter } from './routers/tools';
import { systemRouter } from './routers/system';
import { router } from './trpc';

export const appRouter = router({
  system: systemRouter,
  jobs: jobsRouter,
  collections: collectionsRouter,
  tools: toolsRouter,
});

export type AppRouter = typeof appRouter;
