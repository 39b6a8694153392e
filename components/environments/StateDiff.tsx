'use client';
import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import type { RowChange } from '@/server/pipeline/kernel/state';

const COLOR = { added: 'teal', removed: 'red', changed: 'orange' } as const;
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** Rows a call added, removed or changed; for a changed row, each field before and after. */
export function StateDiff({ changes }: { changes: RowChange[] }) {
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="state-diff" data-changes={0}>
        No change to the database.
      </Text>
    );
  return (
    <Table withTableBorder verticalSpacing={4} data-testid="state-diff" data-changes={changes.length} aria-label="Database changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Row</Table.Th>
          <Table.Th>Change</Table.Th>
          <Table.Th>Fields</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={`${c.table}/${c.key}`}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Code>
                {c.table}/{c.key}
              </Code>
            </Table.Td>
            {/* Long values must wrap rather than squeeze the badge into "REM…". */}
            <Table.Td style={{ width: 1, minWidth: 96, whiteSpace: 'nowrap' }}>
              <Badge size="sm" variant="light" color={COLOR[c.kind]} style={{ overflow: 'visible' }}>
                {c.kind}
              </Badge>
            </Table.Td>
            <Table.Td>
              {c.kind === 'changed' ? (
                <Stack gap={2}>
                  {c.fields.map((f) => (
                    <Text key={f} size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {f}: <span style={{ color: 'var(--mantine-color-red-7)', textDecoration: 'line-through' }}>{show(c.before[f])}</span> →{' '}
                      <span style={{ color: 'var(--mantine-color-teal-8)' }}>{show(c.after[f])}</span>
                    </Text>
                  ))}
                </Stack>
              ) : (
                <Text size="xs" ff="monospace" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {show(c.kind === 'added' ? c.after : c.before)}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
