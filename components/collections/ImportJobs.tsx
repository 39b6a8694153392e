'use client';
import { Alert, Anchor, CloseButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { ImportOutcome } from '@/server/stages/import';
import { isActive } from '../jobs/format';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

export type StartedImport = { jobId: string; file: string };

/** Imports started from this page, with live progress and what each produced. */
export function ImportJobs({ started, onFinished, onDismiss }: { started: StartedImport[]; onFinished: () => void; onDismiss: (jobId: string) => void }) {
  if (started.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Imports">
      {started.map((s) => (
        <ImportJob key={s.jobId} item={s} onFinished={onFinished} onDismiss={() => onDismiss(s.jobId)} />
      ))}
    </Stack>
  );
}

function ImportJob({ item, onFinished, onDismiss }: { item: StartedImport; onFinished: () => void; onDismiss: () => void }) {
  const trpc = useTRPC();
  const job = useQuery(trpc.jobs.get.queryOptions({ id: item.jobId }, { refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 500) }));
  const done = job.data && !isActive(job.data);
  const reported = useRef(false);
  useEffect(() => {
    if (done && !reported.current) {
      reported.current = true;
      onFinished();
    }
  }, [done, onFinished]);

  const j = job.data;
  const outcome = j?.status === 'completed' ? (j.result as ImportOutcome) : null;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="import-job" data-status={j?.status ?? 'loading'}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500} truncate>
          {item.file}
        </Text>
        {done && <CloseButton size="sm" onClick={onDismiss} aria-label={`Dismiss ${item.file}`} />}
      </Group>
      {j && isActive(j) && (
        <Stack gap={2} mt={6}>
          <Progress value={j.progress} animated aria-label={`Import progress of ${item.file}`} />
          <Text size="xs" c="dimmed">
            {j.message || 'Waiting for a worker…'}
          </Text>
        </Stack>
      )}
      {outcome?.status === 'imported' && (
        <Text size="sm" c="teal" mt={4}>
          Imported “{outcome.collection.name}”: {plural(outcome.collection.tools, 'tool')}
          {outcome.replaced ? ', replacing the earlier import' : ''}.{' '}
          <Anchor component={Link} href={`/tools?collection=${outcome.collection.id}`} size="sm">
            Show its tools
          </Anchor>
        </Text>
      )}
      {outcome?.status === 'duplicate' && (
        <Text size="sm" c="yellow.8" mt={4}>
          Not imported: it is already here as “{outcome.existing[0]?.name}”.
        </Text>
      )}
      {j?.status === 'failed' && (
        <Alert color="red" mt={6} p="xs">
          {j.error}
        </Alert>
      )}
      {j?.status === 'cancelled' && (
        <Text size="sm" c="orange" mt={4}>
          Cancelled: nothing was imported.
        </Text>
      )}
      {job.isError && (
        <Text size="sm" c="red">
          {job.error.message}
        </Text>
      )}
    </Paper>
  );
}
