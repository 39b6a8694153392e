'use client';
import { Alert, Badge, Button, Grid, Group, Modal, Paper, ScrollArea, Select, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DiffView } from '../editor/DiffView';
import { BreakableName } from '../ui/BreakableName';
import { useTRPC } from '../trpc';
import { plural } from '@/lib/text/plural';

const CHANGE_COLOR = { added: 'teal', removed: 'red', changed: 'orange', unchanged: 'gray' } as const;
type Change = keyof typeof CHANGE_COLOR;

/** The schema, or one tool, as the compare lists them. */
const SCHEMA = '(schema)';

/**
 * Two versions of an environment in Monaco's diff editor, file by file: the schema and each tool's
 * code. The older side can be restored, which saves it as a new version (nothing is overwritten).
 */
export function ComparePane({
  domainId,
  versions,
  from,
  to,
  onPick,
  dirty,
}: {
  domainId: string;
  versions: Array<{ number: number; message: string }>;
  from: number;
  to: number;
  onPick: (from: number, to: number) => void;
  dirty: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const compare = useQuery(trpc.environments.compare.queryOptions({ domainId, from, to }));
  const [file, setFile] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const latest = versions[0]?.number ?? 0;
  const restore = useMutation(
    trpc.environments.restore.mutationOptions({
      onSuccess: (v) => {
        setConfirming(false);
        notifications.show({
          color: 'green',
          title: `Restored version ${from}`,
          message: `Saved as version ${v.number}: ${v.validation?.passed ?? 0} of ${plural(v.content.tools.length, 'tool')} pass`,
        });
        onPick(from, v.number);
        void queryClient.invalidateQueries({ queryKey: trpc.environments.pathKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Not restored', message: e.message }),
    }),
  );

  // Messages are cut to fit the pickers; the table below has them whole.
  const options = versions.map((v) => ({
    value: String(v.number),
    label: `v${v.number}${v.message ? ` · ${v.message.length > 26 ? `${v.message.slice(0, 25)}…` : v.message}` : ''}`,
  }));
  const data = compare.data;
  const files: Array<{ name: string; change: Change; from: string | null; to: string | null }> = data ? [{ name: SCHEMA, ...data.schema }, ...data.tools] : [];
  const differing = files.filter((f) => f.change !== 'unchanged');
  // Differing files first; the first of them is shown until the user picks another.
  const listed = [...differing, ...files.filter((f) => f.change === 'unchanged')];
  const shown = listed.find((f) => f.name === file) ?? listed[0];
  const fromFails = data?.from.failed ?? 0;

  return (
    <Paper withBorder radius="md" p="md" data-testid="version-compare">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" justify="space-between">
          <Group gap="xs" align="flex-end">
            <Select
              label="Compare"
              data={options}
              value={String(from)}
              onChange={(v) => v && onPick(Number(v), to)}
              allowDeselect={false}
              w={280}
              aria-label="Compare from version"
            />
            <IconArrowRight size={18} style={{ marginBottom: 8 }} aria-hidden />
            <Select
              label="with"
              data={options}
              value={String(to)}
              onChange={(v) => v && onPick(from, Number(v))}
              allowDeselect={false}
              w={280}
              aria-label="Compare with version"
            />
          </Group>
          <Button
            variant="light"
            leftSection={<IconArrowBackUp size={16} />}
            onClick={() => setConfirming(true)}
            disabled={from === latest}
            title={from === latest ? `Version ${from} is already the latest` : `Save version ${from} again as version ${latest + 1}`}
          >
            Restore version {from}
          </Button>
        </Group>
        {compare.isError && <Alert color="red">{compare.error.message}</Alert>}
        {!data ? (
          compare.isError ? null : (
            <Skeleton h={440} />
          )
        ) : (
          <>
            <Text size="sm" c="dimmed" data-testid="compare-summary">
              {differing.length === 0
                ? `Versions ${from} and ${to} are the same.`
                : `${differing.length} of ${plural(files.length, 'file')} ${differing.length === 1 ? 'differs' : 'differ'} between version ${from} and version ${to}.`}
            </Text>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 3 }}>
                <ScrollArea h={440} type="auto">
                  <Stack gap={2} aria-label="Files to compare">
                    {listed.map((f) => {
                      const active = f.name === shown?.name;
                      return (
                        <UnstyledButton
                          key={f.name}
                          onClick={() => setFile(f.name)}
                          aria-current={active}
                          p={6}
                          style={{ borderRadius: 6, background: active ? 'var(--mantine-color-blue-light)' : undefined }}
                          data-testid="compare-file"
                          data-change={f.change}
                        >
                          <Group gap={6} wrap="nowrap" justify="space-between">
                            <Text size="sm" ff={f.name === SCHEMA ? undefined : 'monospace'} title={f.name} style={{ overflowWrap: 'anywhere' }}>
                              {f.name === SCHEMA ? 'Schema' : <BreakableName name={f.name} />}
                            </Text>
                            {f.change !== 'unchanged' && (
                              <Badge size="xs" variant="light" color={CHANGE_COLOR[f.change]} style={{ flexShrink: 0 }}>
                                {f.change}
                              </Badge>
                            )}
                          </Group>
                        </UnstyledButton>
                      );
                    })}
                  </Stack>
                </ScrollArea>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 9 }}>
                {shown && (
                  <DiffView
                    key={`${from}-${to}-${shown.name}`}
                    original={shown.from ?? ''}
                    modified={shown.to ?? ''}
                    language={shown.name === SCHEMA ? 'json' : 'javascript'}
                    height={440}
                    label={`${shown.name === SCHEMA ? 'Schema' : shown.name}, version ${from} and version ${to}`}
                  />
                )}
              </Grid.Col>
            </Grid>
          </>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Restore version ${from}?`}>
        <Stack gap="sm">
          <Text size="sm">Its schema and code are saved again as version {latest + 1}, and validated; every version stays in the history.</Text>
          {fromFails > 0 && (
            <Text size="sm" c="red">
              In version {from}, {fromFails} tool{fromFails === 1 ? '' : 's'} failed validation.
            </Text>
          )}
          {dirty && (
            <Text size="sm" c="orange">
              Your unsaved edits are discarded.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              Cancel
            </Button>
            <Button onClick={() => restore.mutate({ domainId, version: from })} loading={restore.isPending}>
              Restore as version {latest + 1}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
