'use client';
import { Alert, Badge, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAffiliate, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { useTRPC } from '../trpc';
import { BuildPanel } from './BuildPanel';
import { CytoscapeView } from './CytoscapeView';
import { plural } from '@/lib/text/plural';

const OVERVIEW_STYLE: StylesheetJson = [
  // Labels are drawn only when zoomed in far enough to read them: with thousands of domains, text is most of the cost.
  { selector: 'node', style: { 'background-color': '#4c6ef5', label: 'data(label)', 'font-size': 10, 'min-zoomed-font-size': 7, color: '#343a40', 'text-wrap': 'ellipsis', 'text-max-width': '120px', width: 'data(size)', height: 'data(size)', 'text-valign': 'bottom', 'text-margin-y': 3 } },
  { selector: 'node[?locked]', style: { 'background-color': '#f08c00', 'border-width': 2, 'border-color': '#e67700' } },
  { selector: 'node.match', style: { 'background-color': '#e03131', 'font-weight': 'bold', 'z-index': 10 } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#adb5bd', opacity: 0.6, 'curve-style': 'haystack' } },
];

/** Up to this many domains the overview is a ring: every label readable, links across it. */
const SMALL_OVERVIEW = 12;
const LARGE_OVERVIEW = 300;

/** The Graph page: what the latest build found, the overview of its domains, and a rebuild. */
export function GraphScreen() {
  const trpc = useTRPC();
  const router = useRouter();
  const overview = useQuery(trpc.graph.overview.queryOptions());
  const tools = useQuery(trpc.tools.count.queryOptions({}));
  const [search, setSearch] = useState('');
  const cy = useRef<Core | null>(null);

  const elements = useMemo<ElementDefinition[]>(() => {
    if (!overview.data) return [];
    const maxW = Math.max(1, ...overview.data.links.map((l) => l.weight));
    return [
      ...overview.data.domains.map((d) => ({ data: { id: d.id, label: `${d.name} (${d.tools})`, size: 14 + 6 * Math.sqrt(d.tools), locked: d.locked } })),
      ...overview.data.links.map((l) => ({ data: { id: `${l.a}-${l.b}`, source: l.a, target: l.b, width: 0.5 + 5 * (l.weight / maxW) } })),
    ];
  }, [overview.data]);
  const domainCount = overview.data?.domains.length ?? 0;
  // A force layout shows how domains relate, but takes seconds per thousand nodes; past a few hundred
  // domains the overview opens at once in rings by size (largest in the middle) and stays fluid.
  const layout = useMemo(
    () =>
      (domainCount > LARGE_OVERVIEW
        ? { name: 'fcose', quality: 'default', animate: false, randomize: true, numIter: 800, nodeRepulsion: 4500, idealEdgeLength: 50, packComponents: true, tile: true }
        : domainCount <= SMALL_OVERVIEW
          ? // A handful of domains, often unlinked: a force layout packs them into a clump whose labels overlap.
            { name: 'circle', animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true, spacingFactor: 1.1, padding: 40 }
          : { name: 'fcose', animate: false, randomize: true, nodeRepulsion: 6000, idealEdgeLength: 80, componentSpacing: 140, nodeDimensionsIncludeLabels: true }) as never,
    [domainCount],
  );
  const onBuilt = useCallback(() => void overview.refetch(), [overview]);

  const highlight = (q: string) => {
    setSearch(q);
    const c = cy.current;
    if (!c) return;
    c.nodes().removeClass('match');
    if (!q.trim()) return;
    const found = c.nodes().filter((n) => String(n.data('label')).toLowerCase().includes(q.trim().toLowerCase()));
    found.addClass('match');
    if (found.length) c.animate({ fit: { eles: found, padding: 80 }, duration: 300 });
  };

  if (overview.isError) return <Alert color="red" title="Could not load the graph">{overview.error.message}</Alert>;
  const build = overview.data?.build;
  const stats = build?.stats as { tools: number; edges: number; domains: number; unassigned: number; largest: number; median: number } | undefined;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          {!overview.data && <Skeleton h={400} />}
          {overview.data && !build && (
            <EmptyState
              icon={IconAffiliate}
              title="No tool graph built"
              body={tools.data ? `${plural(tools.data, 'tool')} ${tools.data === 1 ? 'is' : 'are'} imported. Build the graph: tools with similar parameters are joined, and Louvain groups them into domains that will each share one database.` : 'Import a collection first, then build the graph here.'}
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
              <Group justify="space-between">
                <TextInput leftSection={<IconSearch size={16} />} placeholder="Find a domain" value={search} onChange={(e) => highlight(e.currentTarget.value)} aria-label="Find a domain" w={280} />
                <Group gap="xs">
                  <Badge variant="light">built {build.createdAt.toLocaleString()}</Badge>
                  <Badge variant="outline" color={build.llmCheck.ran ? 'teal' : 'gray'} title={`LLM check: ${build.llmCheck.note}`} data-shrink>
                    {build.llmCheck.note}
                  </Badge>
                </Group>
              </Group>
              <CytoscapeView
                label={`Overview: ${plural(domainCount, 'domain')}, each a node sized by its tools; click one to open it`}
                elements={elements}
                style={OVERVIEW_STYLE}
                layout={layout}
                height={600}
                fast={domainCount > LARGE_OVERVIEW}
                onReady={(c) => (cy.current = c)}
                onTapNode={(id) => router.push(`/domains/${id}`)}
              />
              <Text size="xs" c="dimmed">
                Each node is a domain (orange: locked), sized by its tools; lines join domains with edges between them, thicker for more weight. Click a domain to curate it.
              </Text>
            </>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <BuildPanel onBuilt={onBuilt} initial={build ? (build.params as never) : undefined} />
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
