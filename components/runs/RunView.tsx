'use client';
import { Alert, Anchor, Group, Paper, Skeleton, Stack, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../trpc';
import { RunHeader } from './RunHeader';
import { TrajectoriesTable } from './TrajectoriesTable';

const activeStatus = (s: string | null | undefined) => s === 'queued' || s === 'running';

/** One run: its header, polled while it goes, and its trajectories. */
export function RunView({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.runs.get.queryOptions({ id }, { refetchInterval: (q) => (activeStatus(q.state.data?.jobStatus) ? 700 : false) }));
  const back = (
    <Anchor component={Link} href="/runs" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> Runs
      </Group>
    </Anchor>
  );
  if (run.isError)
    return (
      <Stack>
        {back}
        <Alert color="red" title="Run not found">
          {run.error.message}
        </Alert>
      </Stack>
    );
  if (!run.data) return <Skeleton h={500} />;
  return (
    <Stack gap="md">
      {back}
      <RunHeader run={run.data} />
      <Paper withBorder radius="md" p="md" component="section" aria-label="Trajectories">
        <Title order={4} mb="sm">
          Trajectories
        </Title>
        <TrajectoriesTable runId={id} live={activeStatus(run.data.jobStatus)} />
      </Paper>
    </Stack>
  );
}
