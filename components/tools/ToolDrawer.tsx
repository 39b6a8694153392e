'use client';
import { useCan } from '../auth/session';
import { Alert, Badge, Code, Drawer, Group, SegmentedControl, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FORMAT_LABELS } from '../collections/upload';
import { CodeEditor } from '../editor/CodeEditor';
import { useTRPC } from '../trpc';

/** One tool: its schema, where it came from, and the read/write decision a person can override. */
export function ToolDrawer({ toolId, onClose }: { toolId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tool = useQuery(trpc.tools.get.queryOptions({ id: toolId ?? '' }, { enabled: toolId !== null }));
  const canCurate = useCan('curate');
  const setOp = useMutation(
    trpc.tools.setOp.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.tools.pathKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not change read/write', message: e.message }),
    }),
  );
  const t = tool.data;
  return (
    <Drawer
      opened={toolId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Title order={4} ff="monospace">
          {t?.name ?? 'Tool'}
        </Title>
      }
    >
      {tool.isError && <Alert color="red">{tool.error.message}</Alert>}
      {!t && !tool.isError && <Skeleton h={300} />}
      {t && (
        <Stack gap="md" data-testid="tool-drawer">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t.description || (
              <Text span c="dimmed">
                No description.
              </Text>
            )}
          </Text>
          <Group gap="xs">
            <Badge variant="light">{FORMAT_LABELS[t.source.format] ?? t.source.format}</Badge>
            <Text size="sm">in {t.collectionName}</Text>
            {t.tags.map((tag) => (
              <Badge key={tag} variant="outline" size="sm" data-shrink title={tag}>
                {tag}
              </Badge>
            ))}
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Source
            </Text>
            <Code block data-testid="tool-source">
              {t.source.file}
              {t.source.line ? `:${t.source.line}` : ''}
              {t.source.pointer ? `#${t.source.pointer}` : ''}
            </Code>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Read or write
            </Text>
            <Group gap="sm">
              <SegmentedControl
                value={t.opOverridden ? t.op : 'auto'}
                onChange={(v) => setOp.mutate({ id: t.id, op: v as 'auto' | 'read' | 'write' })}
                disabled={setOp.isPending || !canCurate}
                aria-label="Read or write"
                data={[
                  { value: 'auto', label: `Detected (${t.opOverridden ? (t.op === 'read' ? 'write' : 'read') : t.op})` },
                  { value: 'read', label: 'Read' },
                  { value: 'write', label: 'Write' },
                ]}
              />
              <Badge color={t.op === 'write' ? 'orange' : 'blue'}>{t.op}</Badge>
            </Group>
            <Text size="xs" c="dimmed" data-testid="op-reason">
              {t.opReason}
            </Text>
          </Stack>
          <Tabs defaultValue="parameters" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="parameters">Parameters ({Object.keys(t.parameters.properties ?? {}).length})</Tabs.Tab>
              <Tabs.Tab value="returns" disabled={!t.returns}>
                Returns
              </Tabs.Tab>
              <Tabs.Tab value="examples" disabled={!t.examples.length}>
                Examples ({t.examples.length})
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="parameters" pt="xs">
              <CodeEditor value={JSON.stringify(t.parameters, null, 2)} language="json" height={420} readOnly path={`tool-${t.id}-parameters.json`} />
            </Tabs.Panel>
            <Tabs.Panel value="returns" pt="xs">
              <CodeEditor value={JSON.stringify(t.returns, null, 2)} language="json" height={420} readOnly path={`tool-${t.id}-returns.json`} />
            </Tabs.Panel>
            <Tabs.Panel value="examples" pt="xs">
              <CodeEditor value={JSON.stringify(t.examples, null, 2)} language="json" height={420} readOnly path={`tool-${t.id}-examples.json`} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Drawer>
  );
}
