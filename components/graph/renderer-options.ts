import type { CytoscapeOptions } from 'cytoscape';

/**
 * Renderer options for a graph view, shared with bench/graph-frames.ts so the bench measures what
 * the page draws. WebGL (Cytoscape 3.31+, `renderer: {name: 'canvas', webgl: true}`) draws nodes,
 * edges, arrows and labels from texture atlases on the GPU; without WebGL 2 the canvas renderer,
 * with a cached texture while panning (`fast`) for thousands of elements.
 */
export function rendererOptions({ webgl, fast }: { webgl: boolean; fast: boolean }): Partial<CytoscapeOptions> {
  if (webgl) return { renderer: { name: 'canvas', webgl: true, webglTexSize: 4096, webglBatchSize: 4096 } } as Partial<CytoscapeOptions>;
  return { textureOnViewport: fast, hideEdgesOnViewport: fast };
}
