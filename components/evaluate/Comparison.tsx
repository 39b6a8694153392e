'use client';
import { Alert, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import { CURVE_COLOURS, PassKChart } from './PassKChart';

const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));

/** The checked evaluations side by side: their pass^k curves, pass^k per domain, and what failed. */
export function Comparison({ ids }: { ids: string[] }) {
  const trpc = useTRPC();
  const compare = useQuery(trpc.evaluations.compare.queryOptions({ ids }, { enabled: ids.length > 0 }));
  if (ids.length === 0) return <Text c="dimmed">Check finished evaluations above to compare their pass^k curves.</Text>;
  if (compare.isError)
    return (
      <Alert color="red" title="Could not load the comparison">
        {compare.error.message}
      </Alert>
    );
  if (!compare.data) return <Skeleton h={300} />;
  const reports = compare.data;
  const maxK = Math.max(...reports.map((r) => r.k));
  const ks = Array.from({ length: maxK }, (_, i) => String(i + 1));
  const domainNames = [...new Set(reports.flatMap((r) => Object.values(r.domains).map((d) => d.name)))].sort((a, b) => a.localeCompare(b));
  return (
    <Stack gap="lg" data-testid="evaluation-comparison">
      <PassKChart curves={reports.map((r) => ({ id: r.evaluation, name: r.name, passk: r.passk, ci: r.ci }))} />
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="pass^k per evaluation" data-testid="passk-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Evaluation</Table.Th>
              <Table.Th>Tasks · trials</Table.Th>
              {ks.map((k) => (
                <Table.Th key={k}>pass^{k}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reports.map((r, i) => (
              <Table.Tr key={r.evaluation}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <span style={{ width: 10, height: 10, borderRadius: 2, background: CURVE_COLOURS[i % CURVE_COLOURS.length], flex: 'none' }} />
                    <Text size="sm">{r.name}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {r.tasks} · {r.trials}
                </Table.Td>
                {ks.map((k) => (
                  <Table.Td key={k} title={r.ci[k] ? `95% interval ${fmt(r.ci[k][0])}–${fmt(r.ci[k][1])}` : undefined}>
                    {fmt(r.passk[k])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs">
        <Title order={5}>Per domain</Title>
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label="pass^k per domain" data-testid="passk-domains">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domain</Table.Th>
                {reports.map((r) => (
                  <Table.Th key={r.evaluation}>
                    {r.name}: pass^1 / pass^{r.k}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {domainNames.map((name) => (
                <Table.Tr key={name}>
                  <Table.Td>{name}</Table.Td>
                  {reports.map((r) => {
                    const d = Object.values(r.domains).find((x) => x.name === name);
                    return <Table.Td key={r.evaluation}>{d ? `${fmt(d.passk['1'])} / ${fmt(d.passk[String(r.k)])} (${d.tasks} tasks)` : '—'}</Table.Td>;
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: Math.min(3, reports.length) }}>
        {reports.map((r) => (
          <Paper key={r.evaluation} withBorder p="sm" radius="md">
            <Text fw={600} size="sm" mb={4}>
              {r.name}: {r.failures.failed} of {r.trials} trials failed
            </Text>
            {(
              [
                ['By filter', r.failures.byFilter],
                ['By tool', r.failures.byTool],
                ['By domain', r.failures.byDomain],
              ] as const
            ).map(([label, rows]) =>
              rows.length ? (
                <Text key={label} size="xs" c="dimmed">
                  {label}:{' '}
                  {rows
                    .slice(0, 5)
                    .map((x) => `${x.name} (${x.trials})`)
                    .join(', ')}
                </Text>
              ) : null,
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
