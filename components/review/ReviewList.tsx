'use client';
import { Alert, Badge, Box, Button, Group, ScrollArea, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect } from 'react';
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

/** The queue, a page at a time: each trajectory with its filter result and current verdict. */
export function ReviewList({ rows, loading, error, selectedId, onSelect, hasMore, loadingMore, onMore }: Props) {
  useEffect(() => {
    if (selectedId) document.querySelector(`[data-review-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
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
    <ScrollArea.Autosize mah="calc(100vh - 320px)" type="auto" offsetScrollbars>
      <Stack gap={4} role="listbox" aria-label="Review queue">
        {rows.map((t) => {
          const selected = t.id === selectedId;
          return (
            <UnstyledButton
              key={t.id}
              role="option"
              aria-selected={selected}
              data-testid="review-item"
              data-review-id={t.id}
              data-verdict={t.verdict ?? 'none'}
              data-selected={selected}
              onClick={() => onSelect(t.id)}
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
              <Text size="xs" c="dimmed" truncate title={t.domainName}>
                {t.domainName}
              </Text>
            </UnstyledButton>
          );
        })}
        {hasMore && (
          <Box ta="center" py="xs">
            <Button variant="subtle" size="xs" onClick={onMore} loading={loadingMore}>
              Load more
            </Button>
          </Box>
        )}
      </Stack>
    </ScrollArea.Autosize>
  );
}
