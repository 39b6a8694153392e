'use client';
import { Allowed } from '../auth/session';
import { Alert, Badge, Button, Group, Progress, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBox } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { useTRPC } from '../trpc';
import { duration, isActive, STATUS_COLOR, type JobRow } from './format';
import { JobDrawer } from './JobDrawer';

export function JobsTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInfiniteQuery(
    trpc.jobs.list.infiniteQueryOptions(
      { limit: 50 },
      {
        getNextPageParam: (page) => page.nextCursor,
        // Live progress: poll every second while something runs, slowly otherwise.
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(isActive)) ? 1000 : 5000),
      },
    ),
  );
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.list.infiniteQueryKey() }),
      onError: (e) => notifications.show({ color: 'red', title: 'Could not cancel', message: e.message }),
    }),
  );

  if (list.isError)
    return (
      <Alert color="red" title="Could not load jobs">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={200} />;
  const jobs = list.data.pages.flatMap((p) => p.items);
  if (jobs.length === 0) {
    return (
      <EmptyState
        icon={IconBox}
        title="No jobs yet"
        body="Graph builds, generation, sampling, rollouts and exports run here as jobs with progress. Run a self-check to see one now."
      />
    );
  }
  const opened = jobs.find((j) => j.id === openId) ?? null;
  return (
    <Stack>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th w="34%">Progress</Table.Th>
              <Table.Th>Attempt</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.map((job) => (
              <JobRowView
                key={job.id}
                job={job}
                onOpen={() => setOpenId(job.id)}
                onCancel={() => cancel.mutate({ id: job.id })}
                cancelling={cancel.isPending && cancel.variables?.id === job.id}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage} mx="auto">
          Load older jobs
        </Button>
      )}
      <JobDrawer job={opened} onClose={() => setOpenId(null)} />
    </Stack>
  );
}

function JobRowView({ job, onOpen, onCancel, cancelling }: { job: JobRow; onOpen: () => void; onCancel: () => void; cancelling: boolean }) {
  const active = isActive(job);
  return (
    <Table.Tr data-testid="job-row" data-status={job.status}>
      <Table.Td>
        <Text fw={500} size="sm">
          {job.title}
        </Text>
        <Text size="xs" c="dimmed">
          {job.kind} · {job.createdAt.toLocaleString()}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[job.status]} variant="light">
          {job.cancelRequested && active ? 'cancelling' : job.status}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Progress
          value={job.progress}
          color={STATUS_COLOR[job.status]}
          animated={job.status === 'running'}
          aria-label={`${job.title} progress`}
          data-testid="job-progress"
          data-value={Math.round(job.progress)}
        />
        <Text size="xs" c={job.status === 'failed' ? 'red' : 'dimmed'} mt={4} lineClamp={1}>
          {Math.round(job.progress)}% · {job.status === 'failed' ? job.error : job.message || 'waiting for a worker'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{job.attempts || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{duration(job)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant="subtle" onClick={onOpen}>
            Details
          </Button>
          {active && (
            <Allowed to="curate">
              <Button size="xs" variant="light" color="red" onClick={onCancel} loading={cancelling} disabled={job.cancelRequested}>
                Cancel
              </Button>
            </Allowed>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
