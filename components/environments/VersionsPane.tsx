'use client';
import { Alert, Anchor, Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';

/** Where a version's environment file (the version and its tasks as one JSON file) is downloaded from. */
export const environmentFileUrl = (versionId: string) => `/api/environments/${versionId}/file`;

type VersionSummary = { id: string; number: number; generator: string; message: string; createdAt: Date; passed: number | null; failed: number | null };

/** Every saved version of this environment; any one can be compared with the current one, or downloaded as a file. */
export function VersionsPane({ versions, current }: { versions: VersionSummary[]; current: string }) {
  const trpc = useTRPC();
  const [other, setOther] = useState<string | null>(null);
  const diff = useQuery(trpc.environments.diff.queryOptions({ a: other ?? current, b: current }, { enabled: other !== null }));
  return (
    <Stack gap="md">
      <Table verticalSpacing="xs" aria-label="Versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Made by</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>Validation</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>v{v.number}</Table.Td>
              <Table.Td>
                <Badge variant="outline" size="sm">
                  {v.generator}
                </Badge>
              </Table.Td>
              <Table.Td>{v.message}</Table.Td>
              <Table.Td>{v.passed === null ? '—' : `${v.passed}/${(v.passed ?? 0) + (v.failed ?? 0)} pass`}</Table.Td>
              <Table.Td>{v.createdAt.toLocaleString()}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {v.id !== current && (
                    <Button size="compact-xs" variant="light" onClick={() => setOther(v.id)}>
                      Compare with current
                    </Button>
                  )}
                  <Anchor href={environmentFileUrl(v.id)} download size="xs" aria-label={`Download version ${v.number} as a file`} data-testid={`env-download-v${v.number}`}>
                    Download
                  </Anchor>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {diff.isError && <Alert color="red">{diff.error.message}</Alert>}
      {diff.data && (
        <Stack gap={4} data-testid="version-diff">
          <Text fw={600}>
            v{diff.data.a} → v{diff.data.b}
          </Text>
          {diff.data.tables.length === 0 && diff.data.tools.length === 0 && <Text c="dimmed">No differences.</Text>}
          {diff.data.tables.map((t) => (
            <Text key={t.name} size="sm">
              table <Code>{t.name}</Code> {t.change}
              {t.columns ? `: ${[...t.columns.added.map((c) => `+${c}`), ...t.columns.removed.map((c) => `−${c}`), ...t.columns.changed.map((c) => `~${c}`)].join(', ')}` : ''}
            </Text>
          ))}
          {diff.data.tools.map((t) => (
            <Text key={t.name} size="sm">
              tool <Code>{t.name}</Code> {t.change}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
