'use client';
import { Alert, Button, Code, CopyButton, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { useTRPC } from '../trpc';

const noSubscribe = () => () => {};

/** The page's own origin (the studio's address as the browser reached it); empty while rendered on the server. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
}

function Copyable({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid={testId}>
        {value}
      </Code>
    </Stack>
  );
}

/**
 * How an agent or a trainer reaches this environment version from outside: its MCP URL (optionally
 * from a task's initial state), a ready client configuration, the gym's reset/step URLs, and the
 * signed-in person's API keys (made here, shown once).
 */
export function ConnectPane({ versionId, domainId, domainName }: { versionId: string; domainId: string; domainName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const origin = useOrigin();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [keyName, setKeyName] = useState('');
  const tasks = useQuery(trpc.tasks.list.queryOptions({ domainId, limit: 100 }));
  const keys = useQuery(trpc.keys.mine.queryOptions());
  const refreshKeys = () => queryClient.invalidateQueries({ queryKey: trpc.keys.mine.queryKey() });
  const create = useMutation(trpc.keys.create.mutationOptions({ onSuccess: () => void refreshKeys() }));
  const revoke = useMutation(trpc.keys.revoke.mutationOptions({ onSuccess: () => void refreshKeys() }));

  const versionTasks = (tasks.data?.items ?? []).filter((t) => t.environmentVersionId === versionId);
  const mcpUrl = `${origin}/api/mcp/${versionId}${taskId ? `?task=${taskId}` : ''}`;
  const key = create.data?.key ?? 'es_…';
  const serverName = `studio-${domainName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, '');
  const config = JSON.stringify({ mcpServers: { [serverName]: { type: 'http', url: mcpUrl, headers: { Authorization: `Bearer ${key}` } } } }, null, 2);

  return (
    <Stack gap="md" maw={900} data-testid="connect-pane">
      <Title order={4}>Connect an agent</Title>
      <Text size="sm" c="dimmed">
        This version is an MCP server and a reset/step gym. Each MCP session and each episode runs the tools in the sandbox on its own copy of the state.
        Listing tools needs a viewer; calling them and running episodes, a reviewer. Clients send an API key: <Code>Authorization: Bearer es_…</Code>.
      </Text>
      <Select
        label="Start sessions from"
        data={[
          { value: '', label: 'the version’s initial data' },
          ...versionTasks.map((t) => ({ value: t.id, label: `task: ${t.intent.length > 90 ? `${t.intent.slice(0, 90)}…` : t.intent}` })),
        ]}
        value={taskId ?? ''}
        onChange={(v) => setTaskId(v || null)}
        allowDeselect={false}
        searchable
        maw={640}
      />
      <Copyable label="MCP URL (Streamable HTTP)" value={mcpUrl} testId="mcp-url" />
      <Copyable label="Client configuration" value={config} testId="mcp-config" />
      <Copyable
        label="Gym (POST, JSON): reset {taskId?} → {episodeId, observation}; step {episodeId, action} → {observation, reward, done, info}"
        value={`${origin}/api/gym/${versionId}/reset\n${origin}/api/gym/${versionId}/step`}
      />

      <Title order={5} mt="sm">
        Your API keys
      </Title>
      {create.data && (
        <Alert color="teal" title="Your new key: copy it now, it is not shown again">
          <Group gap="xs">
            <Code data-testid="new-key">{create.data.key}</Code>
            <CopyButton value={create.data.key}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {(create.error || revoke.error) && <Alert color="red">{(create.error ?? revoke.error)!.message}</Alert>}
      <Group align="flex-end">
        <TextInput label="Name" placeholder="trainer" value={keyName} onChange={(e) => setKeyName(e.currentTarget.value)} maxLength={100} />
        <Button onClick={() => create.mutate({ name: keyName.trim() || undefined })} loading={create.isPending}>
          Make a key
        </Button>
      </Group>
      {keys.data && keys.data.length > 0 && (
        <Table verticalSpacing="xs" aria-label="Your API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Made</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td>{new Date(k.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</Table.Td>
                <Table.Td>
                  {k.revokedAt ? (
                    <Text size="sm" c="dimmed">
                      revoked
                    </Text>
                  ) : (
                    <Button size="compact-xs" color="red" variant="subtle" onClick={() => revoke.mutate({ id: k.id })}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
