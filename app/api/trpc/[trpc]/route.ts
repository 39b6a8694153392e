import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '@/server/api/context';
import { appRouter } from '@/server/api/root';
import { getStudio } from '@/server/studio';

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => createContext(await getStudio(), req),
    // Failures inside procedures are logged (with their id) by the error middleware (server/api/trpc.ts);
    // this catches those before one, such as the studio failing to open.
    onError: ({ path, error }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !error.message.startsWith('Something failed on the server (id '))
        console.error(`[trpc] ${path ?? '?'}:`, error);
    },
  });

export { handler as GET, handler as POST };
