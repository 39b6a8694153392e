import type { ElementDefinition } from 'cytoscape';
import type { EnvironmentSchema } from '@/server/pipeline/environment/model';

/**
 * The schema as Cytoscape elements: one node per table (its name, key and references as a
 * multi-line label), one edge per reference (the table holding the column → the table it names),
 * and a position for every node. The positions come from a small layered layout done here rather
 * than by a force layout: the same schema always gives the same picture, and it is testable
 * without a browser.
 */

/** Text metrics of the node label (monospace, so a line's width is its length). */
export const FONT_SIZE = 11;
const CHAR_WIDTH = FONT_SIZE * 0.61;
const LINE_HEIGHT = Math.round(FONT_SIZE * 1.4);
const PAD_X = 12;
const PAD_Y = 9;
const MIN_WIDTH = 96;
/** A label line longer than this is cut with an ellipsis (the full name is in the list view). */
const MAX_CHARS = 44;
/** References listed in a node before "+N more": a hub table stays a readable size. */
const MAX_REF_LINES = 6;
/** Horizontal and vertical gaps between nodes; the vertical one leaves room for edge labels. */
const GAP_X = 36;
const GAP_Y = 70;
/**
 * A layer wider than the row width wraps onto more rows. The width is the one of these that lets
 * the whole picture be drawn largest in a view of the given shape.
 */
const ROW_WIDTHS = Array.from({ length: 30 }, (_, i) => 400 + i * 200);

export type TableNodeData = { id: string; label: string; w: number; h: number; table: string; missing: string[] };
export type ReferenceEdgeData = { id: string; source: string; target: string; label: string };

const cut = (s: string) => (s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s);

/**
 * The node's label lines: name, a rule under it (a label has one font, so the rule is what sets the
 * name apart), key, references (column → table), and how many other columns.
 */
export function tableLabel(table: EnvironmentSchema['tables'][number], known: ReadonlySet<string>): string[] {
  const refs = table.references.map((r) => `FK ${r.column} → ${r.table}${known.has(r.table) ? '' : ' (missing)'}`);
  const shown = refs.length > MAX_REF_LINES ? [...refs.slice(0, MAX_REF_LINES - 1), `+${refs.length - (MAX_REF_LINES - 1)} more references`] : refs;
  const named = new Set([table.primaryKey, ...table.references.map((r) => r.column)]);
  const others = Object.keys(table.columns).filter((c) => !named.has(c)).length;
  const body = [`PK ${table.primaryKey}`, ...shown, ...(others > 0 ? [`+${others} other column${others === 1 ? '' : 's'}`] : [])].map(cut);
  const name = cut(table.name);
  return [name, '─'.repeat(Math.max(name.length, ...body.map((l) => l.length))), ...body];
}

/**
 * Layers by reference depth: a table that references nothing is at depth 0, one that references
 * it at depth 1, and so on (a cycle is broken where the walk meets it again). The deepest tables
 * go on top, so references point downwards.
 */
function depths(names: string[], out: Map<string, string[]>): Map<string, number> {
  const depth = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (n: string): number => {
    const known = depth.get(n);
    if (known !== undefined) return known;
    if (onStack.has(n)) return -1;
    onStack.add(n);
    let d = 0;
    for (const m of out.get(n) ?? []) d = Math.max(d, visit(m) + 1);
    onStack.delete(n);
    depth.set(n, d);
    return d;
  };
  for (const n of names) visit(n);
  return depth;
}

