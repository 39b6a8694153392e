import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { domainColour } from '@/lib/graph/domain-colours';
import { packedLayoutWithDiscs } from '@/lib/graph/tool-layout';

/** What the Graph page draws a tool graph from (the `tools` answer of graph.tools, or the bench's synthetic one). */
export type ToolGraphData = {
  tools: Array<{ id: string; name: string; op: 'read' | 'write'; domainId: string | null }>;
  edges: Array<[number, number, number, 0 | 1]>;
};
export type DomainRef = { id: string; name: string };

export const UNASSIGNED = 'unassigned';

/**
 * Tools coloured by domain, titled discs (one per domain, from tool-layout), and edges, directed
 * ones with an arrow. Domain colours come from the order of `domains` (the build's list, largest
 * first), so the overview and every tool view agree.
 */
export function toolGraphElements(data: ToolGraphData, domains: DomainRef[]): ElementDefinition[] {
  const index = new Map(domains.map((d, i) => [d.id, i]));
  const name = new Map(domains.map((d) => [d.id, d.name]));
  const group = (id: string | null) => (id && index.has(id) ? id : UNASSIGNED);
  const { points, discs } = packedLayoutWithDiscs(
    data.tools.map((t) => ({ name: t.name, group: group(t.domainId) })),
    data.edges.map(([a, b]) => [a, b] as const),
  );
  // One domain's view has its name in the page header: a title over its only disc would be noise.
  const titles: ElementDefinition[] = (discs.length > 1 ? discs : []).map((d) => ({
    group: 'nodes',
    // Titles wrap within their disc's width, so neighbouring titles never run into each other.
    data: {
      id: `title:${d.group}`,
      label: d.group === UNASSIGNED ? `unassigned (${d.size})` : `${name.get(d.group)} (${d.size})`,
      domainId: d.group === UNASSIGNED ? null : d.group,
      size: Math.max(24, Math.min(48, d.radius / 6)),
      width: 2 * d.radius + 40,
    },
    position: { x: d.x, y: d.y - d.radius - 6 },
    classes: 'title',
    selectable: false,
    grabbable: false,
  }));
  const nodes: ElementDefinition[] = data.tools.map((t, i) => {
    const g = group(t.domainId);
    return {
      group: 'nodes',
      // Underscores get a break opportunity so long names wrap under the node instead of running into neighbours.
      data: {
        id: t.id,
        name: t.name,
        label: t.name.replace(/_/g, '_\u200b'),
        op: t.op,
        domainId: g === UNASSIGNED ? null : g,
        domain: name.get(g) ?? 'unassigned',
        colour: domainColour(g === UNASSIGNED ? -1 : index.get(g)!),
      },
      position: points[i]!,
      classes: t.op,
    };
  });
  const edges: ElementDefinition[] = data.edges.map(([a, b, w, forward]) => {
    const s = data.tools[a]!.id;
    const tg = data.tools[b]!.id;
    const across = data.tools[a]!.domainId !== data.tools[b]!.domainId;
    return {
      group: 'edges',
      data: { id: `${s}>${tg}`, source: s, target: tg, width: 0.6 + 2.4 * w, forward, sourceName: data.tools[a]!.name, targetName: data.tools[b]!.name },
      classes: across ? 'across' : '',
    };
  });
  return [...titles, ...nodes, ...edges];
}

/** Tool names show from this zoom on (9 model units ≥ 8 px). */
export const NAMES_FROM_ZOOM = 0.9;

/** Shows tool names when zoomed in and hides them when zoomed out; toggles only when the threshold is crossed. */
export function namesOnZoom(cy: Core) {
  let shown: boolean | undefined;
  const update = () => {
    const show = cy.zoom() >= NAMES_FROM_ZOOM;
    if (show === shown) return;
    shown = show;
    cy.batch(() => cy.nodes('[colour]').toggleClass('named', show));
  };
  cy.on('zoom', update);
  update();
}

export const TOOL_GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node[colour]',
    style: {
      'background-color': 'data(colour)',
      width: 14,
      height: 14,
      // Names only once zoomed in enough to read them (class `named`, see NAMES_FROM_ZOOM): the WebGL
      // renderer draws every label whatever its size on screen, and ignores min-zoomed-font-size.
      label: '',
      'font-size': 10,
      color: '#343a40',
      'text-valign': 'bottom',
      'text-margin-y': 2,
      'text-wrap': 'wrap',
      'text-max-width': '64px',
    },
  },
  { selector: 'node.named, node.match, node.active, node:selected', style: { label: 'data(label)' } },
  // Writes as diamonds: the domain page's read/write distinction, without a second colour scale.
  { selector: 'node.write', style: { shape: 'diamond', width: 16, height: 16 } },
  {
    selector: 'node.title',
    style: {
      'background-opacity': 0,
      width: 1,
      height: 1,
      label: 'data(label)',
      'font-size': 'data(size)',
      'font-weight': 'bold',
      'min-zoomed-font-size': 6,
      color: '#212529',
      'text-valign': 'top',
      'text-wrap': 'wrap',
      'text-max-width': 'data(width)',
      events: 'no',
    },
  },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#ced4da', opacity: 0.7, 'curve-style': 'straight' } },
  { selector: 'edge[forward = 1]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#adb5bd', 'arrow-scale': 0.6, 'line-color': '#adb5bd' } },
  // Edges between domains are faint: inside a domain is what its environment will be built from.
  { selector: 'edge.across', style: { opacity: 0.18 } },
  { selector: '.faded', style: { opacity: 0.12 } },
  {
    selector: 'node.match',
    style: {
      'border-width': 3,
      'border-color': '#212529',
      width: 22,
      height: 22,
      'z-index': 10,
      'min-zoomed-font-size': 0,
      'font-weight': 'bold',
      'font-size': 10,
    },
  },
  {
    selector: 'node.active, node:selected',
    style: {
      'border-width': 4,
      'border-color': '#fa5252',
      width: 26,
      height: 26,
      'z-index': 20,
      'min-zoomed-font-size': 0,
      'font-weight': 'bold',
      'font-size': 11,
    },
  },
  { selector: 'edge.near', style: { 'line-color': '#495057', 'target-arrow-color': '#495057', opacity: 0.9, 'z-index': 5 } },
];
