'use client';
import { Button, Group, Kbd, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';

/** Accept and Reject for the selected trajectory, with their keys; disabled until the reviewer is named. */
export function VerdictActions({ reviewer, busy, onAccept, onReject }: { reviewer: string; busy: boolean; onAccept: () => void; onReject: () => void }) {
  const ready = reviewer.trim().length > 0;
  return (
    <Group gap="sm" data-testid="verdict-actions">
      <Button color="teal" leftSection={<IconCheck size={16} />} onClick={onAccept} disabled={!ready} loading={busy} aria-keyshortcuts="a">
        Accept <Kbd ml={6} size="xs">a</Kbd>
      </Button>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={onReject} disabled={!ready || busy} aria-keyshortcuts="r">
        Reject <Kbd ml={6} size="xs">r</Kbd>
      </Button>
      {!ready && (
        <Text size="sm" c="orange.8" data-testid="reviewer-hint">
          Enter your reviewer name above to give verdicts.
        </Text>
      )}
    </Group>
  );
}
