'use client';
import { Alert, Anchor, Badge, Blockquote, Button, Grid, Group, Kbd, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { GoldCalls } from '../tasks/GoldCalls';
import { useTRPC } from '../trpc';
import { ConversationPanels } from './ConversationPanels';
import { useNavKeys } from './useNavKeys';
import { VerdictPanel } from './VerdictPanel';
import { Panel } from '../ui/Panel';

/** One trajectory: its verdict, the conversation step by step with database diffs, and how it ends against gold. */
export function TrajectoryView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const q = useQuery(trpc.runs.trajectory.queryOptions({ id }));
  const prev = q.data?.neighbours.prev ?? null;
  const next = q.data?.neighbours.next ?? null;
  const keys = useMemo(
    () => ({ j: next ? () => router.push(`/trajectories/${next}`) : null, k: prev ? () => router.push(`/trajectories/${prev}`) : null }),
    [next, prev, router],
  );
  useNavKeys(keys);

  if (q.isError)
    return (
      <Stack>
        <Anchor component={Link} href="/runs" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} /> Runs
          </Group>
        </Anchor>
        <Alert color="red" title="Trajectory not found">
          {q.error.message}
        </Alert>
      </Stack>
    );
  if (!q.data) return <Skeleton h={600} />;
  const { trajectory: t, task, finalVsGold } = q.data;

  return (
    <Stack gap="md" data-testid="trajectory-view">
      <Group justify="space-between">
        <Anchor component={Link} href={`/runs/${t.runId}`} size="sm" data-testid="back-to-run">
          <Group gap={4}>
            <IconArrowLeft size={14} /> Back to the run
          </Group>
        </Anchor>
        <Group gap="xs">
          <NavButton to={prev} label="Previous" shortcut="k" />
          <NavButton to={next} label="Next" shortcut="j" />
        </Group>
      </Group>
      <Stack gap={2}>
        <Title order={2}>Trajectory in {t.domainName}</Title>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {task.intent}
        </Text>
      </Stack>
      <VerdictPanel trajectory={t} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <ConversationPanels trajectory={t} finalVsGold={finalVsGold} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Panel title="The task" hint="What the user wanted and what a perfect agent calls, for comparison.">
            <Group gap="xs">
              <Badge variant="light" color={task.readOnly ? 'blue' : 'orange'}>
                {task.readOnly ? 'read-only' : 'writes'}
              </Badge>
              <Anchor component={Link} href={`/tasks/${task.id}`} size="sm">
                Open the task
              </Anchor>
            </Group>
            <Blockquote p="sm" data-testid="task-intent" style={{ overflowWrap: 'anywhere' }}>
              {task.intent}
            </Blockquote>
            <Text size="sm" fw={600}>
              Gold calls
            </Text>
            <GoldCalls calls={task.calls} compact />
          </Panel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** A link to a neighbouring trajectory; a disabled button where there is none. */
function NavButton({ to, label, shortcut }: { to: string | null; label: string; shortcut: string }) {
  const icon = label === 'Previous' ? { leftSection: <IconChevronLeft size={14} /> } : { rightSection: <IconChevronRight size={14} /> };
  const content = (
    <>
      {label}{' '}
      <Kbd ml={6} size="xs">
        {shortcut}
      </Kbd>
    </>
  );
  if (!to)
    return (
      <Button variant="default" size="xs" disabled {...icon}>
        {content}
      </Button>
    );
  return (
    <Button
      component={Link}
      href={`/trajectories/${to}`}
      variant="default"
      size="xs"
      aria-keyshortcuts={shortcut}
      data-testid={`${label.toLowerCase()}-trajectory`}
      {...icon}
    >
      {content}
    </Button>
  );
}
