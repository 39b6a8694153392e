'use client';
import { notifications } from '@mantine/notifications';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import type { QueueItem } from './useReviewQueue';

type Page = { items: QueueItem[]; nextCursor: number | null };

/**
 * Records a verdict, sent with the newest verdict the reviewer saw so that one given meanwhile by
 * someone else is a conflict, not silently outvoted; the queue shows it at once, then the queue,
 * counts and history are refetched.
 */
export function useVerdict(onDone: (id: string) => void) {
  const trpc = useTRPC();
  const client = useQueryClient();
  return useMutation(
    trpc.reviews.review.mutationOptions({
      onSuccess: (row) => {
        client.setQueriesData<InfiniteData<Page>>({ queryKey: trpc.reviews.queue.pathKey() }, (data) =>
          data
            ? {
                ...data,
                pages: data.pages.map((p) => ({
                  ...p,
                  items: p.items.map((t) => (t.id === row.trajectoryId ? { ...t, verdict: row.verdict, latestSeq: row.seq } : t)),
                })),
              }
            : data,
        );
        onDone(row.trajectoryId);
        void client.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      },
      onError: (e) => {
        // A verdict given on a stale view: show what changed (the queue and history are fetched again), then the reviewer decides again.
        const stale = e.data?.code === 'CONFLICT';
        notifications.show({
          color: stale ? 'orange' : 'red',
          title: stale ? 'Someone judged it while you were looking' : 'Verdict not saved',
          message: e.message,
        });
        if (stale) void client.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      },
    }),
  );
}
