'use client';
import { Button, Group, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import type { ValidationReport } from '@/server/pipeline/environment/model';

/** Before a version that fails validation is saved: which tools fail and why, and a choice. */
export function SaveFailingDialog({
  report,
  saving,
  onSave,
  onCancel,
}: {
  report: ValidationReport | null;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
}) {
  const failing = report?.tools.filter((t) => !t.ok) ?? [];
  const total = report?.tools.length ?? 0;
  return (
    <Modal opened={report !== null} onClose={onCancel} title="Save a version that fails validation?" size="lg">
      <Stack gap="sm" data-testid="save-failing-dialog">
        {failing.length > 0 && (
          <Text size="sm">
            {failing.length} of {total} tool{total === 1 ? '' : 's'} fail{failing.length === 1 ? 's' : ''}:
          </Text>
        )}
        <ScrollArea.Autosize mah={260} type="auto">
          <List size="sm" spacing={4}>
            {failing.map((t) => (
              <List.Item key={t.name}>
                <Text span ff="monospace" fw={600} size="sm">
                  {t.name}
                </Text>
                : {t.detail}
              </List.Item>
            ))}
            {report && !report.stateValid && <List.Item>The starting state does not fit the schema: {report.stateErrors.slice(0, 3).join('; ')}</List.Item>}
          </List>
        </ScrollArea.Autosize>
        <Text size="sm" c="dimmed">
          Tasks sampled on a failing version may not be solvable. You can keep editing, or save it anyway as a new version.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>
            Keep editing
          </Button>
          <Button color="red" onClick={onSave} loading={saving}>
            Save anyway
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
