'use client';
import { Alert, Anchor, Badge, Button, Group, Loader, SegmentedControl, Skeleton, Table, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../trpc';

type Kind = 'all' | 'write' | 'read';
const READ_ONLY: Record<Kind, boolean | undefined> = { all: undefined, write: false, read: true };

export const toolChain = (tools: string[]) => tools.join(' → ');

/** Tasks newest first, a page at a time: intent, tool chain, read-only, environment version. */
export function TaskList({ domainId, domainName }: { domainId: string | null; domainName?: string }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>('all');
  const list = useInfiniteQuery(
    trpc.tasks.list.infiniteQueryOptions(
      { domainId: domainId ?? undefined, readOnly: READ_ONLY[kind], limit: 50 },
      { getNextPageParam: (p) => p.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const back = domainId ? `?from=${domainId}` : '';

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{domainId ? `Tasks of ${domainName ?? 'this domain'}` : 'All tasks'}</Text>
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          aria-label="Which tasks"
          data={[
            { value: 'all', label: 'All' },
            { value: 'write', label: 'Writes' },
            { value: 'read', label: 'Read-only' },
          ]}
        />
      </Group>
      {list.isError && (
        <Alert color="red" title="Could not load tasks">
          {list.error.message}
        </Alert>
      )}
      {!list.data && !list.isError && <Skeleton h={160} />}
      {list.data && rows.length === 0 && (
        <Text c="dimmed" ta="center" p="lg" data-testid="tasks-empty">
          {kind !== 'all' ? 'No task of this kind.' : domainId ? 'No tasks in this domain yet: sample some above.' : 'No tasks yet: sample some above.'}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing={6} highlightOnHover aria-label="Tasks" data-testid="task-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Intent</Table.Th>
                <Table.Th>Tool chain</Table.Th>
                <Table.Th w={110}>Kind</Table.Th>
                {!domainId && <Table.Th>Domain</Table.Th>}
                <Table.Th>Env</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((t) => (
                <Table.Tr key={t.id} data-testid="task-row" data-read-only={t.readOnly}>
                  <Table.Td maw={420}>
                    <Anchor component={Link} href={`/tasks/${t.id}${back}`} size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {t.intent}
                    </Anchor>
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Text size="xs" ff="monospace" lineClamp={2} title={toolChain(t.tools)}>
                      {toolChain(t.tools)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {t.readOnly ? (
                      <Badge size="sm" variant="light" color="blue">
                        read-only
                      </Badge>
                    ) : (
                      <Badge size="sm" variant="light" color="orange">
                        writes
                      </Badge>
                    )}
                  </Table.Td>
                  {!domainId && (
                    <Table.Td>
                      <Text size="sm" truncate maw={200}>
                        {t.domainName}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td>v{t.versionNumber}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="light" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
      {list.isFetching && !list.isFetchingNextPage && list.data && (
        <Group justify="center" mt={4}>
          <Loader size="xs" />
        </Group>
      )}
    </>
  );
}
