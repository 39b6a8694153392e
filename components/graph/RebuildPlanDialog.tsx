'use client';
import { Button, Group, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import type { RebuildPlan } from '@/server/pipeline/graph/rebuild-plan';
import { describeRebuildPlan } from '@/lib/text/rebuild-plan';

/**
 * Before a build that would move curated work (environments, tasks, trajectories, a person's name
 * or mark) to "from a previous build": the plan in sentences and a choice. Cancel has the focus, so
 * Enter or Escape right away changes nothing.
 */
export function RebuildPlanDialog({
  plan,
  title,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  plan: RebuildPlan | null;
  title: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const lines = plan ? describeRebuildPlan(plan) : [];
  return (
    <Modal opened={plan !== null} onClose={onCancel} title={title} size="lg">
      <Stack gap="sm" data-testid="rebuild-plan-dialog">
        <ScrollArea.Autosize mah={320} type="auto">
          <List size="sm" spacing={6}>
            {lines.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
        <Text size="sm" c="dimmed">
          Nothing is deleted: a domain from a previous build keeps its environments, tasks and trajectories, reachable from the Environments and Tasks pages,
          but takes no new work.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          <Button color="orange" onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
