'use client';
import { useCan, useSessionUser } from '../auth/session';
import { ReviewTeam } from './ReviewTeam';
import { Button, Grid, Group, Kbd, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useNavKeys } from '../trajectory/useNavKeys';
import { useTRPC } from '../trpc';
import { EmptyState } from '../ui/EmptyState';
import { sectionFor } from '../ui/sections';
import { BulkActions } from './BulkActions';
import { HelpModal } from './HelpModal';
import { RejectForm } from './RejectForm';
import { ReviewDetail } from './ReviewDetail';
import { ReviewFilters } from './ReviewFilters';
import { ReviewList } from './ReviewList';
import { VerdictActions } from './VerdictActions';
import { toFilter, useReviewFilter } from './useReviewFilter';
import { useReviewQueue } from './useReviewQueue';
import { useVerdict } from './useVerdict';

/** The review stage: a filtered queue of trajectories, one open beside it, verdicts by button or key. */
export function ReviewScreen() {
  return (
    <Suspense fallback={<Skeleton h={600} />}>
      <ReviewQueue />
    </Suspense>
  );
}

function ReviewQueue() {
  const trpc = useTRPC();
  const presets = useQuery(trpc.reviews.presets.queryOptions());
  const anything = useQuery(trpc.reviews.count.queryOptions({}));
  const canReview = useCan('review');
  const me = useSessionUser();
  const { form, set } = useReviewFilter();
  const [search, setSearch] = useState(form.search);
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => {
    if (debounced !== form.search) set({ search: debounced });
    // Only a settled search is written to the URL; the URL changing must not echo back.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs only when the debounced text settles (see above)
  }, [debounced]);
  const filter = useMemo(() => toFilter(form, form.search), [form]);
  const { list, rows } = useReviewQueue(filter);

  const [picked, setPicked] = useState<string | null>(null);
  const index = rows.findIndex((t) => t.id === picked);
  const selected = index >= 0 ? rows[index]! : (rows[0] ?? null);
  const at = index >= 0 ? index : 0;
  const move = (d: number) => {
    const next = rows[Math.max(0, Math.min(rows.length - 1, at + d))];
    if (next) setPicked(next.id);
    if (d > 0 && at + d >= rows.length - 1 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  };
  const [rejecting, setRejecting] = useState(false);
  const [help, setHelp] = useState(false);
  const verdict = useVerdict((id) => {
    setRejecting(false);
    const i = rows.findIndex((t) => t.id === id);
    const next = rows[i + 1] ?? null;
    if (next) setPicked(next.id);
  });
  const accept = () =>
    selected &&
    canReview &&
    !verdict.isPending &&
    verdict.mutate({ trajectoryId: selected.id, verdict: { verdict: 'accepted', reason: '', comment: '', expectedSeq: selected.latestSeq } });
  const reject = (reason: string, comment: string) =>
    selected && verdict.mutate({ trajectoryId: selected.id, verdict: { verdict: 'rejected', reason, comment, expectedSeq: selected.latestSeq } });
  const openReject = () => selected && canReview && (verdict.reset(), setRejecting(true));

  const modal = rejecting || help;
  // Rebuilt every render, so the keys always act on the current selection.
  const keys: Record<string, (() => void) | null> = modal
    ? {}
    : { j: () => move(1), k: () => move(-1), a: () => void accept(), r: () => void openReject(), '?': () => setHelp(true) };
  useNavKeys(keys);

  if (anything.data === 0) {
    const s = sectionFor('/review');
    return <EmptyState icon={s.icon} {...s.empty!} />;
  }

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Stack gap={2}>
              <Text size="sm" c="dimmed" data-testid="reviewing-as">
                {canReview ? (
                  <>
                    Verdicts are recorded as <b>{me?.name}</b>.
                  </>
                ) : (
                  <>Your role ({me?.role}) reads the queue; reviewers give verdicts.</>
                )}
              </Text>
              <ReviewTeam filter={filter} />
            </Stack>
            <Group gap="xs">
              {presets.data && canReview && <BulkActions filter={filter} reasons={presets.data.reasons} bulkLimit={presets.data.bulkLimit} />}
              <Button variant="subtle" size="xs" leftSection={<IconKeyboard size={16} />} onClick={() => setHelp(true)}>
                Keys{' '}
                <Kbd ml={6} size="xs">
                  ?
                </Kbd>
              </Button>
            </Group>
          </Group>
          <ReviewFilters form={form} search={search} onSearch={setSearch} set={set} />
        </Stack>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="md" p="xs" style={{ position: 'sticky', top: 72 }}>
            <Group justify="space-between" px={4} pb={6}>
              <Text size="sm" fw={600}>
                Queue
              </Text>
              <Text size="xs" c="dimmed">
                {rows.length ? `${at + 1} of ${rows.length}${list.hasNextPage ? '+' : ''}` : ''} · <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> to move
              </Text>
            </Group>
            <ReviewList
              rows={rows}
              loading={!list.data && !list.isError}
              error={list.isError ? list.error.message : null}
              selectedId={selected?.id ?? null}
              onSelect={setPicked}
              hasMore={Boolean(list.hasNextPage)}
              loadingMore={list.isFetchingNextPage}
              onMore={() => void list.fetchNextPage()}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected ? (
            <ReviewDetail
              id={selected.id}
              actions={<VerdictActions busy={verdict.isPending} onAccept={() => void accept()} onReject={() => void openReject()} />}
            />
          ) : (
            <Paper withBorder radius="md" p="xl">
              <Text c="dimmed" ta="center">
                {list.data ? 'Nothing to review with this filter.' : 'Loading…'}
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
      <RejectForm
        opened={rejecting}
        reasons={presets.data?.reasons ?? []}
        busy={verdict.isPending}
        error={verdict.isError ? verdict.error.message : null}
        onClose={() => setRejecting(false)}
        onSubmit={reject}
      />
      <HelpModal opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
