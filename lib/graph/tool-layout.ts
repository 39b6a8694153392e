/**
 * Where each tool goes on the Graph page, computed from the data alone: the same build gives the
 * same picture on every visit, and 5,000 tools are placed in milliseconds (a force layout takes
 * tens of seconds there). Each domain is a disc of its tools (a sunflower spiral, neighbours along
 * the build's edges next to each other); discs are packed in rows, largest first, so a domain reads
 * as one coloured patch and the page's aspect is filled.
 */
export type LayoutTool = { name: string; group: string };
export type Point = { x: number; y: number };

/** Distance between neighbouring tools in a disc, in model units (a node is 16 wide). */
export const SPACING = 40;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Gap between discs, so a domain stays a patch of its own. */
const GAP = 60;

/** A domain's disc: where to put its title. */
export type Disc = { group: string; x: number; y: number; radius: number; size: number };

export function packedLayout(tools: LayoutTool[], edges: Array<readonly [number, number]>, opts: { aspect?: number } = {}): Point[] {
  return packedLayoutWithDiscs(tools, edges, opts).points;
}

export function packedLayoutWithDiscs(
  tools: LayoutTool[],
  edges: Array<readonly [number, number]>,
  opts: { aspect?: number } = {},
): { points: Point[]; discs: Disc[] } {
  const aspect = opts.aspect ?? 1.4;
  const groups = new Map<string, number[]>();
  tools.forEach((t, i) => {
    const g = groups.get(t.group);
    if (g) g.push(i);
    else groups.set(t.group, [i]);
  });
  const adjacency = tools.map(() => [] as number[]);
  for (const [a, b] of edges) {
    if (a === b || tools[a]?.group !== tools[b]?.group) continue;
    adjacency[a]!.push(b);
    adjacency[b]!.push(a);
  }
  const discs = [...groups.entries()]
    .map(([group, members]) => ({ group, members: order(members, tools, adjacency), radius: SPACING * Math.sqrt(members.length) + SPACING / 2 }))
    .sort((a, b) => b.members.length - a.members.length || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));

  // Rows of discs, largest first; of the row widths tried, the one whose picture fits the view's
  // aspect at the largest scale (so five discs become 3 + 2, not a tall column of pairs).
  const widths = discs.map((d) => 2 * d.radius + GAP);
  let best = { scale: -1, rowWidth: 0 };
  const candidates = new Set<number>();
  for (let k = 1, x = 0; k <= discs.length; k++) candidates.add((x += widths[k - 1]!));
  for (const rowWidth of candidates) {
    const { w, h } = rows(widths, rowWidth);
    const scale = Math.min(aspect / w, 1 / h);
    if (scale > best.scale) best = { scale, rowWidth };
  }
  const out: Point[] = tools.map(() => ({ x: 0, y: 0 }));
  const placed: Disc[] = [];
  let y = 0;
  for (const row of rows(widths, best.rowWidth).rows) {
    let x = 0;
    for (const k of row.items) {
      const d = discs[k]!;
      const cx = x + widths[k]! / 2;
      const cy = y + row.height / 2;
      place(d.members, cx, cy, out);
      placed.push({ group: d.group, x: round(cx), y: round(cy), radius: round(d.radius), size: d.members.length });
      x += widths[k]!;
    }
    y += row.height;
  }
  return { points: out, discs: placed };
}

/** Shelf packing: discs left to right until the row is full; the bounding box and the rows. */
function rows(widths: number[], rowWidth: number) {
  const out: Array<{ items: number[]; height: number }> = [];
  let cur = { items: [] as number[], height: 0 };
  let x = 0;
  let w = 0;
  widths.forEach((dw, k) => {
    if (x > 0 && x + dw > rowWidth + 1e-6) {
      out.push(cur);
      cur = { items: [], height: 0 };
      x = 0;
    }
    cur.items.push(k);
    cur.height = Math.max(cur.height, dw);
    x += dw;
    w = Math.max(w, x);
  });
  if (cur.items.length) out.push(cur);
  return { rows: out, w, h: out.reduce((s, r) => s + r.height, 0) };
}

/** A sunflower spiral: even density, the first members in the middle. */
function place(members: number[], cx: number, cy: number, out: Point[]) {
  members.forEach((m, k) => {
    const r = SPACING * Math.sqrt(k + (members.length > 1 ? 0.5 : 0));
    out[m] = { x: round(cx + r * Math.cos(k * GOLDEN_ANGLE)), y: round(cy + r * Math.sin(k * GOLDEN_ANGLE)) };
  });
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Members in breadth-first order from the best connected one, so tools joined by edges sit on
 * neighbouring turns of the spiral; ties (and the unconnected rest) by name.
 */
function order(members: number[], tools: LayoutTool[], adjacency: number[][]): number[] {
  const byRank = [...members].sort((a, b) => adjacency[b]!.length - adjacency[a]!.length || cmp(tools[a]!.name, tools[b]!.name) || a - b);
  const seen = new Set<number>();
  const out: number[] = [];
  for (const start of byRank) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      const cur = queue[q]!;
      out.push(cur);
      const next = adjacency[cur]!.filter((n) => !seen.has(n)).sort(
        (a, b) => adjacency[b]!.length - adjacency[a]!.length || cmp(tools[a]!.name, tools[b]!.name) || a - b,
      );
      for (const n of next) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
