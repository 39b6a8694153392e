'use client';
import type cytoscapeType from 'cytoscape';
import type { Core, ElementDefinition, EventObject, LayoutOptions, NodeSingular, StylesheetJson } from 'cytoscape';
import { useEffect, useRef } from 'react';

export type CytoscapeViewProps = {
  elements: ElementDefinition[];
  style: StylesheetJson;
  layout: LayoutOptions;
  height?: number | string;
  label: string;
  /** For thousands of elements: draw a cached texture while panning and zooming. */
  fast?: boolean;
  onTapNode?: (id: string, additive: boolean) => void;
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

export function CytoscapeView({ elements, style, layout, height = 560, label, fast = false, onTapNode, onSelectionChange, onReady }: CytoscapeViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onTapNode, onSelectionChange, onReady });
  handlers.current = { onTapNode, onSelectionChange, onReady };

  useEffect(() => {
    let cancelled = false;
    void loadCytoscape().then((cytoscape) => {
      if (cancelled || !container.current) return;
      const cy = cytoscape({
        container: container.current,
        elements,
        style,
        layout,
        wheelSensitivity: 0.3,
        minZoom: 0.05,
        maxZoom: 1.5,
        boxSelectionEnabled: true,
        textureOnViewport: fast,
        hideEdgesOnViewport: fast,
        selectionType: 'additive',
      });
      cy.on('tap', 'node', (e: EventObject) => {
        const ev = e.originalEvent as MouseEvent | undefined;
        handlers.current.onTapNode?.(e.target.id(), Boolean(ev?.shiftKey || ev?.ctrlKey || ev?.metaKey));
      });
      cy.on('select unselect', 'node', () => handlers.current.onSelectionChange?.(cy.$('node:selected').map((n: NodeSingular) => n.id())));
      cyRef.current = cy;
      handlers.current.onReady?.(cy);
    });
    return () => {
      cancelled = true;
      cyRef.current?.destroy();
      cyRef.current = null;
    };
    // The instance is rebuilt when the graph itself changes; style and layout objects are constant per view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [elements]);

  return <div ref={container} role="img" aria-label={label} data-testid="cytoscape" style={{ height, width: '100%', border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, background: 'var(--mantine-color-body)' }} />;
}
