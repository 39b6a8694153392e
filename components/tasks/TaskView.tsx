'use client';
import { Alert, Anchor, Badge, Blockquote, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { StateDiff } from '../environments/StateDiff';
import { useTRPC } from '../trpc';
import { GoldCalls } from './GoldCalls';
import { StateTables } from './StateTables';
import { toolChain } from './TaskList';
import { Panel } from '../ui/Panel';

/** One task in full: what the user wants, the gold calls, the seeded state, and what the gold calls change in it. */
export function TaskView({ id, from }: { id: string; from?: string }) {
  const trpc = useTRPC();
  const task = useQuery(trpc.tasks.get.queryOptions({ id }));
  const back = from ? `/tasks?domain=${from}` : '/tasks';
  const backLink = (
    <Anchor component={Link} href={back} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> Tasks
      </Group>
    </Anchor>
  );
  if (task.isError)
    return (
      <Stack>
        {backLink}
        <Alert color="red" title="Task not found">
          {task.error.message}
        </Alert>
      </Stack>
    );
  if (!task.data) return <Skeleton h={500} />;
  const t = task.data;
  return (
    <Stack gap="md" data-testid="task-view">
      {backLink}
      <Stack gap={6}>
        <Title order={2}>Task in {t.domainName}</Title>
        <Group gap="xs">
          <Badge variant="light" color={t.readOnly ? 'blue' : 'orange'}>
            {t.readOnly ? 'read-only' : 'writes'}
          </Badge>
          <Badge variant="outline" color="gray">
            {t.length} call{t.length === 1 ? '' : 's'}
          </Badge>
          {t.domainId ? (
            <Badge component={Link} href={`/environments/${t.domainId}`} variant="light" style={{ cursor: 'pointer' }}>
              environment v{t.versionNumber}
            </Badge>
          ) : (
            <Badge variant="light">environment v{t.versionNumber}</Badge>
          )}
          <Text size="xs" c="dimmed">
            seed {t.seed} · intent by {t.intentWriter} · sampled {t.createdAt.toLocaleString()}
          </Text>
        </Group>
        <Text size="xs" ff="monospace" c="dimmed">
          {toolChain(t.calls.map((c) => c.name))}
        </Text>
      </Stack>

      <Panel title="Intent">
        <Blockquote p="sm" data-testid="task-intent" style={{ overflowWrap: 'anywhere' }}>
          {t.intent}
        </Blockquote>
      </Panel>
      <Panel title="Gold calls" hint="What a perfect agent calls, in order. Open one for its arguments and result.">
        <GoldCalls calls={t.calls} />
      </Panel>
      <Panel title="Initial state" hint="The seeded database the task starts from.">
        <StateTables state={t.initialState} />
      </Panel>
      <Panel
        title="Gold final state"
        hint={t.readOnly ? 'A read-only task leaves the database as it was.' : 'The rows the gold calls change, against the initial state.'}
      >
        <div style={{ overflowX: 'auto' }}>
          <StateDiff changes={t.goldDiff} />
        </div>
      </Panel>
    </Stack>
  );
}
