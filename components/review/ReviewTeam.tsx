'use client';
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReviewFilter } from '@/server/db/queries/reviews';
import { plural } from '@/lib/text/plural';
import { Allowed } from '../auth/session';
import { useTRPC } from '../trpc';

/** How much the reviewers of the filtered queue agree, and (for curators) splitting it among them. */
export function ReviewTeam({ filter }: { filter: ReviewFilter }) {
  const trpc = useTRPC();
  const count = useQuery(trpc.reviews.count.queryOptions(filter)).data ?? 0;
  const agreement = useQuery(trpc.reviews.agreement.queryOptions(filter));
  const [open, setOpen] = useState(false);
  const a = agreement.data;
  return (
    <Group gap="sm" wrap="nowrap">
      {a && (
        <Text size="sm" c="dimmed" data-testid="review-agreement">
          {a.multiReviewed === 0
            ? `${plural(a.reviewed, 'trajectory')} judged; none by two reviewers yet`
            : `Reviewers agree on ${a.agreed} of ${plural(a.multiReviewed, 'trajectory')} judged by two or more (${Math.round((a.rate ?? 0) * 100)}%)`}
        </Text>
      )}
      <Allowed to="curate">
        <Button size="xs" variant="light" leftSection={<IconUsersGroup size={16} />} onClick={() => setOpen(true)} disabled={count === 0}>
          Split among reviewers
        </Button>
        {open && <AssignDialog filter={filter} count={count} onClose={() => setOpen(false)} />}
      </Allowed>
    </Group>
  );
}

function AssignDialog({ filter, count, onClose }: { filter: ReviewFilter; count: number; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const reviewers = useQuery(trpc.reviews.reviewers.queryOptions());
  const [chosen, setChosen] = useState<string[]>([]);
  const [per, setPer] = useState(1);
  const assign = useMutation(
    trpc.reviews.assign.mutationOptions({
      onSuccess: (out) => {
        const names = new Map((reviewers.data ?? []).map((r) => [r.id, r.name]));
        notifications.show({
          color: 'green',
          title: `${plural(out.trajectories, 'trajectory')} split among ${plural(chosen.length, 'reviewer')}`,
          message: Object.entries(out.perReviewer)
            .map(([id, n]) => `${names.get(id) ?? id}: ${n}`)
            .join(' · '),
        });
        void client.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
        onClose();
      },
    }),
  );
  const tooMany = per > Math.max(1, chosen.length);
  return (
    <Modal opened onClose={onClose} title="Split this queue among reviewers">
      <Stack>
        <Text size="sm">
          The {plural(count, 'trajectory')} the filter selects go to the reviewers you choose, in queue order, each to as many reviewers as you say. Two or more
          per trajectory lets the queue measure their agreement. Each reviewer finds theirs under Whose → Assigned to me.
        </Text>
        <MultiSelect
          label="Reviewers"
          placeholder={reviewers.isLoading ? 'Loading…' : 'Choose reviewers'}
          data={(reviewers.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.role})` }))}
          value={chosen}
          onChange={setChosen}
          searchable
        />
        <NumberInput
          label="Reviewers per trajectory"
          min={1}
          max={5}
          value={per}
          onChange={(v) => setPer(Number(v) || 1)}
          error={tooMany ? 'More than the reviewers chosen.' : undefined}
        />
        {assign.error && <Alert color="red">{assign.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={assign.isPending}
            disabled={chosen.length === 0 || tooMany}
            onClick={() => assign.mutate({ filter, reviewerIds: chosen, perTrajectory: per })}
          >
            Assign {plural(count, 'trajectory')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
