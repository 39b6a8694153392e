'use client';
import { Allowed } from '../auth/session';
import { Alert, Badge, Button, Code, FileButton, Grid, Group, Paper, ScrollArea, Skeleton, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconScale } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ComponentProps } from 'react';
import type { CallDisagreement, FidelityScore, TaskDisagreement } from '@/server/pipeline/reference/score';
import type { RowDiff } from '@/server/pipeline/reference/format';
import { EmptyState } from '../ui/EmptyState';
import { useTRPC } from '../trpc';
import { uploadFile } from './upload-file';
import { plural } from '@/lib/text/plural';

const MAX_REFERENCE_BYTES = 100 * 2 ** 20;
const MEASURES = [
  ['load', 'Rows of the data that fit the schema'],
  ['calls', 'Calls that agree on success or failure'],
  ['refusals', 'Calls the real API refused that are refused'],
  ['reads', 'Successful reads whose output equals the real one'],
  ['rows', 'Tasks that change exactly the real rows'],
  ['fields', 'Tasks whose changed fields equal the real ones'],
  ['final', 'Tasks whose final state equals the real one'],
] as const;
type Tally = { agree: number; total: number };
const share = (t: Tally) => (t.total ? t.agree / t.total : 1);
const color = (t: Tally) => (share(t) >= 0.9 ? 'teal' : share(t) >= 0.7 ? 'yellow' : 'red');

/**
 * How faithful this version is to the real API: upload a reference (real calls with their real
 * outputs and final database diffs), it is replayed on the version's data and scored, and every
 * disagreement opens side by side, real against simulated.
 */
