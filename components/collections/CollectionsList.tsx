'use client';
import { Allowed } from '../auth/session';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Modal, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolders, IconTable, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { useTRPC, type RouterOutputs } from '../trpc';
import { FORMAT_LABELS } from './upload';
import { plural } from '@/lib/text/plural';

type CollectionSummary = RouterOutputs['collections']['list'][number];

export function CollectionsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.collections.list.queryOptions());
  const [toDelete, setToDelete] = useState<CollectionSummary | null>(null);
  const remove = useMutation(
    trpc.collections.delete.mutationOptions({
      onSuccess: () => {
        setToDelete(null);
        void queryClient.invalidateQueries({ queryKey: trpc.collections.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.tools.pathKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: e.message }),
    }),
  );

  if (list.isError)
    return (
      <Alert color="red" title="Could not load collections">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={120} />;
  if (list.data.length === 0)
    return (
      <EmptyState
        icon={IconFolders}
        title="No collections yet"
        body="Drop a file above. Each tool becomes a read or write operation with its JSON Schema and where it came from; you can check the preview before anything is saved."
      />
    );

  const total = list.data.reduce((n, c) => n + c.toolCount, 0);
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>
          {plural(list.data.length, 'collection')}, {plural(total, 'tool')}
        </Text>
        <Button component={Link} href="/tools" variant="light" leftSection={<IconTable size={16} />}>
          All tools
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={700}>
        <Table highlightOnHover verticalSpacing="sm" aria-label="Collections">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th ta="right">Tools</Table.Th>
              <Table.Th>Warnings</Table.Th>
              <Table.Th>Imported</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} href={`/tools?collection=${c.id}`} fw={500}>
                      {c.name}
                    </Anchor>
                    {c.keepWhole && (
                      <Tooltip label="Its tools are one locked domain at every graph build; choose on the Graph page">
                        <Badge variant="light" color="orange" size="sm" data-testid="kept-whole">
                          kept whole
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" truncate maw={360} title={c.files.join('\n')}>
                    {c.files.length === 1 ? c.files[0] : `${c.files.length} files`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{FORMAT_LABELS[c.format] ?? c.format}</Badge>
                </Table.Td>
                <Table.Td ta="right">{c.toolCount.toLocaleString()}</Table.Td>
                <Table.Td>
                  {c.warningCount > 0 ? (
                    <Badge color="yellow" variant="light">
                      {c.warningCount}
                    </Badge>
                  ) : (
                    <Text c="dimmed">—</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.createdAt.toLocaleString()}</Text>
                </Table.Td>
                <Table.Td>
                  <Allowed to="curate">
                    <Tooltip label="Delete collection">
                      <ActionIcon variant="subtle" color="red" onClick={() => setToDelete(c)} aria-label={`Delete ${c.name}`}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Allowed>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={toDelete !== null} onClose={() => setToDelete(null)} title="Delete collection?">
        <Text size="sm">
          “{toDelete?.name}” and its {plural(toDelete?.toolCount ?? 0, 'tool')} will be removed. The file can be imported again later.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setToDelete(null)}>
            Keep it
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => toDelete && remove.mutate({ id: toDelete.id })}>
            Delete
          </Button>
        </Group>
      </Modal>
    </>
  );
}
