'use client';
import { Alert, Badge, Box, Group, Loader, Paper, Select, Skeleton, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { FORMAT_LABELS } from '../collections/upload';
import { useTRPC } from '../trpc';
import { ToolDrawer } from './ToolDrawer';

type Sort = 'name' | 'op' | 'format' | 'collection';
const ROW_HEIGHT = 44;
const COLUMNS = 'minmax(200px, 2fr) 80px 120px minmax(140px, 1.2fr) 70px minmax(200px, 3fr)';

/**
 * Every tool, however many: pages are fetched by key as the list scrolls and only the rows on
 * screen are rendered. Rows are a keyboard list: arrows move, Enter opens the tool.
 */
export function ToolsTable({ initialCollection }: { initialCollection?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [op, setOp] = useState<string | null>(null);
  const [format, setFormat] = useState<string | null>(null);
  const [collectionId, setCollectionId] = useState<string | null>(initialCollection ?? null);
  const [sort, setSort] = useState<{ by: Sort; direction: 'asc' | 'desc' }>({ by: 'name', direction: 'asc' });
  const [openId, setOpenId] = useState<string | null>(null);

  const filters = {
    search: debounced || undefined,
    op: (op as 'read' | 'write' | null) ?? undefined,
    format: format ?? undefined,
    collectionId: collectionId ?? undefined,
  };
  const list = useInfiniteQuery(
    trpc.tools.list.infiniteQueryOptions(
      { ...filters, sort: sort.by, order: sort.direction, limit: 200 },
      { getNextPageParam: (p) => p.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const count = useQuery(trpc.tools.count.queryOptions(filters, { placeholderData: keepPreviousData }));
  const formats = useQuery(trpc.tools.formats.queryOptions());
  const collections = useQuery(trpc.collections.list.queryOptions());

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 40 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, rows.length, list]);

  const toggleSort = (by: Sort) => setSort((s) => ({ by, direction: s.by === by && s.direction === 'asc' ? 'desc' : 'asc' }));
  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(i);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };

  return (
    <Paper withBorder radius="md">
      <Group p="sm" gap="sm" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder="Search names and descriptions"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Search tools"
          w={280}
        />
        <Select
          placeholder="Read and write"
          aria-label="Filter by read/write"
          data={[
            { value: 'read', label: 'Read only' },
            { value: 'write', label: 'Write only' },
          ]}
          value={op}
          onChange={setOp}
          clearable
          w={150}
        />
        <Select
          placeholder="All formats"
          aria-label="Filter by format"
          data={(formats.data ?? []).map((f) => ({ value: f, label: FORMAT_LABELS[f] ?? f }))}
          value={format}
          onChange={setFormat}
          clearable
          w={160}
        />
        <Select
          placeholder="All collections"
          aria-label="Filter by collection"
          data={(collections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={collectionId}
          onChange={setCollectionId}
          clearable
          searchable
          w={240}
        />
        <Text size="sm" c="dimmed" ml="auto" data-testid="tool-count" aria-live="polite">
          {count.data === undefined ? '…' : `${count.data.toLocaleString()} tool${count.data === 1 ? '' : 's'}`}
        </Text>
      </Group>

      <Box role="grid" aria-label="Tools" aria-rowcount={count.data ?? -1} style={{ overflowX: 'auto' }}>
        <Box
          role="row"
          style={{ display: 'grid', gridTemplateColumns: COLUMNS, borderBlock: '1px solid var(--mantine-color-default-border)', minWidth: 980 }}
          px="sm"
          py={8}
          bg="var(--mantine-color-default-hover)"
        >
          <SortHeader label="Name" by="name" sort={sort} onSort={toggleSort} />
          <SortHeader label="Op" by="op" sort={sort} onSort={toggleSort} />
          <SortHeader label="Format" by="format" sort={sort} onSort={toggleSort} />
          <SortHeader label="Collection" by="collection" sort={sort} onSort={toggleSort} />
          <Text role="columnheader" size="sm" fw={600}>
            Params
          </Text>
          <Text role="columnheader" size="sm" fw={600}>
            Description
          </Text>
        </Box>
        {list.isError && (
          <Alert color="red" m="sm" title="Could not load tools">
            {list.error.message}
          </Alert>
        )}
        {!list.data && !list.isError && <Skeleton h={ROW_HEIGHT * 6} m="sm" />}
        {list.data && rows.length === 0 && (
          <Text c="dimmed" ta="center" p="xl">
            {debounced || op || format || collectionId ? 'No tool matches these filters.' : 'No tools yet: import a collection first.'}
          </Text>
        )}
        <div
          ref={scrollRef}
          style={{ height: 'min(62vh, 640px)', overflowY: 'auto', minWidth: 980, display: rows.length ? 'block' : 'none' }}
          data-testid="tools-scroll"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const t = rows[v.index]!;
              return (
                <Box
                  key={t.id}
                  role="row"
                  tabIndex={0}
                  data-index={v.index}
                  aria-rowindex={v.index + 2}
                  onClick={() => setOpenId(t.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      setOpenId(t.id);
                    } else if (e.key === 'ArrowDown') {
                      e.preventDefault();
                      focusRow(v.index + 1);
                    } else if (e.key === 'ArrowUp') {
                      e.preventDefault();
                      focusRow(v.index - 1);
                    }
                  }}
                  className="tool-row"
                  px="sm"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                    display: 'grid',
                    gridTemplateColumns: COLUMNS,
                    alignItems: 'center',
                    cursor: 'pointer',
                    borderBottom: '1px solid var(--mantine-color-default-border)',
                  }}
                >
                  <Text role="gridcell" size="sm" ff="monospace" truncate title={t.name}>
                    {t.name}
                  </Text>
                  <div role="gridcell">
                    <Badge size="sm" variant="light" color={t.op === 'write' ? 'orange' : 'blue'} title={t.opReason}>
                      {t.op}
                      {t.opOverridden ? ' ✎' : ''}
                    </Badge>
                  </div>
                  <Text role="gridcell" size="sm">
                    {FORMAT_LABELS[t.format] ?? t.format}
                  </Text>
                  <Text role="gridcell" size="sm" truncate title={t.collectionName}>
                    {t.collectionName}
                  </Text>
                  <Text role="gridcell" size="sm" c="dimmed">
                    {t.parameterCount}
                  </Text>
                  <Text role="gridcell" size="sm" c="dimmed" truncate title={t.description}>
                    {t.description}
                  </Text>
                </Box>
              );
            })}
          </div>
          {list.isFetchingNextPage && (
            <Group justify="center" p="xs">
              <Loader size="xs" />
            </Group>
          )}
        </div>
      </Box>
      <ToolDrawer toolId={openId} onClose={() => setOpenId(null)} />
    </Paper>
  );
}

function SortHeader({ label, by, sort, onSort }: { label: string; by: Sort; sort: { by: Sort; direction: 'asc' | 'desc' }; onSort: (by: Sort) => void }) {
  const active = sort.by === by;
  return (
    <div role="columnheader" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(by)} aria-label={`Sort by ${label.toLowerCase()}`}>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {active && (sort.direction === 'asc' ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />)}
        </Group>
      </UnstyledButton>
    </div>
  );
}
