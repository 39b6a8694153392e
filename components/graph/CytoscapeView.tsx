'use client';
import type cytoscapeType from 'cytoscape';
import type { Core, ElementDefinition, EventObject, LayoutOptions, NodeSingular, StylesheetJson } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { withSeededRandom } from '@/lib/graph/seeded';
import { rendererOptions } from './renderer-options';

/** What the pointer is over, for a tooltip: the element's data and where it is in the view. */
export type Hovered = { kind: 'node' | 'edge'; id: string; data: Record<string, unknown>; x: number; y: number };

export type CytoscapeViewProps = {
  elements: ElementDefinition[];
  style: StylesheetJson;
  layout: LayoutOptions;
  height?: number | string;
  label: string;
  /** For thousands of elements: draw a cached texture while panning and zooming. */
  fast?: boolean;
  /**
   * Draw with Cytoscape's WebGL renderer (3.31+) when the browser has WebGL 2 on a GPU: thousands of
   * nodes pan and zoom at display rate. Otherwise the canvas one (see gpuWebgl).
   */
  webgl?: boolean;
  /** Runs the layout with this seed for Math.random: the same elements give the same picture every visit. */
  seed?: number;
  maxZoom?: number;
  onTapNode?: (id: string, additive: boolean) => void;
  onTapBackground?: () => void;
  onHover?: (hovered: Hovered | null) => void;
  onSelectionChange?: (ids: string[]) => void;
  /** Gives the parent the instance (to fit, highlight, select from outside). */
  onReady?: (cy: Core) => void;
};

let registered: Promise<typeof cytoscapeType> | null = null;

/** Cytoscape and fcose are loaded on the client only, once: they touch `window` on import. */
function loadCytoscape() {
  registered ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(([cy, fcose]) => {
    const cytoscape = cy.default as typeof cytoscapeType;
    cytoscape.use(fcose.default);
    return cytoscape;
  });
  return registered;
}

let gpu: boolean | undefined;
/**
 * WebGL 2 on a real GPU. On software GL (SwiftShader, llvmpipe: headless browsers, machines without
 * a GPU) Cytoscape's WebGL renderer is slower than its canvas one, measured by bench/graph-frames.ts
 * (5,000 tools: 0.7-1.7 fps against 18 fps when dragging), so the canvas renderer is used there.
 * `?renderer=webgl` or `?renderer=canvas` in the page's URL overrides the choice.
 */
function gpuWebgl() {
  if (typeof document === 'undefined') return false;
  const forced = new URLSearchParams(location.search).get('renderer');
  if (forced === 'webgl' || forced === 'canvas') return forced === 'webgl';
  if (gpu === undefined) {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const name = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gpu = Boolean(gl) && !/swiftshader|llvmpipe|softpipe|software/i.test(name);
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return gpu;
}

export function CytoscapeView({
  elements,
  style,
  layout,
  height = 560,
  label,
  fast = false,
  webgl = false,
  seed = 1,
  maxZoom = 1.5,
  onTapNode,
  onTapBackground,
  onHover,
  onSelectionChange,
  onReady,
}: CytoscapeViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onTapNode, onTapBackground, onHover, onSelectionChange, onReady });
  // eslint-disable-next-line react-hooks/refs -- latest-callbacks ref: written on render, read only by Cytoscape event handlers
  handlers.current = { onTapNode, onTapBackground, onHover, onSelectionChange, onReady };

  useEffect(() => {
    const box = container.current;
    let cancelled = false;
    void loadCytoscape().then((cytoscape) => {
      if (cancelled || !container.current) return;
      const cy = cytoscape({
        container: container.current,
        elements,
        style,
        // The layout runs below, seeded.
        layout: { name: 'preset', fit: false },
        ...rendererOptions({ webgl: webgl && gpuWebgl(), fast }),
        wheelSensitivity: 0.3,
        minZoom: 0.05,
        maxZoom,
        boxSelectionEnabled: true,
        selectionType: 'additive',
      });
      cy.on('tap', 'node', (e: EventObject) => {
        const ev = e.originalEvent as MouseEvent | undefined;
        handlers.current.onTapNode?.(e.target.id(), Boolean(ev?.shiftKey || ev?.ctrlKey || ev?.metaKey));
      });
      cy.on('tap', (e: EventObject) => {
        if (e.target === cy) handlers.current.onTapBackground?.();
      });
      cy.on('mouseover', 'node, edge', (e: EventObject) => {
        const p = e.renderedPosition ?? { x: 0, y: 0 };
        handlers.current.onHover?.({ kind: e.target.isNode() ? 'node' : 'edge', id: e.target.id(), data: e.target.data(), x: p.x, y: p.y });
      });
      cy.on('mouseout', 'node, edge', () => handlers.current.onHover?.(null));
      cy.on('viewport', () => handlers.current.onHover?.(null));
      withSeededRandom(seed, () => cy.layout(layout).run());
      cy.on('select unselect', 'node', () => handlers.current.onSelectionChange?.(cy.$('node:selected').map((n: NodeSingular) => n.id())));
      cyRef.current = cy;
      handlers.current.onReady?.(cy);
      // Tests and screenshots wait for this: the first frame is on screen (Cytoscape draws on the
      // animation frame after a change; the WebGL renderer emits no 'render' event).
      requestAnimationFrame(() => requestAnimationFrame(() => container.current?.setAttribute('data-drawn', 'true')));
    });
    return () => {
      cancelled = true;
      box?.removeAttribute('data-drawn');
      cyRef.current?.destroy();
      cyRef.current = null;
    };
    // The instance is rebuilt when the graph itself changes; style and layout objects are constant per view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [elements]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      data-testid="cytoscape"
      style={{ height, width: '100%', border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, background: 'var(--mantine-color-body)' }}
    />
  );
}
