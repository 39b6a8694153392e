'use client';
import { Anchor, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { domainColour } from '@/lib/graph/domain-colours';
import { describe, normalise } from '@/lib/graph/search';
import { plural } from '@/lib/text/plural';
import { useTRPC } from '../trpc';
import { CytoscapeView } from './CytoscapeView';

const OVERVIEW_STYLE: StylesheetJson = [
  // Labels are drawn only when zoomed in far enough to read them: with thousands of domains, text is most of the cost.
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 12,
      'min-zoomed-font-size': 7,
      color: '#212529',
      'text-wrap': 'wrap',
      'text-max-width': '180px',
      width: 'data(size)',
      height: 'data(size)',
      'text-valign': 'bottom',
      'text-margin-y': 3,
    },
  },
  { selector: 'node[?locked]', style: { 'border-width': 3, 'border-color': '#212529', 'border-style': 'double' } },
  { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#fa5252', 'font-weight': 'bold', 'z-index': 10, 'min-zoomed-font-size': 0 } },
  { selector: '.faded', style: { opacity: 0.15 } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#adb5bd', opacity: 0.6, 'curve-style': 'haystack' } },
];

/** Up to this many domains the overview is a ring: every label readable, links across it. */
const SMALL_OVERVIEW = 12;
const LARGE_OVERVIEW = 300;

type Props = {
  domains: Array<{ id: string; name: string; tools: number; locked: boolean }>;
  links: Array<{ a: string; b: string; weight: number }>;
  q: string;
  onQueryChange: (q: string) => void;
  /** Zoom into a domain's tool graph (and look for `q` in it). */
  onOpen: (domainId: string, q?: string) => void;
};

/**
 * Each domain one node, coloured as in the tool graph and sized by its tools; for graphs too large
 * to draw tool by tool. Search finds domains here and tools on the server (with the domain to open).
 */
export function DomainOverview({ domains, links, q, onQueryChange, onOpen }: Props) {
  const trpc = useTRPC();
  const cy = useRef<Core | null>(null);
  const [ready, setReady] = useState(0);
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 200);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the box follows the URL (back/forward, a link) and is also typed into locally
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (debounced !== q) onQueryChange(debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const elements = useMemo<ElementDefinition[]>(() => {
    const maxW = Math.max(1, ...links.map((l) => l.weight));
    return [
      ...domains.map((d, i) => ({
        data: { id: d.id, label: `${d.name} (${d.tools})`, size: 14 + 6 * Math.sqrt(d.tools), locked: d.locked, colour: domainColour(i) },
      })),
      ...links.map((l) => ({ data: { id: `${l.a}-${l.b}`, source: l.a, target: l.b, width: 0.5 + 5 * (l.weight / maxW) } })),
    ];
  }, [domains, links]);
  const count = domains.length;
  // A force layout shows how domains relate but takes seconds per thousand nodes; past a few hundred
  // domains it runs with fewer iterations. Seeded (see CytoscapeView): the same build, the same picture.
  const layout = useMemo(
    () =>
      (count > LARGE_OVERVIEW
        ? {
            name: 'fcose',
            quality: 'default',
            animate: false,
            randomize: true,
            numIter: 800,
            nodeRepulsion: 4500,
            idealEdgeLength: 50,
            packComponents: true,
            tile: true,
          }
        : count <= SMALL_OVERVIEW
          ? // A handful of domains, often unlinked: a force layout packs them into a clump whose labels overlap.
            { name: 'circle', animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true, spacingFactor: 1.1, padding: 40 }
          : {
              name: 'fcose',
              animate: false,
              randomize: true,
              nodeRepulsion: 6000,
              idealEdgeLength: 80,
              componentSpacing: 140,
              nodeDimensionsIncludeLabels: true,
            }) as never,
    [count],
  );

  const needle = normalise(debounced);
  const matched = useMemo(() => (needle ? domains.filter((d) => normalise(d.name).includes(needle)) : []), [domains, needle]);
  const found = useQuery({ ...trpc.graph.find.queryOptions({ q: debounced.trim() || '-', limit: 8 }), enabled: Boolean(needle) });
  const toolHits = needle ? (found.data?.total ?? 0) : 0;

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.elements().removeClass('match faded');
    if (!needle) return;
    // Domains named by the text, and those holding tools named by it.
    const ids = new Set([...matched.map((d) => d.id), ...(found.data?.tools.flatMap((t) => (t.domainId ? [t.domainId] : [])) ?? [])]);
    const hit = c.nodes().filter((n) => ids.has(n.id()));
    if (hit.length === 0) return;
    c.elements().not(hit).addClass('faded');
    hit.addClass('match');
    c.animate({ fit: { eles: hit, padding: 80 }, duration: 250 });
  }, [needle, matched, found.data, ready]);

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder="Find a tool or domain"
          aria-label="Find a tool or domain"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setText('');
            // Enter opens the first match: the domain named, else the first tool's domain.
            if (e.key === 'Enter') {
              const first = matched[0]?.id ?? found.data?.tools.find((t) => t.domainId)?.domainId;
              if (first) onOpen(first, matched[0] ? undefined : debounced.trim());
            }
          }}
          w={300}
        />
        <Text
          size="sm"
          c={needle && !found.isFetching && matched.length + toolHits === 0 ? 'red' : 'dimmed'}
          aria-live="polite"
          data-testid="graph-search-result"
        >
          {needle
            ? found.isFetching && !found.data
              ? 'Searching…'
              : `${describe(debounced.trim(), toolHits, matched.length)}${matched.length + toolHits ? ' · Enter opens the first' : ''}`
            : `${plural(count, 'domain')}: click one to see its tools`}
        </Text>
      </Group>
      {needle && (found.data?.tools.length ?? 0) > 0 && (
        <Group gap="xs" data-testid="graph-tool-hits">
          {found.data!.tools.map((t) => (
            <Anchor key={t.id} size="sm" component="button" type="button" disabled={!t.domainId} onClick={() => t.domainId && onOpen(t.domainId, t.name)}>
              {t.name}{' '}
              <Text span size="xs" c="dimmed">
                in {t.domain ?? 'no domain'}
              </Text>
            </Anchor>
          ))}
        </Group>
      )}
      <CytoscapeView
        label={`Overview: ${plural(count, 'domain')}, each a node sized by its tools; click one to see its tool graph`}
        elements={elements}
        style={OVERVIEW_STYLE}
        layout={layout}
        height={600}
        webgl
        fast={count > LARGE_OVERVIEW}
        onReady={(c) => {
          cy.current = c;
          setReady((r) => r + 1);
        }}
        onTapNode={(id) => onOpen(id)}
      />
    </Stack>
  );
}
