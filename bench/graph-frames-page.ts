/**
 * The page bench/graph-frames.ts opens: the Graph page's tool graph (same elements, style, layout
 * and renderer options as components/graph) over a synthetic build, with the instance on `window`
 * for the bench to pan and zoom. Bundled by esbuild; no studio server needed.
 */
import cytoscape from 'cytoscape';
import { namesOnZoom, TOOL_GRAPH_STYLE, toolGraphElements, type ToolGraphData } from '../components/graph/tool-graph-elements';
import { rendererOptions } from '../components/graph/renderer-options';

declare global {
  interface Window {
    benchCy: cytoscape.Core;
    benchInfo: { tools: number; edges: number; webgl: boolean; setupMs: number };
    benchPanZoom: (seconds: number) => Promise<number[]>;
    benchRecord: () => () => number[];
  }
}

const params = new URLSearchParams(location.search);
const tools = Number(params.get('tools') ?? 5000);
const webgl = params.get('renderer') !== 'canvas';
const perDomain = 25;
// Parcels and trains: made-up tools in domains of 25, ~5 edges per tool, one in five across domains.
const data: ToolGraphData = { tools: [], edges: [] };
for (let i = 0; i < tools; i++)
  data.tools.push({ id: `t${i}`, name: `${i % 2 ? 'track' : 'send'}_parcel_${i}`, op: i % 3 ? 'read' : 'write', domainId: `d${Math.floor(i / perDomain)}` });
let seed = 7;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
for (let i = 0; i < tools; i++) {
  for (let k = 0; k < 5; k++) {
    const base = Math.floor(i / perDomain) * perDomain;
    const j = k === 4 ? Math.floor(rnd() * tools) : base + Math.floor(rnd() * perDomain);
    if (j !== i && j < tools) data.edges.push([i, j, 0.3 + 0.7 * rnd(), k % 2 ? 1 : 0]);
  }
}
const domains = Array.from({ length: Math.ceil(tools / perDomain) }, (_, d) => ({ id: `d${d}`, name: `parcels · depots · routes ${d}` }));
const t0 = performance.now();
const cy = cytoscape({
  container: document.getElementById('cy'),
  elements: toolGraphElements(data, domains),
  // ?labels=0 leaves names out: to tell the cost of label textures from the rest.
  style: params.get('labels') === '0' ? [...TOOL_GRAPH_STYLE, { selector: 'node', style: { label: '' } }] : TOOL_GRAPH_STYLE,
  layout: { name: 'preset', fit: true, padding: 24 },
  minZoom: 0.05,
  maxZoom: 3,
  ...rendererOptions({ webgl, fast: tools > 2000 }),
});
namesOnZoom(cy);
window.benchCy = cy;
window.benchInfo = { tools, edges: data.edges.length, webgl, setupMs: performance.now() - t0 };

/** After a second to settle, zoom in and out around the centre while panning, once per animation frame; answers the frame intervals. */
window.benchPanZoom = (seconds) =>
  new Promise((resolve) => {
    setTimeout(() => {
      const z0 = cy.zoom();
      const centre = { x: cy.width() / 2, y: cy.height() / 2 };
      const frames: number[] = [];
      let last = performance.now();
      const end = last + seconds * 1000;
      let i = 0;
      const step = (now: number) => {
        frames.push(now - last);
        last = now;
        const t = i++ / 40;
        // From the whole graph to 5x closer and back: labels come and go, as when a person explores.
        if (params.get('motion') !== 'pan') cy.zoom({ level: z0 * (1 + 2 * (1 - Math.cos(t))), renderedPosition: centre });
        cy.panBy({ x: 6 * Math.cos(t / 3), y: 4 * Math.sin(t / 3) });
        if (now < end) requestAnimationFrame(step);
        else resolve(frames.slice(2));
      };
      requestAnimationFrame(step);
    }, 1000);
  });

/** Records frame intervals until the returned function is called (for pans and zooms by mouse, driven from outside). */
window.benchRecord = () => {
  const frames: number[] = [];
  let last = performance.now();
  let on = true;
  const step = (now: number) => {
    frames.push(now - last);
    last = now;
    if (on) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
  return () => {
    on = false;
    return frames.slice(1);
  };
};
