'use client';
import { Alert, Badge, Box, Group, Loader, Skeleton, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { VerdictBadge } from './VerdictBadge';
import type { QueueItem } from './useReviewQueue';

type Props = {
  rows: QueueItem[];
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
};

/** How far from the end of the loaded rows the next page is fetched. */
const PREFETCH = 20;

/**
 * The queue as a virtualised list (only the rows in view are in the page, however long the queue),
 * fetching the next page as the end comes into view; the selected row is kept in view.
 */
export function ReviewList({ rows, loading, error, selectedId, onSelect, hasMore, loadingMore, onMore }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 96, overscan: 8, gap: 4 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - PREFETCH) onMore();
  }, [lastIndex, rows.length, hasMore, loadingMore, onMore]);
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  if (error)
    return (
      <Alert color="red" title="Could not load the queue">
        {error}
      </Alert>
    );
  if (loading) return <Skeleton h={400} />;
  if (rows.length === 0)
    return (
      <Text c="dimmed" ta="center" p="xl" data-testid="review-empty">
        No trajectory matches this filter.
      </Text>
    );
  return (
    <div ref={scrollRef} style={{ maxHeight: 'calc(100vh - 320px)', overflowY: 'auto', paddingRight: 4 }} data-testid="review-scroll">
      <div role="listbox" aria-label="Review queue" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => (
          <div key={rows[v.index]!.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
            <Row t={rows[v.index]!} index={v.index} selected={rows[v.index]!.id === selectedId} onSelect={onSelect} measure={virtualizer.measureElement} />
          </div>
        ))}
      </div>
      {loadingMore && (
        <Box ta="center" py="xs">
          <Loader size="xs" />
        </Box>
      )}
    </div>
  );
}

function Row({
  t,
  index,
  selected,
  onSelect,
  measure,
}: {
  t: QueueItem;
  index: number;
  selected: boolean;
  onSelect: (id: string) => void;
  measure: (el: Element | null) => void;
}) {
  return (
    <UnstyledButton
      w="100%"
      role="option"
      aria-selected={selected}
      data-testid="review-item"
      data-review-id={t.id}
      data-verdict={t.verdict ?? 'none'}
      data-selected={selected}
      onClick={() => onSelect(t.id)}
      data-index={index}
      ref={measure}
      p="xs"
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        border: `1px solid ${selected ? 'var(--mantine-color-blue-filled)' : 'var(--mantine-color-default-border)'}`,
        background: selected ? 'var(--mantine-color-blue-light)' : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
        <Group gap={6} wrap="nowrap" style={{ overflow: 'hidden' }}>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            #{t.seq}
          </Text>
          <Badge size="xs" variant="light" color={t.passed ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
            {t.passed ? 'passed' : 'failed'}
          </Badge>
          {t.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="outline" color="grape" style={{ flexShrink: 0 }}>
              {tag}
            </Badge>
          ))}
        </Group>
        <div style={{ flexShrink: 0 }}>
          <VerdictBadge verdict={t.verdict} />
        </div>
      </Group>
      <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
        {t.intent}
      </Text>
      <Group justify="space-between" gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed" truncate title={t.domainName}>
          {t.domainName}
        </Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }} data-testid="review-item-reviewers">
          {t.assignedToMe && (
            <Badge size="xs" variant="light" color="indigo">
              yours
            </Badge>
          )}
          {t.verdicts.map((v) => (
            <Tooltip key={v.reviewerId ?? v.reviewer} label={`${v.reviewer}: ${v.verdict}`}>
              <Badge size="xs" variant="dot" color={v.verdict === 'accepted' ? 'teal' : 'red'} maw={90} style={{ textTransform: 'none' }}>
                {v.reviewer.split(' ')[0]}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      </Group>
    </UnstyledButton>
  );
}
