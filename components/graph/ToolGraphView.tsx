'use client';
import { Anchor, Badge, Box, CloseButton, ColorSwatch, Group, Kbd, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Core, NodeSingular } from 'cytoscape';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { domainColour } from '@/lib/graph/domain-colours';
import { searchGraph, type SearchResult } from '@/lib/graph/search';
import { plural } from '@/lib/text/plural';
import { useTRPC } from '../trpc';
import { CytoscapeView, type Hovered } from './CytoscapeView';
import { namesOnZoom, TOOL_GRAPH_STYLE, toolGraphElements, type DomainRef, type ToolGraphData } from './tool-graph-elements';

// Padding leaves room for the names of tools at the edge once zoomed in.
const PRESET = { name: 'preset', fit: true, padding: 40 } as const;
/** A small graph fitted to the view would be zoomed in past this: names as large as headings. */
const FIT_MAX_ZOOM = 1.25;
/** Legend entries shown before "+N more". */
const LEGEND = 14;

type Props = {
  data: ToolGraphData & { edgesTotal: number };
  /** Every domain of the build, largest first: their order gives the colours. */
  domains: DomainRef[];
  q: string;
  onQueryChange: (q: string) => void;
  height?: number;
};

/**
 * The tool graph: tools coloured by domain, edges with their reason on hover, tool names once zoomed
 * in, and search by tool or domain (Enter: next match, Shift+Enter: previous, Esc: clear, /: focus).
 * The selected tool's card links to its domain's page.
 */
