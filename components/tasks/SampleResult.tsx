'use client';
import { Alert, Badge, List, Stack, Table, Text } from '@mantine/core';
import type { SampledDomain, SampledTask } from '@/server/stages/sample';

export type SampleOutcome = { domains: SampledDomain[]; tasks: SampledTask[]; failures: Array<{ domain: string; error: string }> };

/** What a sample job did, per domain: tasks sampled, stored and already known, with the sampler's notes and any failure. */
export function SampleResult({ result, names }: { result: SampleOutcome; names: Map<string, string> }) {
  const stored = result.domains.reduce((n, d) => n + d.stored, 0);
  const duplicates = result.domains.reduce((n, d) => n + d.duplicates, 0);
  return (
    <Stack gap="xs" data-testid="sample-result" data-stored={stored}>
      <Text size="sm">
        {stored} new task{stored === 1 ? '' : 's'} stored across {result.domains.length} domain{result.domains.length === 1 ? '' : 's'}
        {duplicates ? `, ${duplicates} already known` : ''}
        {result.failures.length ? `; ${result.failures.length} domain${result.failures.length === 1 ? '' : 's'} failed` : ''}.
      </Text>
      {result.domains.length > 0 && (
        <Table.ScrollContainer minWidth={380} maxHeight={320}>
          <Table verticalSpacing={4} fz="sm" stickyHeader aria-label="Sampled per domain">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domain</Table.Th>
                <Table.Th ta="right">Sampled</Table.Th>
                <Table.Th ta="right">Stored</Table.Th>
                <Table.Th ta="right">Duplicates</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.domains.map((d) => (
                <Table.Tr key={d.domain} data-testid="sampled-domain">
                  <Table.Td>
                    <Text size="sm">
                      {d.domainName}{' '}
                      <Text span size="xs" c="dimmed">
                        v{d.version}
                      </Text>
                    </Text>
                    {d.notes.length > 0 && (
                      <List size="xs" spacing={0} c="dimmed">
                        {d.notes.map((n, i) => (
                          <List.Item key={i}>{n}</List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{d.sampled}</Table.Td>
                  <Table.Td ta="right">
                    <Badge variant="light" color={d.stored ? 'teal' : 'gray'}>
                      {d.stored}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{d.duplicates}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result.failures.length > 0 && (
        <Alert color="orange" title="Domains that could not be sampled" p="xs">
          <List size="sm" spacing={2}>
            {result.failures.map((f) => (
              <List.Item key={f.domain}>
                <Text span fw={600} size="sm">
                  {names.get(f.domain) ?? f.domain}
                </Text>
                : {f.error}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
