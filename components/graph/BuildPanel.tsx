'use client';
import { Alert, Button, Group, MultiSelect, NumberInput, Paper, Progress, Select, Skeleton, Slider, Stack, Switch, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAffiliate } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isActive } from '../jobs/format';
import { useTRPC } from '../trpc';
import { RebuildPlanDialog } from './RebuildPlanDialog';

import type { DryRun } from '@/server/stages/graph/dry-run';
import type { GraphJobInput } from '@/server/stages/inputs';
import { plural } from '@/lib/text/plural';

type Params = GraphJobInput;

/**
 * The graph's parameters, with a live preview of what τ would give (edges, domains) before a
 * rebuild, and the build itself as a job with progress.
 */
export function BuildPanel({ initial, onBuilt }: { initial?: Partial<Params>; onBuilt: () => void }) {
  const trpc = useTRPC();
  const defaults = useQuery(trpc.graph.defaults.queryOptions());
  const collections = useQuery(trpc.collections.list.queryOptions());
  if (!defaults.data || !collections.data) return <Skeleton h={420} />;
  // The collections kept whole are the ones remembered now (a re-import changes their ids), not the last build's.
  const keepWhole = collections.data.filter((c) => c.keepWhole).map((c) => c.id);
  const choices = collections.data.map((c) => ({ value: c.id, label: `${c.name} (${plural(c.toolCount, 'tool')})` }));
  return <BuildForm initial={{ ...defaults.data, ...initial, keepWhole }} collections={choices} onBuilt={onBuilt} />;
}

