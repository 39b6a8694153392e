'use client';
import { Alert, Anchor, Badge, Button, Checkbox, Group, ScrollArea, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Panel } from '../ui/Panel';
import { useShownRows } from '../ui/ShowMore';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

/** The domains phase 2 (vertical) trains on: marked here, kept on the domain until unmarked. */
export function TargetDomains() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.domains.list.queryOptions());
  const [search, setSearch] = useState('');
  // The box ticks at once; the list is put back if the server refuses.
  const listKey = trpc.domains.list.queryKey();
  const setTarget = useMutation(
    trpc.domains.setTarget.mutationOptions({
      onMutate: async ({ ids, target }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const before = queryClient.getQueryData(listKey);
        const marked = new Set(ids);
        queryClient.setQueryData(listKey, (old) => (old ? { ...old, domains: old.domains.map((d) => (marked.has(d.id) ? { ...d, target } : d)) } : old));
        return { before };
      },
      onError: (e, _input, context) => {
        if (context?.before) queryClient.setQueryData(listKey, context.before);
        notifications.show({ color: 'red', title: 'Not changed', message: e.message });
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: listKey });
        void queryClient.invalidateQueries({ queryKey: trpc.exports.preview.queryKey() });
      },
    }),
  );
  const domains = useMemo(() => list.data?.domains ?? [], [list.data]);
  const marked = domains.filter((d) => d.target);
  const needle = search.trim().toLowerCase();
  const matching = useMemo(() => (needle ? domains.filter((d) => d.name.toLowerCase().includes(needle)) : domains), [domains, needle]);
  const { visible, more } = useShownRows(matching, 100);

  return (
    <Panel
      title="Target domains"
      hint="Phase 2 (vertical) exports only these domains' trajectories. Unlocked domains lose their mark when a graph rebuild replaces them."
    >
      {list.isError ? (
        <Alert color="red" title="Could not load domains">
          {list.error.message}
        </Alert>
      ) : !list.data ? (
        <Skeleton h={160} />
      ) : domains.length === 0 ? (
        <Text size="sm" c="dimmed">
          No domains yet:{' '}
          <Anchor component={Link} href="/graph">
            build the graph
          </Anchor>{' '}
          first.
        </Text>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between">
            <Group gap={6} data-testid="targets-marked">
              <Text size="sm">{marked.length ? `${marked.length} marked:` : 'None marked.'}</Text>
              {marked.slice(0, 8).map((d) => (
                <Badge key={d.id} variant="light" size="sm" data-shrink title={d.name}>
                  {d.name}
                </Badge>
              ))}
              {marked.length > 8 && (
                <Text size="xs" c="dimmed">
                  and {marked.length - 8} more
                </Text>
              )}
            </Group>
            {marked.length > 0 && (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setTarget.mutate({ ids: marked.map((d) => d.id), target: false })}
                loading={setTarget.isPending}
              >
                Unmark all
              </Button>
            )}
          </Group>
          <TextInput
            leftSection={<IconSearch size={14} />}
            placeholder={`Search ${plural(domains.length, 'domain')}`}
            aria-label="Search domains"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <ScrollArea.Autosize mah={280} type="auto">
            <Stack gap={6} role="list" aria-label="Domains">
              {visible.map((d) => (
                <div key={d.id} role="listitem">
                  <Checkbox
                    // Shown as asked while the change is saved, so the box answers the click at once.
                    checked={setTarget.isPending && setTarget.variables?.ids.includes(d.id) ? setTarget.variables.target : d.target}
                    onChange={(e) => setTarget.mutate({ ids: [d.id], target: e.currentTarget.checked })}
                    label={
                      <Text size="sm" span>
                        {d.name}{' '}
                        <Text span size="xs" c="dimmed">
                          {plural(d.tools, 'tool')}
                        </Text>
                      </Text>
                    }
                    aria-label={`Target: ${d.name}`}
                    data-testid="target-domain"
                  />
                </div>
              ))}
              {matching.length === 0 && (
                <Text size="sm" c="dimmed">
                  No domain matches “{search}”.
                </Text>
              )}
            </Stack>
            {more}
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Panel>
  );
}
