'use client';
import { Allowed } from '../auth/session';
import { Alert, Grid, Paper, Skeleton } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { useTRPC } from '../trpc';
import { SamplePanel } from './SamplePanel';
import { TaskList } from './TaskList';
import { TasksOverview } from './TasksOverview';

/** The tasks stage: sample new tasks, see them per domain, and list a domain's tasks. */
export function TasksScreen({ initialDomain }: { initialDomain?: string }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.tasks.overview.queryOptions());
  const [domainId, setDomainId] = useState<string | null>(initialDomain ?? null);
  const select = (id: string | null) => {
    setDomainId(id);
    // Kept in the address, so going back from a task returns to the same list.
    window.history.replaceState(null, '', id ? `/tasks?domain=${id}` : '/tasks');
  };

  if (overview.isError)
    return (
      <Alert color="red" title="Could not load tasks">
        {overview.error.message}
      </Alert>
    );
  if (!overview.data) return <Skeleton h={400} />;
  if (overview.data.length === 0)
    return (
      <EmptyState
        icon={IconListDetails}
        title="No domains yet"
        body="Tasks are sampled per domain, on its environment. Build the graph and generate environments first."
        next={{ label: 'See environments', href: '/environments' }}
      />
    );
  const domainName = overview.data.find((d) => d.domainId === domainId)?.domainName;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Allowed to="curate">
          <SamplePanel />
        </Allowed>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Tasks per domain">
          <TasksOverview selected={domainId} onSelect={select} />
        </Paper>
      </Grid.Col>
      <Grid.Col span={12}>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Task list">
          <TaskList key={domainId ?? 'all'} domainId={domainId} domainName={domainName} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
