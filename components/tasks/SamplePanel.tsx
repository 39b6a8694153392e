'use client';
import { Alert, Button, Group, MultiSelect, NumberInput, Paper, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDice5 } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isActive } from '../jobs/format';
import { useTRPC } from '../trpc';
import { SampleResult, type SampleOutcome } from './SampleResult';

type Form = { n: number; seed: number; minCalls: number; maxCalls: number; rows: number; intentWriter: 'template' | 'llm' };
const DEFAULTS: Form = { n: 20, seed: 1, minCalls: 1, maxCalls: 5, rows: 20, intentWriter: 'template' };

/**
 * Starts a sample job (random walks on each domain's graph, run in its latest environment) and
 * follows it: progress while it runs, then what it stored per domain.
 */
export function SamplePanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const config = useQuery(trpc.system.config.queryOptions());
  const envs = useQuery(trpc.environments.overview.queryOptions());
  // A retired domain (see PreviousBuild) holds no tools to sample walks over.
  const withEnv = useMemo(() => (envs.data ?? []).filter((d) => d.versionId && !d.retiredAt), [envs.data]);
  const names = useMemo(() => new Map((envs.data ?? []).map((d) => [d.domainId, d.domainName])), [envs.data]);
  const [picked, setPicked] = useState<string[]>([]);
  const [form, setForm] = useState<Form>(DEFAULTS);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation(trpc.tasks.sample.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  const job = useQuery(
    trpc.jobs.get.queryOptions(
      { id: jobId ?? '' },
      { enabled: jobId !== null, refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 700) },
    ),
  );
  const finished = useRef<string | null>(null);
  useEffect(() => {
    if (job.data && !isActive(job.data) && finished.current !== job.data.id) {
      finished.current = job.data.id;
      void queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
    }
  }, [job.data, queryClient, trpc]);

  const online = config.data?.llm.mode === 'endpoint' && Boolean(config.data.llm.model);
  const running = Boolean(job.data && isActive(job.data));
  const domainIds = picked.length ? picked : withEnv.map((d) => d.domainId);
  const bad = form.minCalls > form.maxCalls ? 'Min calls must not exceed max calls.' : null;
  const onStart = () =>
    start.mutate({
      domainIds,
      all: false,
      intentWriter: form.intentWriter,
      settings: { n: form.n, seed: form.seed, minCalls: form.minCalls, maxCalls: form.maxCalls, rows: form.rows },
    });
  const num = (k: keyof Omit<Form, 'intentWriter'>, fallback: number) => (v: string | number) => set(k, typeof v === 'number' ? v : Number(v) || fallback);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Sample tasks">
      <Stack gap="sm">
        <Text fw={600}>Sample tasks</Text>
        <MultiSelect
          label="Domains"
          description={envs.data ? `Empty: all ${withEnv.length} domain${withEnv.length === 1 ? '' : 's'} with an environment` : 'Loading domains…'}
          placeholder={picked.length ? undefined : 'All domains with an environment'}
          data={withEnv.map((d) => ({ value: d.domainId, label: d.domainName }))}
          value={picked}
          onChange={setPicked}
          searchable
          clearable
          limit={200}
          nothingFoundMessage="No domain with an environment matches"
        />
        <Group grow align="flex-start">
          <NumberInput label="Tasks per domain" value={form.n} onChange={num('n', 20)} min={1} max={1000} />
          <NumberInput label="Seed" value={form.seed} onChange={num('seed', 1)} min={0} max={2 ** 31 - 1} />
        </Group>
        <Group grow align="flex-start">
          <NumberInput label="Min calls" value={form.minCalls} onChange={num('minCalls', 1)} min={1} max={20} error={bad ? true : undefined} />
          <NumberInput label="Max calls" value={form.maxCalls} onChange={num('maxCalls', 5)} min={1} max={20} error={bad ?? undefined} />
          <NumberInput label="Rows per table" value={form.rows} onChange={num('rows', 20)} min={1} max={500} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="intent-writer-label">
            Intent writer
          </Text>
          <SegmentedControl
            aria-labelledby="intent-writer-label"
            value={form.intentWriter}
            onChange={(v) => set('intentWriter', v as Form['intentWriter'])}
            data={[
              { value: 'template', label: 'Template (offline)' },
              { value: 'llm', label: online ? 'LLM' : 'LLM (not configured)', disabled: !online },
            ]}
          />
        </Stack>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            The same seed and settings give the same tasks; ones already stored are skipped.
          </Text>
          <Button
            leftSection={<IconDice5 size={16} />}
            onClick={onStart}
            loading={start.isPending || running}
            disabled={Boolean(bad) || domainIds.length === 0}
          >
            Sample
          </Button>
        </Group>
        {envs.data && withEnv.length === 0 && (
          <Alert color="yellow" p="xs">
            No domain has an environment yet: generate environments first.
          </Alert>
        )}
        {start.isError && <Alert color="red">{start.error.message}</Alert>}
        {job.isError && <Alert color="red">{job.error.message}</Alert>}
        {job.data && (
          <Stack gap={6} data-testid="sample-job" data-status={job.data.status}>
            {running && <Progress value={job.data.progress} animated aria-label="Sampling progress" />}
            {job.data.status !== 'completed' && (
              <Text size="xs" c={job.data.status === 'failed' ? 'red' : 'dimmed'}>
                {job.data.status === 'failed' ? job.data.error : job.data.status === 'cancelled' ? 'Cancelled.' : job.data.message || 'Waiting for a worker…'}
              </Text>
            )}
            {job.data.status === 'completed' && job.data.result != null && <SampleResult result={job.data.result as SampleOutcome} names={names} />}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
