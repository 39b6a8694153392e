'use client';
import { Button, Group, NumberInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { plural } from '@/lib/text/plural';
import { useTRPC } from '../trpc';

/** Holds out a share of each chosen domain's tasks (all domains when none is chosen); the rest go back to training. */
export function HoldOut({ domains }: { domains: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [percent, setPercent] = useState(20);
  const holdOut = useMutation(
    trpc.evaluations.holdOut.mutationOptions({
      onSuccess: (r) => {
        notifications.show({ message: `${plural(r.heldout, 'task')} of ${r.tasks} held out from training, over ${plural(r.domains.length, 'domain')}.` });
        void queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Nothing held out', message: e.message }),
    }),
  );
  return (
    <Group gap="xs" align="flex-end">
      <NumberInput
        label="Hold out"
        description="Share of each domain's tasks kept for evaluation"
        suffix=" %"
        w={210}
        value={percent}
        onChange={(v) => setPercent(Math.max(0, Math.min(100, typeof v === 'number' ? v : Number(v) || 0)))}
        min={0}
        max={100}
      />
      <Button variant="light" onClick={() => holdOut.mutate({ domainIds: domains, fraction: percent / 100 })} loading={holdOut.isPending}>
        Hold out
      </Button>
      <Text size="xs" c="dimmed" maw={260}>
        Held-out tasks are left out of every training export.
      </Text>
    </Group>
  );
}
