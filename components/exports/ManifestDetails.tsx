'use client';
import { Code, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ExportManifest } from '@/server/pipeline/export/manifest';
import { useShownRows } from '../ui/ShowMore';

/** What a finished export holds: its counts, and its records per domain and per environment version. */
export function ManifestDetails({ manifest: m }: { manifest: ExportManifest }) {
  const domains = useShownRows(m.domains, 20);
  const versions = useShownRows(m.environmentVersions, 20);
  return (
    <Stack gap="sm" p="md" data-testid="export-manifest-details">
      <Group gap="xl">
        {(
          [
            ['records', m.records],
            ['messages', m.messages],
            ['trained on (assistant)', m.trainedMessages],
            ['context (user turns, tool results)', m.messages - m.trainedMessages - (m.maskedMessages ?? 0)],
            ['masked (injected mistakes)', m.maskedMessages ?? 0],
            ['tool calls', m.toolCalls],
            ['accepted though failed verification', m.failedVerification],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <Text size="lg" fw={700}>
              {n}
            </Text>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
          </div>
        ))}
      </Group>
      {m.datasetInfo && (
        <Text size="xs" c="dimmed">
          For LLaMA-Factory: the manifest holds this file&apos;s entry for <Code>data/dataset_info.json</Code>.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Domains
          </Text>
          <Table withTableBorder fz="sm" aria-label="Records per domain">
            <Table.Tbody>
              {domains.visible.map((d) => (
                <Table.Tr key={`${d.id}:${d.name}`}>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td ta="right">{d.records}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {domains.more}
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Environment versions
          </Text>
          <Table withTableBorder fz="sm" aria-label="Records per environment version">
            <Table.Tbody>
              {versions.visible.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {v.domainName} v{v.number}
                  </Table.Td>
                  <Table.Td ta="right">{v.records}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {versions.more}
        </div>
      </SimpleGrid>
    </Stack>
  );
}
