'use client';
import { Alert, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConversationPanels } from '../trajectory/ConversationPanels';
import { VerdictPanel } from '../trajectory/VerdictPanel';
import { useTRPC } from '../trpc';
import { Panel } from '../ui/Panel';
import { ReviewHistory } from './ReviewHistory';

/** The selected trajectory: the actions, its filter verdict, review history, the conversation and its end state against gold. */
export function ReviewDetail({ id, actions }: { id: string; actions: ReactNode }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.runs.trajectory.queryOptions({ id }));
  if (q.isError)
    return (
      <Alert color="red" title="Could not load the trajectory">
        {q.error.message}
      </Alert>
    );
  if (!q.data) return <Skeleton h={500} />;
  const { trajectory: t, task, finalVsGold } = q.data;
  return (
    <Stack gap="md" data-testid="review-detail" data-id={id}>
      <Stack gap={2}>
        <Title order={3}>
          Trajectory #{t.seq} in {t.domainName}
        </Title>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {task.intent}
        </Text>
      </Stack>
      {actions}
      <VerdictPanel trajectory={t} />
      <Panel title="Review history" hint="Every verdict given, newest first: the latest one counts.">
        <ReviewHistory trajectoryId={id} />
      </Panel>
      <ConversationPanels trajectory={t} finalVsGold={finalVsGold} />
    </Stack>
  );
}
