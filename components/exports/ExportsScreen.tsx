'use client';
import { Allowed } from '../auth/session';
import { Grid, Stack } from '@mantine/core';
import { Panel } from '../ui/Panel';
import { ExportForm } from './ExportForm';
import { ExportsList } from './ExportsList';
import { TargetDomains } from './TargetDomains';

/** The export stage: choose what to export, mark the vertical targets, download what was made. */
export function ExportsScreen() {
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Allowed to="curate">
            <ExportForm />
          </Allowed>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Allowed to="curate">
            <TargetDomains />
          </Allowed>
        </Grid.Col>
      </Grid>
      <Panel title="Exports" hint="Each file comes with a manifest: counts, domains, the selection, and the environment versions the trajectories ran on.">
        <ExportsList />
      </Panel>
    </Stack>
  );
}
