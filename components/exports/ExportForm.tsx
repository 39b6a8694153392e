'use client';
import { Alert, Button, Checkbox, Group, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ExportFormat } from '@/server/pipeline/export/manifest';
import { Panel } from '../ui/Panel';
import { useTRPC } from '../trpc';
import { FORMAT_LABELS } from './format';

/** Launches an export job: a format, a phase (general, or the target domains), and which trajectories. */
export function ExportForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.exports.preview.queryOptions());
  const [format, setFormat] = useState<ExportFormat>('openai');
  const [phase, setPhase] = useState<'1' | '2'>('1');
  const [withPassed, setWithPassed] = useState(false);
  const launch = useMutation(
    trpc.exports.launch.mutationOptions({
      onSuccess: () => {
        notifications.show({ message: 'Export started: it appears below, ready to download when done' });
        void queryClient.invalidateQueries({ queryKey: trpc.exports.pathKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Export not started', message: e.message }),
    }),
  );

  const source = withPassed ? 'accepted_or_passed' : 'accepted';
  const targets = preview.data?.targets ?? [];
  const parts = preview.data ? (phase === '1' ? preview.data.general : preview.data.vertical)[source] : null;
  const count = parts?.total ?? null;
  const problem =
    phase === '2' && targets.length === 0
      ? 'Mark at least one target domain below for a vertical export.'
      : count === 0
        ? 'Nothing to export yet: accept trajectories on the Review page, or include unreviewed passes.'
        : null;

  return (
    <Panel title="New export" hint="Accepted trajectories become SFT data: assistant turns are trained on, user turns and tool results are masked.">
      <Stack gap="sm" data-testid="export-form">
        <div>
          <Text size="sm" fw={500} mb={4} id="export-format-label">
            Format
          </Text>
          <SegmentedControl
            aria-labelledby="export-format-label"
            data-testid="export-format"
            value={format}
            onChange={(v) => setFormat(v as ExportFormat)}
            data={(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {format === 'openai'
              ? 'messages with tool_calls, tool messages answering them by id, and tools; assistant messages carry weight 1.'
              : 'conversations of human / gpt / function_call / observation turns, tools as a JSON string, and a loss_mask (LLaMA-Factory reads this layout).'}
          </Text>
        </div>
        <Radio.Group label="Phase" value={phase} onChange={(v) => setPhase(v as '1' | '2')}>
          <Group mt={4}>
            <Radio value="1" label="Phase 1 · general: every domain" data-testid="export-phase-1" />
            <Radio
              value="2"
              label={
                targets.length
                  ? `Phase 2 · vertical: the ${targets.length} target domain${targets.length === 1 ? '' : 's'}`
                  : 'Phase 2 · vertical: no target domain marked yet'
              }
              data-testid="export-phase-2"
            />
          </Group>
        </Radio.Group>
        <Checkbox
          checked={withPassed}
          onChange={(e) => setWithPassed(e.currentTarget.checked)}
          label="Also unreviewed trajectories that passed verification"
          description="A rejection always excludes a trajectory, whatever the filters said."
        />
        {problem && count !== null && (
          <Alert color="gray" variant="light" p="xs">
            <Text size="sm">{problem}</Text>
          </Alert>
        )}
        <Group justify="space-between">
          <div>
            <Text size="sm" data-testid="export-count">
              {count === null ? 'Counting…' : `${count} trajector${count === 1 ? 'y' : 'ies'} will be exported`}
            </Text>
            {parts && parts.failedVerification > 0 && (
              <Text size="xs" c="orange.8" data-testid="export-failed-accepted">
                {parts.failedVerification} of them failed verification; a reviewer accepted {parts.failedVerification === 1 ? 'it' : 'them'} anyway.
              </Text>
            )}
          </div>
          <Button
            leftSection={<IconFileExport size={16} />}
            onClick={() => launch.mutate({ format, phase: phase === '1' ? 1 : 2, source })}
            loading={launch.isPending}
            disabled={count === null || problem !== null}
            data-testid="export-launch"
          >
            Export
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
