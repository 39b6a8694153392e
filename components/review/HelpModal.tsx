'use client';
import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';

export const KEYS = [
  { key: 'j', what: 'Next trajectory' },
  { key: 'k', what: 'Previous trajectory' },
  { key: 'a', what: 'Accept the selected trajectory' },
  { key: 'r', what: 'Reject it: pick a reason, then Enter' },
  { key: '?', what: 'This help' },
];

/** The review keys; none of them fire while typing or with a modifier held. */
export function HelpModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="sm">
      <Stack gap="xs" data-testid="review-help">
        {KEYS.map((k) => (
          <Group key={k.key} gap="sm" wrap="nowrap">
            <Kbd w={32} ta="center">
              {k.key}
            </Kbd>
            <Text size="sm">{k.what}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          Keys do nothing while you type in a field or hold Ctrl, Alt or ⌘.
        </Text>
      </Stack>
    </Modal>
  );
}
