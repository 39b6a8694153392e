'use client';
import { Group, Progress, Stack, Text } from '@mantine/core';
import { STATUS_COLOR } from '../jobs/format';
import { pct, type JobStatus } from './format';
import { plural } from '@/lib/text/plural';

/** Trajectories done of the run's total, coloured by the state of its job. */
export function RunProgress({
  done,
  total,
  status,
  message,
  error,
}: {
  done: number;
  total: number;
  status: JobStatus | null;
  message?: string | null;
  error?: string | null;
}) {
  const active = status === 'queued' || status === 'running';
  const value = pct(done, total);
  return (
    <Stack gap={2}>
      <Progress
        data-testid="run-progress"
        data-status={status ?? 'none'}
        data-done={done}
        data-total={total}
        value={value}
        color={status ? STATUS_COLOR[status] : 'gray'}
        animated={active}
        striped={active}
        size="lg"
        aria-label={`${done} of ${plural(total, 'trajectory')}`}
      />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {done} of {total} ({value}%)
        </Text>
        <Text size="xs" c={status === 'failed' ? 'red' : 'dimmed'} truncate title={error ?? message ?? undefined}>
          {status === 'failed' ? (error ?? 'failed') : status === 'queued' ? 'waiting for a worker…' : (status ?? 'no job')}
        </Text>
      </Group>
    </Stack>
  );
}
