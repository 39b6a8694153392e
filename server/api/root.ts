import { accountRouter, usersRouter } from './routers/account';
import { collectionsRouter } from './routers/collections';
import { domainsRouter } from './routers/domains';
import { environmentDataRouter } from './routers/environment-data';
import { environmentsRouter } from './routers/environments';
import { evaluationsRouter } from './routers/evaluations';
import { exportsRouter } from './routers/exports';
import { graphRouter } from './routers/graph';
import { jobsRouter } from './routers/jobs';
import { keysRouter } from './routers/keys';
import { toolsRouter } from './routers/tools';
import { reviewsRouter } from './routers/reviews';
import { runsRouter } from './routers/runs';
import { systemRouter } from './routers/system';
import { tasksRouter } from './routers/tasks';
import { router } from './trpc';

export const appRouter = router({
  account: accountRouter,
  users: usersRouter,
  keys: keysRouter,
  system: systemRouter,
  jobs: jobsRouter,
  collections: collectionsRouter,
  tools: toolsRouter,
  graph: graphRouter,
  domains: domainsRouter,
  environments: environmentsRouter,
  environmentData: environmentDataRouter,
  tasks: tasksRouter,
  runs: runsRouter,
  reviews: reviewsRouter,
  exports: exportsRouter,
  evaluations: evaluationsRouter,
});

export type AppRouter = typeof appRouter;
