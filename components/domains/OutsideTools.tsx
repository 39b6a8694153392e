'use client';
import { Alert, Badge, Button, Checkbox, Group, ScrollArea, SegmentedControl, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Panel } from '../ui/Panel';
import { useTRPC } from '../trpc';

type Kind = 'unassigned' | 'dropped';

/**
 * The tools outside every domain: those no domain took, and those a person dropped. Selected ones
 * move into a domain, or (dropped ones) back to unassigned; each move is one undoable change.
 */
export function OutsideTools({ unassigned, dropped }: { unassigned: number; dropped: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>(unassigned === 0 && dropped > 0 ? 'dropped' : 'unassigned');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<string | null>(null);
  const domains = useQuery(trpc.domains.list.queryOptions());
  const list = useInfiniteQuery(
    trpc.domains.outside.infiniteQueryOptions(
      { kind, search: search.trim() || undefined, limit: 100 },
      { getNextPageParam: (p) => p.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const move = useMutation(
    trpc.domains.move.mutationOptions({
      onSuccess: (r) => {
        notifications.show({ message: r.summary });
        setSelected(new Set());
        void queryClient.invalidateQueries({ queryKey: trpc.domains.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.graph.overview.queryKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Not moved', message: e.message }),
    }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const pick = (k: Kind) => {
    setKind(k);
    setSelected(new Set());
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allShown = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const ids = [...selected];

  return (
    <Panel
      title="Tools outside the domains"
      hint="Unassigned: no domain took them at the last build. Dropped: taken out of the graph by hand. Move them into a domain, or bring dropped ones back."
    >
      <Group justify="space-between" gap="sm">
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(v) => pick(v as Kind)}
          data={[
            { value: 'unassigned', label: `Unassigned (${unassigned.toLocaleString()})` },
            { value: 'dropped', label: `Dropped (${dropped.toLocaleString()})` },
          ]}
          aria-label="Which tools"
        />
        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder="Search by name"
          aria-label="Search tools outside the domains"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
      </Group>
      {list.isError ? (
        <Alert color="red" title="Could not load the tools">
          {list.error.message}
        </Alert>
      ) : !list.data ? (
        <Skeleton h={120} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="outside-empty">
          {search.trim() ? `No ${kind} tool matches “${search.trim()}”.` : kind === 'unassigned' ? 'Every tool is in a domain.' : 'No tool was dropped.'}
        </Text>
      ) : (
        <>
          <ScrollArea.Autosize mah={320} type="auto">
            <Table verticalSpacing={4} fz="sm" aria-label={kind === 'unassigned' ? 'Unassigned tools' : 'Dropped tools'}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={32}>
                    <Checkbox
                      size="xs"
                      aria-label="Select every tool shown"
                      checked={allShown}
                      indeterminate={!allShown && selected.size > 0}
                      onChange={(e) => setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                    />
                  </Table.Th>
                  <Table.Th>Tool</Table.Th>
                  <Table.Th>Collection</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((t) => (
                  <Table.Tr key={t.id} data-testid="outside-tool">
                    <Table.Td>
                      <Checkbox
                        size="xs"
                        aria-label={`Select ${t.name}`}
                        checked={selected.has(t.id)}
                        onChange={(e) => toggle(t.id, e.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge size="xs" variant="light" color={t.op === 'write' ? 'orange' : 'blue'}>
                          {t.op}
                        </Badge>
                        <Text size="sm" ff="monospace" title={t.description}>
                          {t.name}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {t.collection}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {list.hasNextPage && (
              <Group justify="center" mt="xs">
                <Button size="xs" variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  More
                </Button>
              </Group>
            )}
          </ScrollArea.Autosize>
          <Stack gap="xs">
            <Group gap="xs" align="flex-end">
              <Select
                size="xs"
                placeholder="Move to a domain"
                aria-label="Domain to move the selected tools to"
                data={(domains.data?.domains ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.tools})` }))}
                value={target}
                onChange={setTarget}
                searchable
                limit={200}
                w={280}
              />
              <Button
                size="xs"
                disabled={ids.length === 0 || !target}
                loading={move.isPending && move.variables?.to !== null}
                onClick={() => move.mutate({ toolIds: ids, to: target })}
              >
                Move {ids.length || ''}
              </Button>
              {kind === 'dropped' && (
                <Button
                  size="xs"
                  variant="default"
                  disabled={ids.length === 0}
                  loading={move.isPending && move.variables?.to === null}
                  onClick={() => move.mutate({ toolIds: ids, to: null })}
                >
                  Bring back {ids.length || ''} as unassigned
                </Button>
              )}
            </Group>
          </Stack>
        </>
      )}
    </Panel>
  );
}
