'use client';
import { Button, Group, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';

/** Starts a self-check job: the foundation's end-to-end proof that jobs run, report and cancel. */
export function SelfCheckButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [probes, setProbes] = useState<number>(50);
  const start = useMutation(
    trpc.jobs.start.mutationOptions({
      onSuccess: (job) => {
        notifications.show({ title: 'Job queued', message: job.title });
        return queryClient.invalidateQueries({ queryKey: trpc.jobs.list.infiniteQueryKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not start the job', message: e.message }),
    }),
  );
  return (
    <Group gap="xs" align="flex-end">
      <NumberInput label="Latency probes" size="xs" w={120} min={1} max={10000} value={probes} onChange={(v) => setProbes(typeof v === 'number' ? v : 50)} />
      <Button onClick={() => start.mutate({ kind: 'selfcheck', input: { probes } })} loading={start.isPending}>
        Run self-check
      </Button>
    </Group>
  );
}
