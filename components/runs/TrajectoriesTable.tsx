'use client';
import { Alert, Box, Group, Loader, SegmentedControl, Skeleton, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Outcome as Filter } from '@/server/db/queries/trajectories';
import { useTRPC } from '../trpc';
import { OUTCOME_OPTIONS, type OutcomeCounts } from './format';
import { COLUMNS, GRID_MIN_WIDTH, HEADERS, ROW_HEIGHT, TrajectoryRow } from './TrajectoryRow';

type Outcome = 'all' | Filter;

/** The verification outcomes as tabs, after one for every trajectory. */
const TABS: Array<{ value: Outcome; label: string }> = [{ value: 'all', label: 'All' }, ...OUTCOME_OPTIONS];

/** Each tab with how many rows it shows, counted with the rows themselves; no number until they are. */
export function outcomeTabs(c: OutcomeCounts | null): Array<{ value: Outcome; label: string }> {
  return TABS.map((t) => ({ value: t.value, label: c ? `${t.label} ${c[t.value].toLocaleString()}` : t.label }));
}

/**
 * A run's trajectories in the order they finished, however many: pages are fetched by cursor as
 * the list scrolls, and only the rows on screen are rendered. Refreshed while the run goes on.
 */
export function TrajectoriesTable({ runId, live }: { runId: string; live: boolean }) {
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState<Outcome>('all');
  const list = useInfiniteQuery(
    trpc.runs.trajectories.infiniteQueryOptions(
      { runId, outcome: outcome === 'all' ? undefined : outcome, limit: 200 },
      { getNextPageParam: (p) => p.nextCursor, placeholderData: keepPreviousData, refetchInterval: live ? 1500 : false },
    ),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The first page's counts were read with its rows; while another filter loads, the last ones stay.
  const counts = list.data?.pages[0]?.counts ?? null;
  // The run just ended: one more fetch for the trajectories stored since the last poll.
  const wasLive = useRef(live);
  const { refetch } = list;
  useEffect(() => {
    if (wasLive.current && !live) void refetch();
    wasLive.current = live;
  }, [live, refetch]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 40 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, rows.length, list]);

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(i);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };

  return (
    <Box>
      <Group justify="space-between" mb="xs" gap="xs">
        <SegmentedControl
          size="xs"
          value={outcome}
          onChange={(v) => setOutcome(v as Outcome)}
          data={outcomeTabs(counts)}
          aria-label="Filter trajectories by outcome"
          data-testid="outcome-filter"
        />
        <Text size="xs" c="dimmed" aria-live="polite">
          {list.isFetching ? <Loader size={12} /> : `${rows.length.toLocaleString()} shown${list.hasNextPage ? ', more as you scroll' : ''}`}
        </Text>
      </Group>
      <Box role="grid" aria-label="Trajectories" style={{ overflowX: 'auto' }}>
        <Box
          role="row"
          px="sm"
          py={8}
          bg="var(--mantine-color-default-hover)"
          style={{
            display: 'grid',
            gridTemplateColumns: COLUMNS,
            columnGap: 8,
            minWidth: GRID_MIN_WIDTH,
            borderBlock: '1px solid var(--mantine-color-default-border)',
          }}
        >
          {HEADERS.map((h) => (
            <Text key={h} role="columnheader" size="sm" fw={600} ta={h === 'Turns' || h === 'Calls' ? 'right' : undefined}>
              {h}
            </Text>
          ))}
        </Box>
        {list.isError && (
          <Alert color="red" m="sm" title="Could not load trajectories">
            {list.error.message}
          </Alert>
        )}
        {!list.data && !list.isError && <Skeleton h={ROW_HEIGHT * 5} m="sm" />}
        {list.data && rows.length === 0 && (
          <Text c="dimmed" ta="center" p="xl" data-testid="trajectories-empty">
            {outcome !== 'all' ? 'No trajectory with this outcome.' : live ? 'No trajectory has finished yet.' : 'This run has no trajectories.'}
          </Text>
        )}
        <div
          ref={scrollRef}
          data-testid="trajectories-scroll"
          style={{
            height: `min(60vh, ${Math.max(rows.length, 1) * ROW_HEIGHT + 8}px)`,
            overflowY: 'auto',
            minWidth: GRID_MIN_WIDTH,
            display: rows.length ? 'block' : 'none',
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => (
              <TrajectoryRow
                key={rows[v.index]!.id}
                t={rows[v.index]!}
                index={v.index}
                start={v.start}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    focusRow(v.index + 1);
                  } else if (e.key === 'ArrowUp') {
                    e.preventDefault();
                    focusRow(v.index - 1);
                  }
                }}
              />
            ))}
          </div>
          {list.isFetchingNextPage && (
            <Group justify="center" p="xs">
              <Loader size="xs" />
            </Group>
          )}
        </div>
      </Box>
    </Box>
  );
}
