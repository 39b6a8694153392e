'use client';
import { Allowed } from '../auth/session';
import { Paper, Stack, Title } from '@mantine/core';
import { LaunchForm } from './LaunchForm';
import { RunsList } from './RunsList';

/** The runs stage: launch rollouts, then follow every run as it goes. */
export function RunsScreen() {
  return (
    <Stack gap="lg">
      <Allowed to="curate">
        <LaunchForm />
      </Allowed>
      <Paper withBorder radius="md" p="md" component="section" aria-label="Runs">
        <Title order={4} mb="sm">
          Runs
        </Title>
        <RunsList />
      </Paper>
    </Stack>
  );
}
