'use client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ReviewFilter } from '@/server/db/queries/reviews';
import { useTRPC } from '../trpc';

export const PAGE_SIZE = 100;

/** The queue for a filter, a page at a time by cursor. */
export function useReviewQueue(filter: ReviewFilter) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.reviews.queue.infiniteQueryOptions({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (p) => p.nextCursor, placeholderData: keepPreviousData }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { list, rows };
}

export type QueueItem = ReturnType<typeof useReviewQueue>['rows'][number];
