'use client';
import { Allowed } from '../auth/session';
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAffiliate, IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { useTRPC } from '../trpc';
import { BuildPanel } from './BuildPanel';
import { DomainOverview } from './DomainOverview';
import { ToolGraphView } from './ToolGraphView';
import { plural } from '@/lib/text/plural';

/** The Graph page: what the latest build found, its tool graph (or domain overview), and a rebuild. */
export function GraphScreen() {
  return (
    <Suspense fallback={<Skeleton h={600} />}>
      <GraphScreenInner />
    </Suspense>
  );
}

type View = { domain: string | null; q: string; view: 'tools' | 'domains' };

/** What the page shows lives in the URL (?domain=ID&q=TEXT&view=domains): a link or a reload shows the same. */
function useGraphView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view: View = { domain: params.get('domain'), q: params.get('q') ?? '', view: params.get('view') === 'domains' ? 'domains' : 'tools' };
  const set = useCallback(
    (patch: Partial<View>, push = false) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v == null || v === '' || (k === 'view' && v === 'tools')) next.delete(k);
        else next.set(k, v);
      }
      const q = next.toString();
      const url = q ? `${pathname}?${q}` : pathname;
      // Opening a domain is a step Back can undo; typing is not.
      if (push) router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [params, router, pathname],
  );
  return { ...view, set };
}

