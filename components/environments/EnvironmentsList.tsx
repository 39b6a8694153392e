'use client';
import { Allowed } from '../auth/session';
import { Alert, Anchor, Badge, Button, Group, Progress, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { IconDatabase, IconSearch, IconWand } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { isActive } from '../jobs/format';
import { PreviousBuild } from '../domains/PreviousBuild';
import { EmptyState } from '../ui/EmptyState';
import { useShownRows } from '../ui/ShowMore';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

export const passColor = (passed: number, total: number) => (total === 0 ? 'gray' : passed === total ? 'teal' : passed / total >= 0.85 ? 'yellow' : 'red');

/** Every domain with its latest environment version and how many of its tools pass validation. */
export function EnvironmentsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.environments.overview.queryOptions());
  const [search, setSearch] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const generate = useMutation(trpc.environments.generate.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  const job = useQuery(
    trpc.jobs.get.queryOptions(
      { id: jobId ?? '' },
      { enabled: jobId !== null, refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 700) },
    ),
  );
  const finished = job.data && !isActive(job.data);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.environments.pathKey() });
  }, [finished, queryClient, trpc]);

  const q = search.trim().toLowerCase();
  const all = list.data ?? [];
  const rows = q ? all.filter((d) => d.domainName.toLowerCase().includes(q)) : all;
  const { visible, more } = useShownRows(rows);

  if (list.isError)
    return (
      <Alert color="red" title="Could not load environments">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={240} />;
  if (list.data.length === 0)
    return (
      <EmptyState
        icon={IconDatabase}
        title="No environments yet"
        body="Each domain gets a database schema and code for every tool. Build the graph first: environments are made per domain."
        next={{ label: 'Go to the graph', href: '/graph' }}
      />
    );

  // Domains a rebuild retired are listed for their environments but not counted as today's.
  const current = list.data.filter((d) => !d.retiredAt);
  const retired = list.data.length - current.length;
  const done = current.filter((d) => d.versionId);
  const passed = done.reduce((n, d) => n + (d.passed ?? 0), 0);
  const total = done.reduce((n, d) => n + (d.passed ?? 0) + (d.failed ?? 0), 0);
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder="Filter domains"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label="Filter environments"
            w={260}
          />
          <Text size="sm" c="dimmed" data-testid="environments-summary">
            {done.length} of {plural(current.length, 'domain')} {current.length === 1 ? 'has' : 'have'} an environment
            {total ? ` · ${passed} of ${plural(total, 'tool')} pass (${Math.round((100 * passed) / total)}%)` : ''}
            {retired ? ` · ${retired} from a previous build` : ''}
          </Text>
        </Group>
        <Allowed to="curate">
          <Button
            leftSection={<IconWand size={16} />}
            onClick={() => generate.mutate({ all: true, generator: 'heuristic', seed: 7 })}
            loading={generate.isPending || Boolean(job.data && isActive(job.data))}
          >
            Generate all (heuristic)
          </Button>
        </Allowed>
      </Group>
      {job.data && isActive(job.data) && <Progress value={job.data.progress} animated mb="sm" aria-label="Generation progress" />}
      {job.data?.status === 'failed' && (
        <Alert color="red" mb="sm">
          {job.data.error}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table highlightOnHover verticalSpacing="xs" aria-label="Environments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Domain</Table.Th>
              <Table.Th ta="right">Tools</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th ta="right">Tables</Table.Th>
              <Table.Th>Validation</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((d) => {
              const checked = (d.passed ?? 0) + (d.failed ?? 0);
              return (
                <Table.Tr key={d.domainId}>
                  <Table.Td>
                    <Anchor component={Link} href={`/environments/${d.domainId}`}>
                      {d.domainName}
                    </Anchor>
                    {d.retiredAt && <PreviousBuild />}
                  </Table.Td>
                  <Table.Td ta="right">{d.tools}</Table.Td>
                  <Table.Td>
                    {d.versionId ? (
                      `v${d.number} · ${d.generator}`
                    ) : (
                      <Text c="dimmed" size="sm">
                        none yet
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{d.tables ?? '—'}</Table.Td>
                  <Table.Td>
                    {d.versionId ? (
                      <Badge color={passColor(d.passed ?? 0, checked)} variant="light">
                        {d.passed ?? 0}/{checked} pass
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more}
    </>
  );
}
