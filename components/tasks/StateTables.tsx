'use client';
import { Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { State } from '@/server/pipeline/kernel/state';
import { useShownRows } from '../ui/ShowMore';
import { Disclosure } from './Disclosure';
import { JsonBlock } from './JsonBlock';
import { plural } from '@/lib/text/plural';

const cell = (v: unknown) => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** A database state, a table at a time: each opens to its rows (as a table, or as JSON). */
export function StateTables({ state }: { state: State }) {
  const tables = Object.keys(state).sort();
  if (tables.length === 0) return <Text c="dimmed">No tables.</Text>;
  return (
    <Stack gap={2} data-testid="state-tables">
      {tables.map((name) => (
        <Disclosure
          key={name}
          testId="state-table"
          title={
            <Group gap="xs">
              <Text size="sm" ff="monospace" fw={600}>
                {name}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {plural(Object.keys(state[name] ?? {}).length, 'row')}
              </Badge>
            </Group>
          }
        >
          <TableRows name={name} rows={state[name] ?? {}} />
        </Disclosure>
      ))}
    </Stack>
  );
}

/** One table of a state: its rows as a table (columns from the first rows) or as JSON. */
export function TableRows({ name, rows }: { name: string; rows: Record<string, Record<string, unknown>> }) {
  const [view, setView] = useState<'table' | 'json'>('table');
  const entries = Object.entries(rows);
  const { visible, more } = useShownRows(entries, 50);
  const columns = [...new Set(entries.slice(0, 200).flatMap(([, r]) => Object.keys(r ?? {})))];
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No rows.
      </Text>
    );
  return (
    <Stack gap={6} pb="xs">
      <SegmentedControl
        size="xs"
        w={160}
        value={view}
        onChange={(v) => setView(v as 'table' | 'json')}
        data={[
          { value: 'table', label: 'Table' },
          { value: 'json', label: 'JSON' },
        ]}
        aria-label={`View ${name} as`}
      />
      {view === 'json' ? (
        <JsonBlock value={rows} maxHeight={360} label={`Rows of ${name}`} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={Math.max(400, columns.length * 140)} maxHeight={420}>
            <Table striped withTableBorder verticalSpacing={4} fz="xs" stickyHeader aria-label={`Rows of ${name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>key</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map(([key, row]) => (
                  <Table.Tr key={key}>
                    <Table.Td ff="monospace">{key}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td
                        key={c}
                        ff="monospace"
                        title={JSON.stringify(row?.[c]) ?? ''}
                        style={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                      >
                        {cell(row?.[c])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {more}
        </>
      )}
    </Stack>
  );
}