function BuildForm({ initial, collections, onBuilt }: { initial: Params; collections: Array<{ value: string; label: string }>; onBuilt: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const config = useQuery(trpc.system.config.queryOptions());
  const [params, setParams] = useState<Params>(initial);
  const [debounced] = useDebouncedValue(params, 300);
  const set = <K extends keyof Params>(k: K, v: Params[K]) => setParams((p) => ({ ...p, [k]: v }));
  const { llmCheck: _, ...previewInput } = debounced;
  // The preview runs the similarity pass on the server: only once the user changes something, so
  // opening the page over 30,000 tools costs nothing.
  const touched = JSON.stringify(debounced) !== JSON.stringify(initial);
  const preview = useQuery(
    trpc.graph.preview.queryOptions({ ...previewInput, vectors: 'lexical' }, { enabled: touched, placeholderData: keepPreviousData, staleTime: 60_000 }),
  );

  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation(trpc.graph.build.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  // Before building: a dry run of the same plan the build saves; asked only when curated work would be retired.
  const [asking, setAsking] = useState<{ params: Params; dry: DryRun } | null>(null);
  const check = useMutation({
    mutationFn: (p: Params) => queryClient.fetchQuery({ ...trpc.graph.plan.queryOptions(p), staleTime: 0 }),
    onSuccess: (dry, p) => (dry.confirm ? setAsking({ params: p, dry }) : start.mutate(p)),
  });
  const build = (p: Params) => {
    setAsking(null);
    start.mutate(p);
  };
  const job = useQuery(
    trpc.jobs.get.queryOptions(
      { id: jobId ?? '' },
      { enabled: jobId !== null, refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 500) },
    ),
  );
  const finished = useRef<string | null>(null);
  useEffect(() => {
    if (job.data && !isActive(job.data) && finished.current !== job.data.id) {
      finished.current = job.data.id;
      void queryClient.invalidateQueries({ queryKey: trpc.graph.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.domains.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.collections.list.queryKey() });
      onBuilt();
    }
  }, [job.data, queryClient, trpc, onBuilt]);

  const online = config.data?.llm.mode === 'endpoint';
  const running = job.data && isActive(job.data);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Text fw={600}>Build parameters</Text>
        <div>
          <Text size="sm">Similarity threshold τ: {params.threshold.toFixed(2)}</Text>
          <Slider
            value={params.threshold}
            onChange={(v) => set('threshold', v)}
            min={0.05}
            max={0.95}
            step={0.05}
            label={(v) => v.toFixed(2)}
            marks={[
              { value: 0.3, label: '0.3' },
              { value: 0.5, label: '0.5' },
              { value: 0.75, label: '0.75' },
            ]}
            thumbLabel="Similarity threshold"
            mb="lg"
          />
        </div>
        <Text size="sm" c="dimmed" data-testid="graph-preview" aria-live="polite">
          {preview.isError
            ? `Preview failed: ${preview.error.message}`
            : preview.data
              ? `At τ ${debounced.threshold.toFixed(2)}: ${plural(preview.data.edges, 'edge')}, ${plural(preview.data.domains, 'domain')}, ${plural(preview.data.unassigned, 'tool')} unassigned, modularity ${preview.data.modularity.toFixed(3)}`
              : touched
                ? 'Previewing…'
                : 'Move τ or change a setting to preview its edges and domains before building.'}
        </Text>
        <Group grow>
          <NumberInput
            label="Resolution"
            value={params.resolution}
            onChange={(v) => set('resolution', Number(v) || 1)}
            min={0.05}
            max={20}
            step={0.1}
            decimalScale={2}
          />
          <NumberInput label="Neighbours per tool" value={params.maxNeighbours} onChange={(v) => set('maxNeighbours', Number(v) || 10)} min={1} max={200} />
        </Group>
        <Group grow>
          <NumberInput label="Min domain size" value={params.minSize} onChange={(v) => set('minSize', Number(v) || 1)} min={1} max={10000} />
          <NumberInput label="Max domain size" value={params.maxSize} onChange={(v) => set('maxSize', Number(v) || 20)} min={2} max={100000} />
          <NumberInput label="Seed" value={params.seed} onChange={(v) => set('seed', Number(v) || 0)} min={0} />
        </Group>
        <Select
          label="Parameter vectors"
          value={params.vectors}
          onChange={(v) => set('vectors', (v as Params['vectors']) ?? 'lexical')}
          data={[
            { value: 'lexical', label: 'Built-in lexical (TF-IDF, offline)' },
            { value: 'embeddings', label: online ? 'Embeddings endpoint' : 'Embeddings endpoint (not configured)', disabled: !online },
          ]}
          allowDeselect={false}
        />
        <div data-testid="keep-whole">
          <MultiSelect
            label="Keep whole"
            description="Each collection chosen becomes one locked domain with all its tools, not clustered: one company's API, one environment."
            placeholder={params.keepWhole?.length ? undefined : 'Cluster every collection'}
            data={collections}
            value={params.keepWhole ?? []}
            onChange={(v) => set('keepWhole', v)}
            searchable
            clearable
            nothingFoundMessage="No such collection"
          />
        </div>
        <Switch
          checked={params.llmCheck && online}
          disabled={!online}
          onChange={(e) => set('llmCheck', e.currentTarget.checked)}
          label={online ? 'LLM check of edges inside each domain' : 'LLM check of edges (offline: skipped)'}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Locked domains and collections kept whole stay as they are; domains found again keep their work, and you are asked before curated ones are retired.
            A rebuild clears the undo history.
          </Text>
          <Button
            leftSection={<IconAffiliate size={16} />}
            onClick={() => check.mutate(params)}
            loading={check.isPending || start.isPending || Boolean(running)}
          >
            Build graph
          </Button>
        </Group>
        {check.isPending && (
          <Text size="xs" c="dimmed" aria-live="polite" data-testid="graph-plan-checking">
            Checking which domains the build keeps…
          </Text>
        )}
        {check.isError && (
          <Alert color="red" title="Could not check what the build would change" data-testid="graph-plan-error">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{check.error.message}</Text>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => check.mutate(params)}>
                  Check again
                </Button>
                <Button
                  size="xs"
                  color="orange"
                  variant="light"
                  onClick={() => {
                    check.reset();
                    build(params);
                  }}
                >
                  Build without checking
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {start.isError && <Alert color="red">{start.error.message}</Alert>}
        {job.data && (
          <Stack gap={2} data-testid="graph-job" data-status={job.data.status}>
            {running && <Progress value={job.data.progress} animated aria-label="Graph build progress" />}
            <Text size="xs" c={job.data.status === 'failed' ? 'red' : 'dimmed'}>
              {job.data.status === 'failed' ? job.data.error : job.data.status === 'completed' ? 'Built.' : job.data.message || 'Waiting for a worker…'}
            </Text>
          </Stack>
        )}
      </Stack>
      <RebuildPlanDialog
        plan={asking?.dry.plan ?? null}
        title={asking?.dry.plan?.known === false ? 'Build with embeddings and maybe retire curated domains?' : 'Rebuild and retire curated domains?'}
        confirmLabel="Rebuild anyway"
        busy={start.isPending}
        onConfirm={() => asking && build(asking.params)}
        onCancel={() => setAsking(null)}
      />
    </Paper>
  );
}
