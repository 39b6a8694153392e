'use client';
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import type { JobStatus } from './format';

/** Cancel while the run's job is going; resume when it stopped (cancelled or failed) with tasks left. */
export function RunActions({ run }: { run: { id: string; total: number; jobStatus: JobStatus | null; counts: { done: number } } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
  const onError = (title: string) => (e: { message: string }) => notifications.show({ color: 'red', title, message: e.message });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: refresh, onError: onError('Not cancelled') }));
  const resume = useMutation(trpc.runs.resume.mutationOptions({ onSuccess: refresh, onError: onError('Not resumed') }));
  const active = run.jobStatus === 'queued' || run.jobStatus === 'running';
  const resumable = (run.jobStatus === 'cancelled' || run.jobStatus === 'failed') && run.counts.done < run.total;
  if (!active && !resumable) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      {active && (
        <Button
          size="compact-sm"
          variant="light"
          color="red"
          leftSection={<IconPlayerStop size={14} />}
          loading={cancel.isPending}
          onClick={() => cancel.mutate({ id: run.id })}
        >
          Cancel
        </Button>
      )}
      {resumable && (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlayerPlay size={14} />}
          loading={resume.isPending}
          onClick={() => resume.mutate({ id: run.id })}
        >
          Resume
        </Button>
      )}
    </Group>
  );
}
