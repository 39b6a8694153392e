'use client';
import { Alert, Badge, Group, Skeleton, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { PreviousBuild } from '../domains/PreviousBuild';
import { useShownRows } from '../ui/ShowMore';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

/** Per domain: its tasks, how many only read, their mean length and its environment. Choosing one lists its tasks. */
export function TasksOverview({ selected, onSelect }: { selected: string | null; onSelect: (domainId: string | null) => void }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.tasks.overview.queryOptions());
  const envs = useQuery(trpc.environments.overview.queryOptions());
  const versions = useMemo(() => new Map((envs.data ?? []).map((d) => [d.domainId, d.number])), [envs.data]);
  const [search, setSearch] = useState('');
  const q = search.trim().toLowerCase();
  const rows = (overview.data ?? []).filter((d) => !q || d.domainName.toLowerCase().includes(q));
  const { visible, more } = useShownRows(rows);

  if (overview.isError)
    return (
      <Alert color="red" title="Could not load the task overview">
        {overview.error.message}
      </Alert>
    );
  if (!overview.data) return <Skeleton h={200} />;
  const total = overview.data.reduce((n, d) => n + d.tasks, 0);
  const choose = (id: string | null) => onSelect(id === selected ? null : id);
  return (
    <>
      <Group justify="space-between" mb="xs">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder="Filter domains"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Filter domains"
          w={240}
          size="xs"
        />
        <Text size="sm" c="dimmed" data-testid="tasks-summary">
          {plural(total, 'task')} in {overview.data.filter((d) => d.tasks).length} of {plural(overview.data.length, 'domain')}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={440} maxHeight={420}>
        <Table highlightOnHover verticalSpacing={6} stickyHeader aria-label="Tasks per domain">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Domain</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th ta="right">Tasks</Table.Th>
              <Table.Th ta="right">Read-only</Table.Th>
              <Table.Th ta="right" title="Mean number of calls per task">
                Mean calls
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((d) => {
              const active = d.domainId === selected;
              const version = versions.get(d.domainId);
              return (
                <Table.Tr
                  key={d.domainId}
                  bg={active ? 'var(--mantine-primary-color-light)' : undefined}
                  onClick={() => choose(d.domainId)}
                  style={{ cursor: 'pointer' }}
                  data-testid="task-domain"
                  data-domain={d.domainName}
                  data-tasks={d.tasks}
                  data-read-only={d.readOnly}
                >
                  <Table.Td>
                    <UnstyledButton onClick={(e) => (e.stopPropagation(), choose(d.domainId))} aria-pressed={active} fw={active ? 700 : 500} fz="sm">
                      {d.domainName}
                    </UnstyledButton>
                    {d.retiredAt && <PreviousBuild />}
                  </Table.Td>
                  <Table.Td>
                    {version ? (
                      <Badge variant="light" size="sm">
                        v{version}
                      </Badge>
                    ) : (
                      <Text size="xs" c="dimmed">
                        none
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {d.tasks ? (
                      d.tasks.toLocaleString()
                    ) : (
                      <Text span c="dimmed" size="sm">
                        0
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{d.tasks ? d.readOnly.toLocaleString() : '—'}</Table.Td>
                  <Table.Td ta="right">{d.tasks ? d.meanLength.toFixed(1) : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
            {visible.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" size="sm" ta="center">
                    {q ? 'No domain matches.' : 'No domains yet: build the graph first.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more}
    </>
  );
}
