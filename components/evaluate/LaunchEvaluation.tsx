'use client';
import { Alert, Button, Grid, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { plural } from '@/lib/text/plural';
import type { Noise } from '@/server/pipeline/rollout/model';
import { NoiseFields } from '../runs/NoiseFields';
import { PolicyFields, policyProblem, policySpecOf, type PolicyForm } from '../runs/PolicyFields';
import { useTRPC } from '../trpc';
import { HoldOut } from './HoldOut';

const SPLITS = [
  { value: 'auto', label: 'Held-out tasks, or every task when none is held out' },
  { value: 'heldout', label: 'Held-out tasks only' },
  { value: 'all', label: 'Every task' },
];
const int = (fallback: number) => (v: string | number) => (typeof v === 'number' ? v : Number(v) || fallback);

/** Launches an evaluation: an agent, the tasks it is measured on, k trials per task. */
export function LaunchEvaluation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.tasks.overview.queryOptions());
  const withTasks = (overview.data ?? []).filter((d) => d.tasks > 0 && !d.retiredAt);
  const [name, setName] = useState('');
  const [agent, setAgent] = useState<PolicyForm>({ kind: 'offline', model: '', baseUrl: '', temperature: 0 });
  const [noise, setNoise] = useState<Noise[]>([]);
  const [noiseRate, setNoiseRate] = useState(0.3);
  const [noiseEach, setNoiseEach] = useState<'one' | 'all'>('one');
  const [k, setK] = useState(4);
  const [split, setSplit] = useState<'auto' | 'heldout' | 'all'>('auto');
  const [domains, setDomains] = useState<string[]>([]);
  const [perDomain, setPerDomain] = useState<number | ''>('');

  const launch = useMutation(
    trpc.evaluations.launch.mutationOptions({
      onSuccess: ({ evaluation }) => {
        notifications.show({ message: `Launched ${evaluation.name}: ${plural(evaluation.total, 'trial')}` });
        void queryClient.invalidateQueries({ queryKey: trpc.evaluations.pathKey() });
      },
    }),
  );
  const problem =
    policyProblem(agent, 'agent') ?? (overview.data && withTasks.length === 0 ? 'No domain has tasks yet: sample some on the Tasks page first.' : null);
  const onLaunch = () =>
    launch.mutate({
      name: name.trim() || undefined,
      settings: { agent: policySpecOf(agent), noise: agent.kind === 'offline' ? noise : [], noiseRate, noiseEach, k },
      scope: { split, domainIds: domains, ...(perDomain ? { perDomain } : {}) },
    });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Launch an evaluation">
      <Stack gap="sm">
        <Text fw={600}>Launch an evaluation</Text>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <PolicyFields role="agent" offlineLabel="Oracle agent (offline)" value={agent} onChange={setAgent} />
              <NoiseFields
                value={noise}
                onChange={setNoise}
                rate={noiseRate}
                onRate={setNoiseRate}
                each={noiseEach}
                onEach={setNoiseEach}
                disabled={agent.kind !== 'offline'}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <Select
                label="Tasks"
                description="Held-out tasks never reach a training export"
                data={SPLITS}
                value={split}
                onChange={(v) => setSplit((v as typeof split) ?? 'auto')}
                allowDeselect={false}
              />
              <MultiSelect
                label="Domains"
                description={overview.data ? `Empty: all ${plural(withTasks.length, 'domain')} with tasks` : 'Loading…'}
                placeholder={domains.length ? undefined : 'All domains with tasks'}
                data={withTasks.map((d) => ({ value: d.domainId, label: `${d.domainName} (${d.tasks})` }))}
                value={domains}
                onChange={setDomains}
                searchable
                clearable
                limit={200}
                nothingFoundMessage="No domain with tasks matches"
              />
              <Group grow align="flex-start">
                <NumberInput
                  label="Trials per task (k)"
                  description="pass^1 … pass^k are reported"
                  value={k}
                  onChange={(v) => setK(Math.max(1, Math.min(32, int(4)(v))))}
                  min={1}
                  max={32}
                />
                <NumberInput
                  label="Tasks per domain"
                  description="Empty: every chosen task"
                  value={perDomain}
                  onChange={(v) => setPerDomain(v === '' ? '' : Math.max(1, int(1)(v)))}
                  min={1}
                  max={100_000}
                />
              </Group>
              <TextInput
                label="Name"
                description="Optional: named after the agent otherwise"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={200}
              />
            </Stack>
          </Grid.Col>
        </Grid>
        <Group justify="space-between" align="flex-end">
          <HoldOut domains={domains} />
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={onLaunch}
            loading={launch.isPending}
            disabled={Boolean(problem)}
            title={problem ?? undefined}
          >
            Evaluate
          </Button>
        </Group>
        {problem && overview.data && (
          <Text size="xs" c="red" data-testid="evaluate-blocked">
            {problem}
          </Text>
        )}
        {launch.isError && (
          <Alert color="red" title="Not launched" data-testid="evaluate-error">
            {launch.error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
