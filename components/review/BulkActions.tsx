'use client';
import { useSessionUser } from '../auth/session';
import { Alert, Button, Group, Modal, Select, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReviewFilter } from '@/server/db/queries/reviews';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

type Verdict = 'accepted' | 'rejected';

/**
 * One verdict for every trajectory the filter selects, after a confirmation stating how many. The
 * confirmation sends back what it showed: if the selection changed since (other verdicts, new
 * trajectories), the server refuses it and the numbers here are read again.
 */
export function BulkActions({ filter, reasons, bulkLimit }: { filter: ReviewFilter; reasons: readonly string[]; bulkLimit: number }) {
  const reviewer = useSessionUser()?.name ?? '';
  const trpc = useTRPC();
  const client = useQueryClient();
  const selection = useQuery(trpc.reviews.selection.queryOptions(filter, { placeholderData: keepPreviousData }));
  const [confirm, setConfirm] = useState<Verdict | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const bulk = useMutation(
    trpc.reviews.bulk.mutationOptions({
      onSuccess: (r) => {
        notifications.show({ color: 'teal', message: `${confirm === 'accepted' ? 'Accepted' : 'Rejected'} ${plural(r.count, 'trajectory')}` });
        setConfirm(null);
        void client.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      },
      onError: () => void client.invalidateQueries({ queryKey: trpc.reviews.pathKey() }),
    }),
  );
  const n = selection.data?.count ?? 0;
  const seen = selection.isPlaceholderData ? undefined : selection.data;
  const why =
    n === 0
      ? 'Nothing matches the filter'
      : n > bulkLimit
        ? `${n.toLocaleString()} selected: bulk verdicts take at most ${bulkLimit.toLocaleString()}; narrow the filter`
        : null;
  const open = (v: Verdict) => (bulk.reset(), setReason(null), setConfirm(v));
  const button = (v: Verdict) => (
    <Tooltip label={why} disabled={!why}>
      <span>
        <Button
          size="xs"
          variant="default"
          color={v === 'accepted' ? 'teal' : 'red'}
          disabled={Boolean(why) || selection.data === undefined}
          onClick={() => open(v)}
          data-testid={`bulk-${v}`}
        >
          {v === 'accepted' ? 'Accept' : 'Reject'} all {selection.data === undefined ? '…' : n.toLocaleString()}
        </Button>
      </span>
    </Tooltip>
  );
  return (
    <>
      <Group gap="xs">
        {button('accepted')}
        {button('rejected')}
        {why && n > bulkLimit && (
          <Text size="xs" c="orange.8">
            {why}
          </Text>
        )}
      </Group>
      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'accepted' ? 'Accept every trajectory in the filter' : 'Reject every trajectory in the filter'}
      >
        <Stack gap="sm" data-testid="bulk-confirm">
          <Text size="sm">
            This gives <b>{n.toLocaleString()}</b> trajectories the verdict <b>{confirm}</b>, as {reviewer.trim()}. Earlier verdicts stay in their history.
          </Text>
          {confirm === 'rejected' && (
            <Select label="Reason" placeholder="Pick a reason" data={[...reasons]} value={reason} onChange={setReason} required data-autofocus />
          )}
          {confirm === 'rejected' && reason && (
            <Text size="sm">
              Reason: <b>{reason}</b>
            </Text>
          )}
          {bulk.isError && <Alert color="red">{bulk.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button
              color={confirm === 'accepted' ? 'teal' : 'red'}
              loading={bulk.isPending}
              disabled={(confirm === 'rejected' && !reason) || !seen || selection.isFetching}
              onClick={() => confirm && seen && bulk.mutate({ filter, verdict: { verdict: confirm, reason: reason ?? '', comment: '' }, expected: seen })}
            >
              {confirm === 'accepted' ? 'Accept' : 'Reject'} {n.toLocaleString()}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
