'use client';
import { Alert, Button, Checkbox, Group, Progress, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { EmptyState } from '../ui/EmptyState';
import { sectionFor } from '../ui/sections';
import { useTRPC, type RouterOutputs } from '../trpc';

type Evaluation = RouterOutputs['evaluations']['list']['items'][number];
const going = (s: string | null) => s === 'queued' || s === 'running';

function agentOf(e: Evaluation) {
  const a = e.settings.agent;
  if (a.kind !== 'offline') return `${a.model} (T ${a.temperature ?? 0})`;
  return e.settings.noise.length ? `oracle with ${e.settings.noise.join(', ')} at ${Math.round(e.settings.noiseRate * 100)}%` : 'oracle (offline)';
}

/** Evaluations newest first, each with its progress and pass^1 / pass^k; checked ones are compared below. */
export function EvaluationsList({ selected, onToggle }: { selected: string[]; onToggle: (id: string) => void }) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.evaluations.list.infiniteQueryOptions(
      { limit: 50 },
      {
        getNextPageParam: (p) => p.nextCursor,
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((e) => going(e.jobStatus))) ? 1000 : false),
      },
    ),
  );
  if (list.isError)
    return (
      <Alert color="red" title="Could not load evaluations">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={160} />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    const s = sectionFor('/evaluate');
    return <EmptyState icon={s.icon} {...s.empty!} />;
  }
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" aria-label="Evaluations" data-testid="evaluations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <VisuallyHidden>Compare</VisuallyHidden>
              </Table.Th>
              <Table.Th>Evaluation</Table.Th>
              <Table.Th w={200}>Trials</Table.Th>
              <Table.Th>pass^1</Table.Th>
              <Table.Th>pass^k</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => {
              const p1 = e.summary?.passk['1'];
              const pk = e.summary?.passk[String(e.k)];
              return (
                <Table.Tr key={e.id} data-testid="evaluation-row" data-status={e.summary ? 'finished' : (e.jobStatus ?? 'queued')}>
                  <Table.Td>
                    <Checkbox aria-label={`Compare ${e.name}`} checked={selected.includes(e.id)} onChange={() => onToggle(e.id)} disabled={!e.summary} />
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Text fw={600} size="sm" lineClamp={2} title={e.name}>
                      {e.name}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {e.createdAt.toLocaleString()} · {agentOf(e)} · k = {e.k} ·{' '}
                      {e.scope.split === 'heldout' ? 'held-out tasks' : e.scope.split === 'all' ? 'every task' : 'held-out or every task'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm">
                        {e.done} of {e.total}
                        {e.jobStatus === 'failed' && ' · failed'}
                        {e.jobStatus === 'cancelled' && ' · cancelled'}
                      </Text>
                      <Progress value={e.total ? (100 * e.done) / e.total : 0} size="sm" aria-label={`${e.name}: ${e.done} of ${e.total} trials`} />
                      {e.jobError && (
                        <Text size="xs" c="red" lineClamp={2}>
                          {e.jobError}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td data-testid="evaluation-pass1">{p1 ? <Text size="sm">{p1.value.toFixed(3)}</Text> : <Text c="dimmed">—</Text>}</Table.Td>
                  <Table.Td data-testid="evaluation-passk">
                    {pk ? (
                      <Text size="sm">
                        {pk.value.toFixed(3)}{' '}
                        <Text span size="xs" c="dimmed">
                          (k = {e.k})
                        </Text>
                      </Text>
                    ) : (
                      <Text c="dimmed">—</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show older evaluations
          </Button>
        </Group>
      )}
    </Stack>
  );
}