/** Splits a row of node widths into rows no wider than `max` (at least one node each). */
function wrap<T extends { w: number }>(nodes: T[], max: number): T[][] {
  const rows: T[][] = [];
  let row: T[] = [];
  let width = 0;
  for (const n of nodes) {
    if (row.length > 0 && width + GAP_X + n.w > max) {
      rows.push(row);
      row = [];
      width = 0;
    }
    width += (row.length > 0 ? GAP_X : 0) + n.w;
    row.push(n);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/**
 * `aspect` is the view's width over its height: the picture is wrapped to fill a view of that shape
 * (the default is a landscape box like the diagram's).
 */
export function schemaToElements(schema: EnvironmentSchema, { aspect = 1.4 }: { aspect?: number } = {}): ElementDefinition[] {
  // A name given twice keeps its first table: the rest could not be told apart in the picture.
  const tables = schema.tables.filter((t, i) => schema.tables.findIndex((u) => u.name === t.name) === i);
  const known = new Set(tables.map((t) => t.name));

  const nodes: TableNodeData[] = tables.map((t) => {
    const lines = tableLabel(t, known);
    const chars = Math.max(...lines.map((l) => l.length));
    return {
      id: t.name,
      table: t.name,
      label: lines.join('\n'),
      w: Math.max(MIN_WIDTH, Math.ceil(PAD_X * 2 + chars * CHAR_WIDTH)),
      h: PAD_Y * 2 + lines.length * LINE_HEIGHT,
      missing: t.references.filter((r) => !known.has(r.table)).map((r) => r.table),
    };
  });
  const edges: ReferenceEdgeData[] = tables.flatMap((t) =>
    t.references.filter((r) => known.has(r.table)).map((r) => ({ id: `${t.name}.${r.column}->${r.table}`, source: t.name, target: r.table, label: r.column })),
  );

  // Links between different tables decide the layers; a table linked to none goes in a block below.
  const out = new Map<string, string[]>();
  const linked = new Set<string>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    linked.add(e.source).add(e.target);
  }
  const names = nodes.map((n) => n.id);
  const depth = depths(
    names.filter((n) => linked.has(n)),
    out,
  );

  // The row width whose picture fits the view at the largest zoom; the narrowest of equals.
  let best: { positions: Map<string, { x: number; y: number }>; zoom: number } | null = null;
  for (const rowWidth of ROW_WIDTHS) {
    const laid = layOut(nodes, edges, names, depth, linked, rowWidth);
    const zoom = Math.min(aspect / laid.width, 1 / laid.height);
    if (!best || zoom > best.zoom * 1.001) best = { positions: laid.positions, zoom };
  }
  const positions = best?.positions ?? new Map<string, { x: number; y: number }>();

  return [
    ...nodes.map((n) => ({ group: 'nodes' as const, data: n, position: positions.get(n.id)!, classes: n.missing.length ? 'missing' : undefined })),
    ...edges.map((e) => ({ group: 'edges' as const, data: e, classes: e.source === e.target ? 'self' : undefined })),
  ];
}

/** Node centres for one row width, and the size of the whole picture. */
function layOut(nodes: TableNodeData[], edges: ReferenceEdgeData[], names: string[], depth: Map<string, number>, linked: Set<string>, rowWidth: number) {
  const maxDepth = Math.max(0, ...depth.values());
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Layers from the top (deepest) down; within a layer, tables sit under the ones that reference
  // them (mean position of those above), ties and the top layer by name.
  const placedX = new Map<string, number>();
  const rows: TableNodeData[][] = [];
  const layerOrder = (layer: TableNodeData[]) => {
    const sortKey = (n: TableNodeData) => {
      const above = edges.filter((e) => e.target === n.id && placedX.has(e.source)).map((e) => placedX.get(e.source)!);
      return above.length ? above.reduce((a, b) => a + b, 0) / above.length : Number.POSITIVE_INFINITY;
    };
    const keyed = layer.map((n) => ({ n, k: sortKey(n) }));
    keyed.sort((a, b) => a.k - b.k || (a.n.id < b.n.id ? -1 : a.n.id > b.n.id ? 1 : 0));
    return keyed.map((x) => x.n);
  };
  for (let d = maxDepth; d >= 0; d--) {
    const layer = layerOrder(names.filter((n) => depth.get(n) === d).map((n) => byId.get(n)!));
    for (const row of wrap(layer, rowWidth)) {
      rows.push(row);
      row.forEach((n, i) => placedX.set(n.id, i - (row.length - 1) / 2));
    }
  }
  const loneRows = wrap(
    nodes.filter((n) => !linked.has(n.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    rowWidth,
  );

  const positions = new Map<string, { x: number; y: number }>();
  let y = 0;
  let width = 0;
  const placeRows = (list: TableNodeData[][], gap: number) => {
    for (const row of list) {
      const rowHeight = Math.max(...row.map((n) => n.h));
      const used = row.reduce((s, n) => s + n.w, 0) + GAP_X * (row.length - 1);
      width = Math.max(width, used);
      let x = -used / 2;
      for (const n of row) {
        positions.set(n.id, { x: Math.round(x + n.w / 2), y: Math.round(y + rowHeight / 2) });
        x += n.w + GAP_X;
      }
      y += rowHeight + gap;
    }
  };
  placeRows(rows, GAP_Y);
  // Unlinked tables sit closer together (no edge labels run between them), a little apart from the rest.
  if (rows.length > 0 && loneRows.length > 0) y += GAP_Y / 2;
  placeRows(loneRows, GAP_X);
  return { positions, width: Math.max(1, width), height: Math.max(1, y) };
}
