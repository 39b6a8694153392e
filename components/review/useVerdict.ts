'use client';
import { notifications } from '@mantine/notifications';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import type { QueueItem } from './useReviewQueue';

type Page = { items: QueueItem[]; nextCursor: number | null };

/** Records a verdict; the queue shows it at once, then the queue, counts and history are refetched. */
export function useVerdict(onDone: (id: string) => void) {
  const trpc = useTRPC();
  const client = useQueryClient();
  return useMutation(
    trpc.reviews.review.mutationOptions({
      onSuccess: (row) => {
        client.setQueriesData<InfiniteData<Page>>({ queryKey: trpc.reviews.queue.pathKey() }, (data) =>
          data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((t) => (t.id === row.trajectoryId ? { ...t, verdict: row.verdict } : t)) })) } : data,
        );
        onDone(row.trajectoryId);
        void client.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Verdict not saved', message: e.message }),
    }),
  );
}
