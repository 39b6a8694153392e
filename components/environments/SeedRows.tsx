'use client';
import { Alert, Badge, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { TableRows } from '../tasks/StateTables';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

/** Up to this many tables the picker is a row of segments; more would not fit, so a searchable list. */
const SEGMENTED_MAX = 6;

/**
 * The rows a version without data of its own starts from (seeded from its schema, the same seed
 * the try panel and validation use), one table at a time.
 */
export function SeedRows({ versionId, table: wanted, onTable }: { versionId: string; table: string | null; onTable: (table: string) => void }) {
  const trpc = useTRPC();
  const state = useQuery(trpc.environments.seedState.queryOptions({ versionId }));
  if (state.isError)
    return (
      <Alert color="red" title="Rows could not be seeded">
        {state.error.message}
      </Alert>
    );
  if (!state.data) return <Skeleton h={160} />;
  const tables = Object.keys(state.data);
  if (tables.length === 0) return <Text c="dimmed">This version has no tables.</Text>;
  const table = wanted && tables.includes(wanted) ? wanted : tables[0]!;
  const rows = state.data[table] ?? {};
  const options = tables.map((t) => ({ value: t, label: `${t} (${Object.keys(state.data[t] ?? {}).length.toLocaleString()})` }));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="seed-rows" data-table={table}>
      <Stack gap="sm">
        <Group justify="space-between">
          {tables.length <= SEGMENTED_MAX ? (
            <SegmentedControl aria-label="Table" value={table} onChange={onTable} data={options} />
          ) : (
            <Select aria-label="Table" value={table} onChange={(t) => t && onTable(t)} data={options} searchable allowDeselect={false} w={320} />
          )}
          <Group gap="xs">
            <Badge variant="light" color="gray">
              seeded
            </Badge>
            <Text size="sm" c="dimmed">
              {plural(Object.keys(rows).length, 'row')} in {table}
            </Text>
          </Group>
        </Group>
        <TableRows key={table} name={table} rows={rows} />
      </Stack>
    </Paper>
  );
}
