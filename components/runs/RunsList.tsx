'use client';
import { Allowed } from '../auth/session';
import { Alert, Anchor, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { EmptyState } from '../ui/EmptyState';
import { sectionFor } from '../ui/sections';
import { useTRPC } from '../trpc';
import { FILTERS, pct, settingsSummary } from './format';
import { RunActions } from './RunActions';
import { RunProgress } from './RunProgress';

const activeStatus = (s: string | null) => s === 'queued' || s === 'running';

/** The newest runs with live progress and pass rates; polled while any of them is going. */
export function RunsList() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(
      { limit: 50 },
      {
        getNextPageParam: (p) => p.nextCursor,
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((r) => activeStatus(r.jobStatus))) ? 700 : false),
      },
    ),
  );
  if (list.isError)
    return (
      <Alert color="red" title="Could not load runs">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={200} />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    const s = sectionFor('/runs');
    return <EmptyState icon={s.icon} {...s.empty!} />;
  }
  // Every column, Passed included, in view at 1280 px: each rate takes two short lines.
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" aria-label="Runs" data-testid="runs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Run</Table.Th>
            <Table.Th w={190}>Progress</Table.Th>
            {FILTERS.map((f) => (
              <Table.Th key={f.key}>{f.label}</Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="run-row" data-run-id={r.id}>
              <Table.Td maw={340} miw={220}>
                <Stack gap={2}>
                  <Anchor component={Link} href={`/runs/${r.id}`} fw={600} size="sm" lineClamp={2} title={r.name}>
                    {r.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {r.createdAt.toLocaleString()} · {settingsSummary(r.settings)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <RunProgress done={r.counts.done} total={r.total} status={r.jobStatus} message={r.jobMessage} error={r.jobError} />
              </Table.Td>
              {FILTERS.map((f) => (
                <Table.Td key={f.key} data-testid={`run-${f.key}`}>
                  {r.counts.done ? (
                    <Text size="sm" fw={f.key === 'passed' ? 700 : 400} style={{ whiteSpace: 'nowrap' }}>
                      {r.counts[f.key]} of {r.counts.done}
                      <Text size="xs" c="dimmed" fw={400}>
                        {pct(r.counts[f.key], r.counts.done)}%
                      </Text>
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              ))}
              <Table.Td>
                <Allowed to="curate">
                  <RunActions run={r} />
                </Allowed>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Older runs
          </Button>
        </Group>
      )}
    </Table.ScrollContainer>
  );
}
