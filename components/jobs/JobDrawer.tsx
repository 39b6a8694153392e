'use client';
import { Alert, Code, Drawer, Stack, Text, Title } from '@mantine/core';
import type { JobRow } from './format';

export function JobDrawer({ job, onClose }: { job: JobRow | null; onClose: () => void }) {
  return (
    <Drawer opened={job !== null} onClose={onClose} position="right" size="lg" title={job?.title}>
      {job && (
        <Stack>
          <Text size="sm" c="dimmed">
            {job.kind} · id {job.id} · attempt {job.attempts || '—'} {job.worker ? `· worker ${job.worker}` : ''}
          </Text>
          {job.error && (
            <Alert color="red" title="Error">
              {job.error}
            </Alert>
          )}
          <Title order={5}>Input</Title>
          <Code block>{JSON.stringify(job.input, null, 2)}</Code>
          {job.result !== null && job.result !== undefined && (
            <>
              <Title order={5}>Result</Title>
              <Code block>{JSON.stringify(job.result, null, 2)}</Code>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