function GraphScreenInner() {
  const trpc = useTRPC();
  const v = useGraphView();
  const overview = useQuery(trpc.graph.overview.queryOptions());
  const tools = useQuery(trpc.tools.count.queryOptions({}));
  const build = overview.data?.build;
  const graph = useQuery({ ...trpc.graph.tools.queryOptions(v.domain ? { domainId: v.domain } : {}), enabled: Boolean(build) });
  const onBuilt = useCallback(() => {
    void overview.refetch();
    void graph.refetch();
  }, [overview, graph]);

  if (overview.isError)
    return (
      <Alert color="red" title="Could not load the graph">
        {overview.error.message}
      </Alert>
    );
  const stats = build?.stats as { tools: number; edges: number; domains: number; unassigned: number; largest: number; median: number } | undefined;
  const domains = overview.data?.domains ?? [];
  const domain = v.domain ? domains.find((d) => d.id === v.domain) : undefined;
  const tooLarge = graph.data?.mode === 'overview' && !v.domain;
  const showOverview = !v.domain && (v.view === 'domains' || tooLarge);
  // The view stays in the URL, so Back (or the button) returns to the overview the domain was opened from.
  const open = (id: string, q?: string) => v.set({ domain: id, q: q ?? '' }, true);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          {!overview.data && <Skeleton h={400} />}
          {overview.data && !build && (
            <EmptyState
              icon={IconAffiliate}
              title="No tool graph built"
              body={
                tools.data
                  ? `${plural(tools.data, 'tool')} ${tools.data === 1 ? 'is' : 'are'} imported. Build the graph: tools with similar parameters are joined, and Louvain groups them into domains that will each share one database.`
                  : 'Import a collection first, then build the graph here.'
              }
              next={tools.data ? undefined : { label: 'Import a collection', href: '/collections' }}
            />
          )}
          {build && stats && (
            <>
              <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} data-testid="graph-stats">
                <Stat label="Tools" value={stats.tools} />
                <Stat label="Edges" value={stats.edges} />
                <Stat label="Domains" value={stats.domains} />
                <Stat label="Unassigned" value={stats.unassigned} />
                <Stat label="Modularity" value={build.modularity.toFixed(3)} />
                <Stat label="Largest / median" value={`${stats.largest} / ${stats.median}`} />
              </SimpleGrid>
              <Group justify="space-between" gap="xs">
                {v.domain ? (
                  <Group gap="sm">
                    <Button variant="default" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => v.set({ domain: null, q: '' }, true)}>
                      {tooLarge || v.view === 'domains' ? 'All domains' : 'All tools'}
                    </Button>
                    {domain && (
                      <Text fw={600} data-testid="graph-domain">
                        {domain.name}{' '}
                        <Anchor component={Link} href={`/domains/${domain.id}`} size="sm" fw={400}>
                          open its page →
                        </Anchor>
                      </Text>
                    )}
                  </Group>
                ) : (
                  <SegmentedControl
                    size="xs"
                    aria-label="Draw"
                    value={showOverview ? 'domains' : 'tools'}
                    onChange={(x) => v.set({ view: x as View['view'], q: '' })}
                    data={[
                      { value: 'tools', label: 'Tools', disabled: tooLarge },
                      { value: 'domains', label: 'Domains' },
                    ]}
                  />
                )}
                <Group gap="xs">
                  <Badge variant="light">built {build.createdAt.toLocaleString()}</Badge>
                  <Badge variant="outline" color={build.llmCheck.ran ? 'teal' : 'gray'} title={`LLM check: ${build.llmCheck.note}`} data-shrink>
                    {build.llmCheck.note}
                  </Badge>
                </Group>
              </Group>
              {v.domain && overview.data && !domain && (
                <Alert color="yellow" title="No such domain">
                  It may have been merged, or replaced by a rebuild.{' '}
                  <Anchor component="button" type="button" onClick={() => v.set({ domain: null, q: '' })}>
                    Show the whole graph
                  </Anchor>
                </Alert>
              )}
              {tooLarge && (
                <Text size="sm" c="dimmed" data-testid="graph-too-large">
                  {graph.data?.mode === 'overview' &&
                    `${graph.data.total.toLocaleString()} tools: more than the ${graph.data.cap.toLocaleString()} drawn at once, so the graph shows its domains. Click one to see its tools.`}
                </Text>
              )}
              {showOverview ? (
                <>
                  <DomainOverview domains={domains} links={overview.data!.links} q={v.q} onQueryChange={(q) => v.set({ q })} onOpen={open} />
                  <Text size="xs" c="dimmed">
                    Each node is a domain (double border: locked), coloured as in the tool graph and sized by its tools; lines join domains with edges between
                    them, thicker for more weight. Click a domain to see its tools.
                  </Text>
                </>
              ) : graph.isError ? (
                <Alert color="red" title="Could not load the tool graph">
                  {graph.error.message}{' '}
                  <Anchor component="button" type="button" onClick={() => void graph.refetch()}>
                    Try again
                  </Anchor>
                </Alert>
              ) : !graph.data || (graph.data.mode === 'overview' && !tooLarge) ? (
                graph.data?.mode === 'overview' ? (
                  <Alert color="yellow" title="This domain is too large to draw">
                    {`${graph.data.total.toLocaleString()} tools, more than the ${graph.data.cap.toLocaleString()} drawn at once. Its page lists them.`}
                  </Alert>
                ) : (
                  <Skeleton h={600} data-testid="graph-loading" />
                )
              ) : graph.data.mode === 'tools' && graph.data.tools.length === 0 ? (
                (!v.domain || domain) && (
                  <EmptyState
                    icon={IconAffiliate}
                    title="No tools to draw"
                    body={
                      v.domain
                        ? 'This domain holds no tools: they were moved or dropped.'
                        : 'Every tool was dropped from the graph. Bring some back on the Domains page, or rebuild.'
                    }
                    next={{ label: 'Open Domains', href: '/domains' }}
                  />
                )
              ) : graph.data.mode === 'tools' ? (
                <>
                  <ToolGraphView
                    key={`${graph.data.buildId}:${v.domain ?? 'all'}`}
                    data={graph.data}
                    domains={domains}
                    q={v.q}
                    onQueryChange={(q) => v.set({ q })}
                  />
                  <Text size="xs" c="dimmed">
                    Each node is a tool (diamond: writes), coloured by its domain; arrows point from a tool to one that can follow it (hover an edge for its
                    reason). Names show when zoomed in. Click a tool for its domain.
                  </Text>
                </>
              ) : null}
            </>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Allowed to="curate">
          <BuildPanel onBuilt={onBuilt} initial={build ? (build.params as never) : undefined} />
        </Allowed>
      </Grid.Col>
    </Grid>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={`stat-${label.toLowerCase().split(' ')[0]}`}>
        {typeof value === 'number' ? value.toLocaleString() : value}
      </Text>
    </Paper>
  );
}
