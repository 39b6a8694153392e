'use client';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../trpc';

/** The latest curation change and a button (and Ctrl+Z) to undo it. */
export function UndoBar() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const history = useQuery(trpc.domains.history.queryOptions());
  const undo = useMutation(
    trpc.domains.undo.mutationOptions({
      onSuccess: (r) => {
        notifications.show({ message: r.summary });
        void queryClient.invalidateQueries({ queryKey: trpc.domains.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.graph.overview.queryKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not undo', message: e.message }),
    }),
  );
  const last = history.data?.[0];
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && last && !undo.isPending) {
        e.preventDefault();
        undo.mutate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [last, undo]);

  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" c="dimmed" truncate maw={420} data-testid="last-change">
        {last ? `Last change: ${last.summary}` : 'No changes to undo'}
      </Text>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconArrowBackUp size={14} />}
        disabled={!last}
        loading={undo.isPending}
        onClick={() => undo.mutate()}
        title="Undo (Ctrl+Z)"
      >
        Undo
      </Button>
    </Group>
  );
}
