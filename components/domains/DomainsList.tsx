'use client';
import { Allowed } from '../auth/session';
import { Alert, Anchor, Badge, Box, Group, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { IconLock, IconSearch, IconStack2, IconTarget } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { useShownRows } from '../ui/ShowMore';
import { useTRPC } from '../trpc';
import { OutsideTools } from './OutsideTools';
import { UndoBar } from './UndoBar';
import { plural } from '@/lib/text/plural';

export function DomainsList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.domains.list.queryOptions());
  const [search, setSearch] = useState('');

  const q = search.trim().toLowerCase();
  const all = list.data?.domains ?? [];
  const rows = q ? all.filter((d) => d.name.toLowerCase().includes(q)) : all;
  const { visible, more } = useShownRows(rows);

  if (list.isError)
    return (
      <Alert color="red" title="Could not load domains">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={240} />;
  if (list.data.domains.length === 0)
    return (
      <EmptyState
        icon={IconStack2}
        title="No domains yet"
        body="Domains appear after a graph build. Curate them here: every change is saved and can be undone, and locked domains survive a rebuild."
        next={{ label: 'Go to the graph', href: '/graph' }}
      />
    );
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder="Filter domains"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label="Filter domains"
            w={260}
          />
          <Text size="sm" c="dimmed">
            {plural(list.data.domains.length, 'domain')} · {plural(list.data.unassigned, 'tool')} unassigned · {list.data.dropped.toLocaleString()} dropped
          </Text>
        </Group>
        <Allowed to="curate">
          <UndoBar />
        </Allowed>
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table highlightOnHover verticalSpacing="xs" aria-label="Domains">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Domain</Table.Th>
              <Table.Th ta="right">Tools</Table.Th>
              <Table.Th ta="right">Writes</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/domains/${d.id}`}>
                    {d.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{d.tools}</Table.Td>
                <Table.Td ta="right">{d.writes}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {d.locked && (
                      <Badge color="orange" variant="light" leftSection={<IconLock size={12} />}>
                        locked
                      </Badge>
                    )}
                    {d.target && (
                      <Badge
                        color="grape"
                        variant="light"
                        leftSection={<IconTarget size={12} />}
                        title="A vertical target: phase 2 exports keep its trajectories (mark on the Exports page)"
                      >
                        target
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more}
      {(list.data.unassigned > 0 || list.data.dropped > 0) && (
        <Box mt="lg">
          <OutsideTools unassigned={list.data.unassigned} dropped={list.data.dropped} />
        </Box>
      )}
    </>
  );
}
