'use client';
import { Button, Divider, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';

const UNASSIGNED = '__unassigned__';

/**
 * What can be done with the selected tools (split them off, move them, drop them) and with the
 * domain itself (merge others into it). Each action is one saved, undoable change.
 */
export function SelectionActions({
  domain,
  selected,
  onDone,
}: {
  domain: { id: string; name: string };
  selected: string[];
  onDone: (navigateTo?: string) => void;
}) {
  const trpc = useTRPC();
  const domains = useQuery(trpc.domains.list.queryOptions());
  const [splitName, setSplitName] = useState('');
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const [mergeFrom, setMergeFrom] = useState<string[]>([]);
  const done = (summary: string, next?: string) => {
    notifications.show({ message: summary });
    onDone(next);
  };
  const onError = (e: { message: string }) => notifications.show({ color: 'red', title: 'Not changed', message: e.message });
  const split = useMutation(trpc.domains.split.mutationOptions({ onSuccess: (r) => (setSplitName(''), done(r.summary)), onError }));
  const move = useMutation(trpc.domains.move.mutationOptions({ onSuccess: (r) => (setMoveTo(null), done(r.summary)), onError }));
  const drop = useMutation(trpc.domains.drop.mutationOptions({ onSuccess: (r) => done(r.summary), onError }));
  const merge = useMutation(trpc.domains.merge.mutationOptions({ onSuccess: (r) => (setMergeFrom([]), done(r.summary)), onError }));

  const others = (domains.data?.domains ?? []).filter((x) => x.id !== domain.id).map((x) => ({ value: x.id, label: `${x.name} (${x.tools})` }));
  const none = selected.length === 0;
  return (
    <Stack gap="xs">
      <Divider label={none ? 'Select tools to split, move or drop them' : `${selected.length} selected`} labelPosition="left" />
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          size="xs"
          placeholder={`${domain.name} (split)`}
          value={splitName}
          onChange={(e) => setSplitName(e.currentTarget.value)}
          aria-label="Name of the new domain"
          style={{ flex: 1 }}
          disabled={none}
        />
        <Button
          size="xs"
          disabled={none}
          loading={split.isPending}
          onClick={() => split.mutate({ from: domain.id, toolIds: selected, name: splitName || undefined })}
        >
          Split off
        </Button>
      </Group>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          size="xs"
          placeholder="Move to…"
          data={[{ value: UNASSIGNED, label: 'Unassigned' }, ...others]}
          value={moveTo}
          onChange={setMoveTo}
          searchable
          aria-label="Move selected tools to"
          style={{ flex: 1 }}
          disabled={none}
          limit={100}
        />
        <Button
          size="xs"
          disabled={none || !moveTo}
          loading={move.isPending}
          onClick={() => move.mutate({ toolIds: selected, to: moveTo === UNASSIGNED ? null : moveTo })}
        >
          Move
        </Button>
      </Group>
      <Button size="xs" color="red" variant="light" disabled={none} loading={drop.isPending} onClick={() => drop.mutate({ toolIds: selected })}>
        Drop from the graph
      </Button>
      <Divider label="Domain" labelPosition="left" />
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <MultiSelect
          size="xs"
          placeholder={mergeFrom.length ? undefined : 'Domains to merge in…'}
          data={others}
          value={mergeFrom}
          onChange={setMergeFrom}
          searchable
          clearable
          aria-label="Domains to merge into this one"
          style={{ flex: 1 }}
          limit={100}
        />
        <Button
          size="xs"
          variant="default"
          disabled={mergeFrom.length === 0}
          loading={merge.isPending}
          onClick={() => merge.mutate({ into: domain.id, from: mergeFrom })}
        >
          Merge{mergeFrom.length > 1 ? ` ${mergeFrom.length}` : ''}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Every change is saved and can be undone (Ctrl+Z).
      </Text>
    </Stack>
  );
}
