'use client';
import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { RowChange } from '@/server/pipeline/kernel/state';
import { StateDiff } from '../environments/StateDiff';

/** The trajectory's final database against the gold one: nothing when they match. */
export function FinalVsGold({ changes }: { changes: RowChange[] | null }) {
  if (changes === null)
    return (
      <Text size="sm" c="dimmed" data-testid="final-vs-gold" data-changes="lost">
        The final state was lost (the session broke), so it cannot be compared.
      </Text>
    );
  if (changes.length === 0)
    return (
      <Group gap="xs" data-testid="final-vs-gold" data-changes={0}>
        <ThemeIcon size="sm" radius="xl" color="teal">
          <IconCheck size={14} />
        </ThemeIcon>
        <Text size="sm">The final state matches the gold state.</Text>
      </Group>
    );
  return (
    <div data-testid="final-vs-gold" data-changes={changes.length} style={{ overflowX: 'auto' }}>
      <Text size="xs" c="dimmed" mb={4}>
        Rows where this trajectory ends differently: before is gold, after is this trajectory.
      </Text>
      <StateDiff changes={changes} />
    </div>
  );
}
