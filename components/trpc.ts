'use client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@/server/api/root';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** What each procedure returns, as the UI sees it (dates as Date, via superjson or not): types only. */
export type RouterOutputs = import('@trpc/server').inferRouterOutputs<AppRouter>;