export function ToolGraphView({ data, domains, q, onQueryChange, height = 600 }: Props) {
  const trpc = useTRPC();
  const cy = useRef<Core | null>(null);
  const [ready, setReady] = useState(0);
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 150);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const elements = useMemo(() => toolGraphElements(data, domains), [data, domains]);
  const present = useMemo(() => {
    const ids = new Set(data.tools.map((t) => t.domainId));
    return domains.filter((d) => ids.has(d.id));
  }, [data.tools, domains]);
  const colourOf = useMemo(() => new Map(domains.map((d, i) => [d.id, domainColour(i)])), [domains]);
  const counts = useMemo(() => {
    const m = new Map<string | null, number>();
    for (const t of data.tools) m.set(t.domainId, (m.get(t.domainId) ?? 0) + 1);
    return m;
  }, [data.tools]);

  // The text follows the URL (back/forward, a link) and the URL follows the text once typing pauses.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the box follows the URL (back/forward, a link) and is also typed into locally
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (debounced !== q) onQueryChange(debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const result: SearchResult | null = useMemo(() => searchGraph(debounced, data.tools, present), [debounced, data.tools, present]);
  /** The matched tools in the order Enter visits them: tools by name first, then the matched domains' tools. */
  const order = useMemo(() => {
    if (!result) return [];
    const inDomains = new Set(result.domains);
    const ids = result.tools.map((i) => data.tools[i]!.id);
    const seen = new Set(ids);
    for (const t of data.tools) if (t.domainId && inDomains.has(t.domainId) && !seen.has(t.id)) ids.push(t.id);
    return ids;
  }, [result, data.tools]);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a new list of matches starts again at its first one
  useEffect(() => setActive(0), [order]);

  // Highlight the matches and fade the rest; the active one is then brought into view (below).
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.batch(() => {
      c.elements().removeClass('match faded near active');
      if (!result || order.length === 0) return;
      const ids = new Set(order);
      const matched = c.nodes().filter((n) => ids.has(n.id()));
      const titles = c.nodes('.title').filter((n) => result.domains.includes(n.data('domainId')));
      c.elements().not(matched).not(titles).addClass('faded');
      matched.addClass('match');
    });
  }, [result, order, ready]);

  // The active match: selected (its card shows), its edges drawn dark, and zoomed to. Matches all in
  // one domain are shown together; matches spread over the graph are visited one by one (Enter).
  useEffect(() => {
    const c = cy.current;
    if (!c || order.length === 0) return;
    const id = order[active % order.length]!;
    const n = c.getElementById(id) as NodeSingular;
    c.batch(() => {
      c.elements('.active, .near').removeClass('active near');
      n.addClass('active');
      n.connectedEdges().addClass('near').removeClass('faded');
      n.neighborhood('node').removeClass('faded');
    });
    setSelected(id);
    const matched = c.nodes('.match');
    const oneDomain = new Set(matched.map((m) => m.data('domainId'))).size === 1;
    if (active === 0 && oneDomain) c.animate({ fit: { eles: matched.union(n.neighborhood('node')), padding: 60 }, duration: 250 });
    else {
      // Its neighbours may be anywhere: centre the tool itself, close enough to read names around it.
      const z = Math.max(c.zoom(), 1.3);
      const p = n.position();
      c.animate({ zoom: z, pan: { x: c.width() / 2 - p.x * z, y: c.height() / 2 - p.y * z }, duration: 250 });
    }
  }, [active, order, ready]);

  // "/" focuses the search from anywhere on the page but a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== '/' || el?.closest('input, textarea, [contenteditable=true]')) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const tool = selected ? data.tools.find((t) => t.id === selected) : undefined;
  const toolDomain = tool?.domainId ? domains.find((d) => d.id === tool.domainId) : undefined;
  const edgeHover =
    hovered?.kind === 'edge' ? (hovered.data as { source: string; target: string; sourceName: string; targetName: string; forward: 0 | 1 }) : null;
  const reason = useQuery({
    ...trpc.graph.edge.queryOptions({ source: edgeHover?.source ?? '', target: edgeHover?.target ?? '' }),
    enabled: Boolean(edgeHover),
    staleTime: Infinity,
  });
  const unassigned = counts.get(null) ?? 0;

  return (
    <Stack gap="xs">
      <Group gap="sm" align="center" wrap="nowrap">
        <TextInput
          ref={input}
          leftSection={<IconSearch size={16} />}
          rightSection={text ? <CloseButton size="sm" aria-label="Clear the search" onClick={() => setText('')} /> : <Kbd size="xs">/</Kbd>}
          placeholder="Find a tool or domain"
          aria-label="Find a tool or domain"
          aria-describedby="graph-search-result"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && order.length) setActive((a) => (a + (e.shiftKey ? order.length - 1 : 1)) % order.length);
            if (e.key === 'Escape') setText('');
          }}
          w={300}
        />
        <Text id="graph-search-result" size="sm" c={result && order.length === 0 ? 'red' : 'dimmed'} aria-live="polite" data-testid="graph-search-result">
          {result
            ? `${result.message}${order.length > 1 ? ` · ${(active % order.length) + 1} of ${order.length} (Enter: next)` : ''}`
            : `${plural(data.tools.length, 'tool')} · ${plural(data.edges.length, 'edge')}${data.edgesTotal > data.edges.length ? ` (strongest of ${data.edgesTotal.toLocaleString()})` : ''}`}
        </Text>
      </Group>
      <Box pos="relative">
        <CytoscapeView
          label={`Tool graph: ${plural(data.tools.length, 'tool')} coloured by domain, ${plural(data.edges.length, 'edge')}`}
          elements={elements}
          style={TOOL_GRAPH_STYLE}
          layout={PRESET as never}
          height={height}
          webgl
          maxZoom={3}
          fast={data.tools.length > 800}
          onReady={(c) => {
            if (c.zoom() > FIT_MAX_ZOOM) {
              c.zoom(FIT_MAX_ZOOM);
              c.center();
            }
            namesOnZoom(c);
            cy.current = c;
            setReady((r) => r + 1);
          }}
          onTapNode={(id) => {
            if (!id.startsWith('title:')) setSelected(id);
          }}
          onTapBackground={() => setSelected(null)}
          onHover={setHovered}
        />
        {hovered && (
          <Paper
            withBorder
            shadow="sm"
            p={6}
            radius="sm"
            maw={360}
            data-testid="graph-tooltip"
            style={{ position: 'absolute', left: Math.min(hovered.x + 12, 600), top: hovered.y + 12, pointerEvents: 'none', zIndex: 5 }}
          >
            {hovered.kind === 'node' ? (
              <Text size="xs">
                <b>{String(hovered.data.name ?? hovered.data.label)}</b> {hovered.data.domain ? `· ${String(hovered.data.domain)}` : ''}
              </Text>
            ) : (
              <>
                <Text size="xs" fw={600}>
                  {edgeHover?.sourceName} {edgeHover?.forward ? '→' : '—'} {edgeHover?.targetName}
                </Text>
                <Text size="xs" c="dimmed">
                  {reason.data
                    ? `${reason.data.reason} (similarity ${reason.data.weight.toFixed(2)})`
                    : reason.isLoading
                      ? 'Loading the reason…'
                      : 'No reason recorded'}
                </Text>
              </>
            )}
          </Paper>
        )}
        {tool && (
          <Paper withBorder shadow="sm" p="sm" radius="md" w={280} data-testid="graph-selected" style={{ position: 'absolute', top: 10, right: 10, zIndex: 4 }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={700} size="sm" style={{ wordBreak: 'break-word' }}>
                {tool.name}
              </Text>
              <CloseButton size="sm" aria-label="Close" onClick={() => setSelected(null)} />
            </Group>
            <Group gap={6} mt={4}>
              <ColorSwatch size={12} color={tool.domainId ? colourOf.get(tool.domainId)! : domainColour(-1)} />
              <Text size="xs">{toolDomain?.name ?? 'not in a domain'}</Text>
              <Badge size="xs" variant="light" color={tool.op === 'write' ? 'orange' : 'blue'}>
                {tool.op}
              </Badge>
            </Group>
            {toolDomain ? (
              <Anchor component={Link} href={`/domains/${toolDomain.id}`} size="sm" mt={6} display="block">
                Open its domain “{toolDomain.name}” →
              </Anchor>
            ) : (
              <Anchor component={Link} href="/domains" size="sm" mt={6} display="block">
                Tools outside the domains →
              </Anchor>
            )}
          </Paper>
        )}
      </Box>
      <Group gap={6} aria-label="Domains by colour" role="list" data-testid="graph-legend">
        {present.slice(0, LEGEND).map((d) => (
          <Badge
            key={d.id}
            role="listitem"
            variant="outline"
            color="gray"
            size="md"
            tt="none"
            leftSection={<ColorSwatch size={10} color={colourOf.get(d.id)!} />}
            style={{ cursor: 'pointer', maxWidth: 260 }}
            title={`Show ${d.name}`}
            onClick={() => {
              const c = cy.current;
              if (c) c.animate({ fit: { eles: c.nodes().filter((n) => n.data('domainId') === d.id), padding: 60 }, duration: 250 });
            }}
          >
            {d.name} ({counts.get(d.id) ?? 0})
          </Badge>
        ))}
        {present.length > LEGEND && (
          <Text size="xs" c="dimmed">
            +{plural(present.length - LEGEND, 'more domain')}
          </Text>
        )}
        {unassigned > 0 && (
          <Badge variant="outline" color="gray" size="md" tt="none" role="listitem" leftSection={<ColorSwatch size={10} color={domainColour(-1)} />}>
            unassigned ({unassigned})
          </Badge>
        )}
      </Group>
    </Stack>
  );
}
