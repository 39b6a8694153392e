'use client';
import { Allowed } from '../auth/session';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import Link from 'next/link';
import type { RunSettings } from '@/server/pipeline/rollout/settings';
import { ROLLOUT_LABEL, settingsSummary, type JobStatus, type RunCounts } from './format';
import { PassRates } from './PassRates';
import { RunActions } from './RunActions';
import { RunProgress } from './RunProgress';

type Run = {
  id: string;
  name: string;
  settings: RunSettings;
  total: number;
  createdAt: Date;
  jobStatus: JobStatus | null;
  jobMessage: string | null;
  jobError: string | null;
  counts: RunCounts;
};

/** A run at a glance: how it was set up, how far it is, and how its trajectories fare. */
export function RunHeader({ run }: { run: Run }) {
  const c = run.counts;
  const statuses = [
    { label: 'completed', n: c.completed, color: 'teal' },
    { label: 'max turns', n: c.maxTurns, color: 'yellow' },
    { label: 'error', n: c.errors, color: 'red' },
    { label: ROLLOUT_LABEL.failed, n: c.failed, color: 'red' },
    { label: 'recovered', n: c.recovered, color: 'grape' },
  ];
  return (
    <Paper withBorder radius="md" p="md" data-testid="run-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2}>{run.name}</Title>
            <Text size="sm" c="dimmed">
              Launched {run.createdAt.toLocaleString()} · {settingsSummary(run.settings)}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {c.done > 0 && (
              <Button component={Link} href={`/review?runId=${run.id}`} variant="default" size="xs" leftSection={<IconChecklist size={14} />}>
                Review this run
              </Button>
            )}
            <Allowed to="curate">
              <RunActions run={run} />
            </Allowed>
          </Group>
        </Group>
        <RunProgress done={c.done} total={run.total} status={run.jobStatus} message={run.jobMessage} error={run.jobError} />
        <Group justify="space-between" align="flex-end" gap="lg">
          <PassRates counts={c} />
          <Group gap={6} data-testid="status-counts">
            {statuses.map((s) => (
              <Badge key={s.label} variant="light" color={s.n ? s.color : 'gray'}>
                {s.label} {s.n}
              </Badge>
            ))}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
