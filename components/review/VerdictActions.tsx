'use client';
import { Button, Group, Kbd, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useCan, useSessionUser } from '../auth/session';

/** Accept and Reject for the selected trajectory, with their keys; only for roles that review. */
export function VerdictActions({ busy, onAccept, onReject }: { busy: boolean; onAccept: () => void; onReject: () => void }) {
  const ready = useCan('review');
  const me = useSessionUser();
  if (!ready) {
    return (
      <Text size="sm" c="dimmed" data-testid="reviewer-hint">
        Your role ({me?.role}) can read trajectories but not give verdicts.
      </Text>
    );
  }
  return (
    <Group gap="sm" data-testid="verdict-actions">
      <Button color="teal" leftSection={<IconCheck size={16} />} onClick={onAccept} loading={busy} aria-keyshortcuts="a">
        Accept{' '}
        <Kbd ml={6} size="xs">
          a
        </Kbd>
      </Button>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={onReject} disabled={busy} aria-keyshortcuts="r">
        Reject{' '}
        <Kbd ml={6} size="xs">
          r
        </Kbd>
      </Button>
    </Group>
  );
}
