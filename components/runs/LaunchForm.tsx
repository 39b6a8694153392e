'use client';
import { Alert, Anchor, Button, Grid, Group, MultiSelect, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRocket } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { plural } from '@/lib/text/plural';
import type { Noise } from '@/server/pipeline/rollout/model';
import { useTRPC } from '../trpc';
import { NoiseFields } from './NoiseFields';
import { PolicyFields, policyProblem, policySpecOf, type PolicyForm } from './PolicyFields';

const OFFLINE: PolicyForm = { kind: 'offline', model: '', baseUrl: '', temperature: 0 };
const int = (fallback: number) => (v: string | number) => (typeof v === 'number' ? v : Number(v) || fallback);

/** Launches rollouts over the newest tasks of some domains (or all), with both policies, noise and limits. */
export function LaunchForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.tasks.overview.queryOptions());
  const config = useQuery(trpc.system.config.queryOptions());
  const withTasks = useMemo(() => (overview.data ?? []).filter((d) => d.tasks > 0), [overview.data]);

  const [name, setName] = useState('');
  const [domains, setDomains] = useState<string[]>([]);
  const [perDomain, setPerDomain] = useState(10);
  const [user, setUser] = useState<PolicyForm>(OFFLINE);
  const [agent, setAgent] = useState<PolicyForm>(OFFLINE);
  const [noise, setNoise] = useState<Noise[]>([]);
  const [noiseRate, setNoiseRate] = useState(0.3);
  const [noiseEach, setNoiseEach] = useState<'one' | 'all'>('one');
  const [concurrency, setConcurrency] = useState(8);
  const [maxTurns, setMaxTurns] = useState(60);

  // An LLM policy starts from the configured model.
  const model = config.data?.llm.model ?? '';
  useEffect(() => {
    if (!model) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the configured model arrives after the first render and only fills fields still empty
    setUser((p) => (p.model ? p : { ...p, model }));
    setAgent((p) => (p.model ? p : { ...p, model }));
  }, [model]);

  const launch = useMutation(
    trpc.runs.launch.mutationOptions({
      onSuccess: ({ run }) => {
        notifications.show({ message: `Launched ${run.name}: ${plural(run.total, 'rollout')}` });
        void queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
      },
    }),
  );

  // Left empty, a run takes today's domains; a retired one's tasks run only when it is chosen.
  const chosen = domains.length ? withTasks.filter((d) => domains.includes(d.domainId)) : withTasks.filter((d) => !d.retiredAt);
  const estimate = chosen.reduce((n, d) => n + Math.min(d.tasks, perDomain), 0);
  // Launch is refused until there is something to roll out, and says why next to the button.
  const noTasks = !overview.data
    ? 'Counting tasks…'
    : estimate === 0
      ? withTasks.length === 0
        ? 'No domain has tasks yet: sample some on the Tasks page first.'
        : 'The chosen domains have no tasks: sample some on the Tasks page first.'
      : null;
  const problem = policyProblem(user, 'user') ?? policyProblem(agent, 'agent');
  const blocked = noTasks ?? problem;
  const onLaunch = () =>
    launch.mutate({
      name: name.trim() || undefined,
      domainIds: domains.length ? domains : undefined,
      perDomain,
      settings: {
        user: policySpecOf(user),
        agent: policySpecOf(agent),
        noise: agent.kind === 'offline' ? noise : [],
        noiseRate,
        noiseEach,
        concurrency,
        maxTurns,
      },
    });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Launch a run">
      <Stack gap="sm">
        <Text fw={600}>Launch a run</Text>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <MultiSelect
                label="Domains"
                description={overview.data ? `Empty: all ${plural(withTasks.filter((d) => !d.retiredAt).length, 'domain')} with tasks` : 'Loading…'}
                placeholder={domains.length ? undefined : 'All domains with tasks'}
                data={withTasks.map((d) => ({ value: d.domainId, label: `${d.domainName}${d.retiredAt ? ' (from a previous build)' : ''} (${d.tasks})` }))}
                value={domains}
                onChange={setDomains}
                searchable
                clearable
                limit={200}
                nothingFoundMessage="No domain with tasks matches"
              />
              <Group grow align="flex-start">
                <NumberInput
                  label="Tasks per domain"
                  description="The newest of each domain"
                  value={perDomain}
                  onChange={(v) => setPerDomain(Math.max(1, int(10)(v)))}
                  min={1}
                  max={100_000}
                />
                <TextInput
                  label="Name"
                  description="Optional: named after its policies otherwise"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  maxLength={200}
                />
              </Group>
              <PolicyFields role="user" offlineLabel="Scripted user (offline)" value={user} onChange={setUser} />
              <PolicyFields role="agent" offlineLabel="Oracle agent (offline)" value={agent} onChange={setAgent} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <NoiseFields
                value={noise}
                onChange={setNoise}
                rate={noiseRate}
                onRate={setNoiseRate}
                each={noiseEach}
                onEach={setNoiseEach}
                disabled={agent.kind !== 'offline'}
              />
              <Group grow align="flex-start">
                <NumberInput
                  label="Concurrency"
                  description="Rollouts at once"
                  value={concurrency}
                  onChange={(v) => setConcurrency(Math.max(1, Math.min(256, int(8)(v))))}
                  min={1}
                  max={256}
                />
                <NumberInput
                  label="Max turns"
                  description="User and assistant messages"
                  value={maxTurns}
                  onChange={(v) => setMaxTurns(Math.max(2, Math.min(200, int(60)(v))))}
                  min={2}
                  max={200}
                />
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="launch-estimate" data-count={estimate}>
            {overview.data && estimate > 0 ? `${plural(estimate, 'rollout')} over ${plural(chosen.length, 'domain')}` : ''}
          </Text>
          <Group gap="sm" wrap="nowrap">
            {noTasks && overview.data && (
              <Anchor component={Link} href="/tasks" size="sm" data-testid="launch-blocked">
                {noTasks}
              </Anchor>
            )}
            <Button
              leftSection={<IconRocket size={16} />}
              onClick={onLaunch}
              loading={launch.isPending}
              disabled={Boolean(blocked)}
              title={blocked ?? undefined}
            >
              Launch
            </Button>
          </Group>
        </Group>
        {problem && (
          <Text size="xs" c="red">
            {problem}
          </Text>
        )}
        {launch.isError && (
          <Alert color="red" title="Not launched" data-testid="launch-error">
            {launch.error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
