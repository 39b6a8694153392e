'use client';
import { Alert, Anchor, Button, Card, Group, Progress, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { isActive } from '../jobs/format';
import { RebuildPlanDialog } from '../graph/RebuildPlanDialog';
import { useTRPC, type RouterOutputs } from '../trpc';
import type { DemoResult } from '@/server/stages/demo';
import { plural } from '@/lib/text/plural';

/** One click: the built-in demo collection through every stage, offline, ready to review. */
export function LoadDemo() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation(trpc.jobs.start.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  // Asked first when the domains an earlier demo filled carry curated work: a new import retires them.
  const [asking, setAsking] = useState<RouterOutputs['system']['demoSpace'] | null>(null);
  const load = () => {
    setAsking(null);
    start.mutate({ kind: 'demo', input: {} });
  };
  const check = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.system.demoSpace.queryOptions(), staleTime: 0 }),
    onSuccess: (space) => (space.confirm ? setAsking(space) : load()),
  });
  const job = useQuery(
    trpc.jobs.get.queryOptions(
      { id: jobId ?? '' },
      { enabled: jobId !== null, refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 500) },
    ),
  );
  const finished = job.data && !isActive(job.data);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries();
  }, [finished, queryClient]);
  const result = job.data?.status === 'completed' ? (job.data.result as DemoResult) : null;
  // Said before the click: a studio with domains of its own keeps them as they are.
  const space = useQuery(trpc.system.demoSpace.queryOptions());
  const own = space.data?.ownDomains ?? 0;

  return (
    <Card withBorder padding="lg" mb="lg" data-testid="load-demo">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>See it work end to end</Text>
          <Text size="sm" c="dimmed">
            Loads a demo collection (shop orders, flights, calendar, support tickets, banking) and runs every stage offline: graph, environments, tasks and
            rollouts with a few mistakes, ready to review.
          </Text>
          {own > 0 && (
            <Text size="sm" mt={4} data-testid="demo-space">
              Your {plural(own, 'domain')} stay{own === 1 ? 's' : ''} as {own === 1 ? 'it is' : 'they are'}: the demo’s tools are graphed on their own and added
              beside {own === 1 ? 'it' : 'them'} as domains of their own.
            </Text>
          )}
        </div>
        <Button
          style={{ flexShrink: 0 }}
          leftSection={<IconPlayerPlay size={16} />}
          loading={check.isPending || start.isPending || (job.data ? isActive(job.data) : false)}
          onClick={() => check.mutate()}
        >
          Load demo
        </Button>
      </Group>
      {job.data && isActive(job.data) && (
        <>
          <Progress value={job.data.progress} mt="md" aria-label="Demo progress" data-testid="demo-progress" />
          <Text size="xs" c="dimmed" mt={4}>
            {job.data.message}
          </Text>
        </>
      )}
      {check.isError && (
        <Alert color="red" mt="md" title="Could not check what the demo would change">
          {check.error.message}
        </Alert>
      )}
      {start.isError && (
        <Alert color="red" mt="md">
          {start.error.message}
        </Alert>
      )}
      <RebuildPlanDialog
        plan={asking?.plan ?? null}
        title="Load the demo again and retire its earlier domains?"
        confirmLabel="Load demo anyway"
        busy={start.isPending}
        onConfirm={load}
        onCancel={() => setAsking(null)}
      />
      {job.data?.status === 'failed' && (
        <Alert color="red" mt="md" title="The demo failed">
          {job.data.error}
        </Alert>
      )}
      {result && (
        <Alert color="teal" mt="md" data-testid="demo-result" title="The demo is ready">
          {plural(result.tools, 'tool')} in {plural(result.domains.length, 'domain')}, {plural(result.tasks, 'task')},{' '}
          {plural(result.trajectories, 'trajectory')} ({result.passed} passed, {result.failed} failed verification).{' '}
          {result.space === 'own' &&
            `Your ${plural(result.ownDomains, 'domain')} ${result.ownDomains === 1 ? 'was' : 'were'} left as ${result.ownDomains === 1 ? 'it was' : 'they were'}. `}
          <Anchor component={Link} href={`/runs/${result.run.id}`}>
            Open the run
          </Anchor>{' '}
          or{' '}
          <Anchor component={Link} href="/graph">
            the graph
          </Anchor>
          .
        </Alert>
      )}
    </Card>
  );
}
