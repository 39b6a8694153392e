'use client';
import { Anchor, Badge, Button, Group, ScrollArea, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { ComparePane } from './ComparePane';

/** Where a version's environment file (the version and its tasks as one JSON file) is downloaded from. */
export const environmentFileUrl = (versionId: string) => `/api/environments/${versionId}/file`;

type VersionSummary = { id: string; number: number; generator: string; message: string; createdAt: Date; passed: number | null; failed: number | null };

/**
 * Every saved version of this environment, any one downloadable as a file, and two of them compared
 * (at first the one before the current with the current) with the older restorable.
 */
export function VersionsPane({ domainId, versions, current, dirty }: { domainId: string; versions: VersionSummary[]; current: string; dirty: boolean }) {
  const latest = versions[0]?.number ?? 1;
  // Unset sides follow the history: a save moves "current" (and "the one before") along.
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const from = pair.from ?? versions[1]?.number ?? latest;
  const to = pair.to ?? latest;
  const compareWithCurrent = (n: number) => setPair({ from: n });
  return (
    <Stack gap="md">
      {versions.length > 1 && (
        <ComparePane domainId={domainId} versions={versions} from={from} to={to} onPick={(from, to) => setPair({ from, to })} dirty={dirty} />
      )}
      <ScrollArea.Autosize mah={320} type="auto">
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
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => compareWithCurrent(v.number)}
                        title={`Compare version ${v.number} with the current version`}
                      >
                        Compare with current
                      </Button>
                    )}
                    <Anchor
                      href={environmentFileUrl(v.id)}
                      download
                      size="xs"
                      aria-label={`Download version ${v.number} as a file`}
                      data-testid={`env-download-v${v.number}`}
                    >
                      Download
                    </Anchor>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