export function ReferenceCheckPane({ versionId }: { versionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const checks = useQuery(trpc.environmentData.checks.queryOptions({ versionId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const run = useMutation({
    mutationFn: (file: File) => uploadFile<{ checkId: string; tasks: number }>(`/api/environments/${versionId}/reference`, file, MAX_REFERENCE_BYTES),
    onSuccess: (r, file) => {
      setError(null);
      setChosen(r.checkId);
      notifications.show({ color: 'green', message: `Checked ${plural(r.tasks, 'task')} of ${file.name}` });
      void queryClient.invalidateQueries({ queryKey: trpc.environmentData.checks.queryKey({ versionId }) });
    },
    onError: (e) => setError(e.message),
    onSettled: () => resetRef.current?.(),
  });
  const selected = chosen ?? checks.data?.[0]?.id ?? null;

  return (
    <Stack gap="md" data-testid="reference-pane">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={760}>
          A reference holds real calls with their real outputs and each task&apos;s real final database diff (shared/data/reference/README.md). Its calls are
          replayed on this version&apos;s data and compared, call by call and task by task.
        </Text>
        <Allowed to="curate">
          <FileButton
            onChange={(f) => f && run.mutate(f)}
            accept="application/json,.json"
            resetRef={resetRef}
            inputProps={{ 'aria-label': 'Reference file to check against', 'data-testid': 'reference-input' } as ComponentProps<'input'>}
          >
            {(props) => (
              <Button {...props} leftSection={<IconScale size={16} />} loading={run.isPending} data-testid="reference-upload">
                {run.isPending ? 'Replaying the reference…' : 'Check against a reference'}
              </Button>
            )}
          </FileButton>
        </Allowed>
      </Group>
      {error && (
        <Alert color="red" title="Not checked" withCloseButton closeButtonLabel="Dismiss" onClose={() => setError(null)} data-testid="reference-error">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {error}
          </Text>
        </Alert>
      )}
      {checks.isError && <Alert color="red">{checks.error.message}</Alert>}
      {checks.data && checks.data.length === 0 && !run.isPending && (
        <EmptyState
          icon={IconScale}
          title="Not checked against a reference yet"
          body="Upload a reference file to see how often this environment answers and changes the database as the real API does."
        />
      )}
      {checks.data && checks.data.length > 1 && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Earlier checks:
          </Text>
          {checks.data.map((c) => (
            <Button key={c.id} size="compact-xs" variant={c.id === selected ? 'filled' : 'default'} onClick={() => setChosen(c.id)}>
              {c.fileName} · {new Date(c.createdAt).toLocaleString()}
            </Button>
          ))}
        </Group>
      )}
      {selected && <CheckDetail id={selected} />}
    </Stack>
  );
}

function CheckDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const check = useQuery(trpc.environmentData.check.queryOptions({ id }));
  const [open, setOpen] = useState<{ kind: 'call'; item: CallDisagreement } | { kind: 'task'; item: TaskDisagreement } | null>(null);
  if (check.isError) return <Alert color="red">{check.error.message}</Alert>;
  if (!check.data) return <Skeleton h={240} />;
  const score = check.data.score as FidelityScore;
  const { calls, tasks } = score.disagreements;
  return (
    <Stack gap="md">
      <Table withTableBorder verticalSpacing={6} aria-label="Fidelity score" data-testid="reference-score" maw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure</Table.Th>
            <Table.Th>Agree</Table.Th>
            <Table.Th>Share</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {MEASURES.map(([k, label]) => (
            <Table.Tr key={k} data-measure={k}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ff="monospace">
                {score[k].agree} / {score[k].total}
              </Table.Td>
              <Table.Td>
                <Badge color={color(score[k])} variant="light">
                  {(share(score[k]) * 100).toFixed(1)}%
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {score.load.errors.length > 0 && (
        <Alert color="orange" title={`${score.load.errors.length} data errors`}>
          {score.load.errors.slice(0, 5).join('; ')}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Title order={4} mb="xs">
            Disagreements ({plural(calls.length, 'call')}, {plural(tasks.length, 'task')})
          </Title>
          <ScrollArea.Autosize mah={520}>
            <Stack gap={4} data-testid="disagreements">
              {calls.map((c) => (
                <UnstyledButton
                  key={`c${c.task}/${c.index}/${c.kind}`}
                  onClick={() => setOpen({ kind: 'call', item: c })}
                  p={6}
                  style={{ borderRadius: 6, background: open?.item === c ? 'var(--mantine-color-blue-light)' : undefined }}
                  data-testid="disagreement"
                >
                  <Text size="sm">
                    Task {String(c.task)}, call {c.index + 1}: <Code>{c.name}</Code>{' '}
                    {c.kind === 'outcome' ? (c.real.ok ? 'succeeds for real, refused here' : 'refused for real, succeeds here') : 'answers differently'}
                  </Text>
                </UnstyledButton>
              ))}
              {tasks.map((t) => (
                <UnstyledButton
                  key={`t${t.task}`}
                  onClick={() => setOpen({ kind: 'task', item: t })}
                  p={6}
                  style={{ borderRadius: 6, background: open?.item === t ? 'var(--mantine-color-blue-light)' : undefined }}
                  data-testid="disagreement"
                >
                  <Text size="sm">
                    Task {String(t.task)}: {t.kind === 'rows' ? 'changes other rows than the real one' : 'changes the same rows, other fields'}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {open ? <SideBySide open={open} /> : <Text c="dimmed">Choose a disagreement to see the real and the simulated side by side.</Text>}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function SideBySide({ open }: { open: { kind: 'call'; item: CallDisagreement } | { kind: 'task'; item: TaskDisagreement } }) {
  if (open.kind === 'call') {
    const c = open.item;
    return (
      <Stack gap="xs" data-testid="side-by-side">
        <Text size="sm">
          <Code>{c.name}</Code> with <Code style={{ overflowWrap: 'anywhere' }}>{JSON.stringify(c.arguments)}</Code>
        </Text>
        <Grid>
          <Grid.Col span={6}>
            <Column title="Real" ok={c.real.ok} body={c.real.output} />
          </Grid.Col>
          <Grid.Col span={6}>
            <Column title="Simulated" ok={c.simulated.ok} body={c.simulated.ok ? c.simulated.output : c.simulated.error} />
          </Grid.Col>
        </Grid>
      </Stack>
    );
  }
  const t = open.item;
  return (
    <Grid data-testid="side-by-side">
      <Grid.Col span={6}>
        <DiffColumn title="Real final diff" diff={t.real} />
      </Grid.Col>
      <Grid.Col span={6}>
        <DiffColumn title="Simulated final diff" diff={t.simulated} />
      </Grid.Col>
    </Grid>
  );
}

function Column({ title, ok, body }: { title: string; ok: boolean; body: unknown }) {
  return (
    <Paper withBorder p="xs">
      <Group gap={6} mb={4}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Badge size="xs" color={ok ? 'teal' : 'red'} variant="light">
          {ok ? 'succeeded' : 'refused'}
        </Badge>
      </Group>
      <ScrollArea.Autosize mah={420}>
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {typeof body === 'string' ? body : JSON.stringify(body, null, 2)}
        </Code>
      </ScrollArea.Autosize>
    </Paper>
  );
}

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

function DiffColumn({ title, diff }: { title: string; diff: RowDiff[] }) {
  return (
    <Paper withBorder p="xs">
      <Text fw={600} size="sm" mb={4}>
        {title}
      </Text>
      {diff.length === 0 ? (
        <Text size="sm" c="dimmed">
          No change to the database.
        </Text>
      ) : (
        <Stack gap={6}>
          {diff.map((d) => (
            <div key={`${d.table}/${d.key}`}>
              <Text size="xs" fw={600}>
                {d.table}/{d.key} · {d.change}
              </Text>
              {d.change === 'changed' ? (
                Object.entries(d.fields ?? {}).map(([f, c]) => (
                  <Text key={f} size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {f}: <span style={{ color: 'var(--mantine-color-red-7)' }}>{show(c.before)}</span> →{' '}
                    <span style={{ color: 'var(--mantine-color-teal-8)' }}>{show(c.after)}</span>
                  </Text>
                ))
              ) : (
                <Text size="xs" ff="monospace" lineClamp={4} style={{ overflowWrap: 'anywhere' }}>
                  {show(d.row)}
                </Text>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
