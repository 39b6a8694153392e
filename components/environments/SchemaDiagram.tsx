'use client';
import { ActionIcon, Stack, Tooltip } from '@mantine/core';
import { IconFocusCentered, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import type cytoscapeType from 'cytoscape';
import type { Core, EventObject, StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EnvironmentSchema } from '@/server/pipeline/environment/model';
import { FONT_SIZE, schemaToElements } from './schema-diagram';

const PADDING = 24;
/** A small schema is not blown up past this when fitted: two tables stay table-sized. */
const MAX_FIT_ZOOM = 1.2;

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 'data(w)',
      height: 'data(h)',
      'background-color': '#f8f9ff',
      'border-width': 1.5,
      'border-color': '#4c6ef5',
      label: 'data(label)',
      'font-family': 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
      'font-size': FONT_SIZE,
      color: '#212529',
      'text-wrap': 'wrap',
      'text-max-width': '1000px',
      'text-valign': 'center',
      'text-halign': 'center',
      'text-justification': 'left',
    },
  },
  { selector: 'node.missing', style: { 'border-style': 'dashed', 'border-color': '#f08c00' } },
  { selector: 'node.hover', style: { 'border-width': 3, 'background-color': '#edf2ff' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'control-point-step-size': 36,
      'line-color': '#adb5bd',
      'target-arrow-color': '#adb5bd',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 1.1,
      label: 'data(label)',
      'font-family': 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
      'font-size': FONT_SIZE - 1,
      color: '#495057',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      // Many references fitted in view: their names come back when zoomed in enough to read them.
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'edge.self', style: { 'loop-direction': '45deg', 'loop-sweep': '-50deg', 'control-point-step-size': 60 } },
  { selector: 'edge.near', style: { 'line-color': '#4c6ef5', 'target-arrow-color': '#4c6ef5', color: '#364fc7', width: 2.5, 'z-index': 10 } },
];

/** Cytoscape touches `window` on import: loaded on the client only, once. */
let loaded: Promise<typeof cytoscapeType> | null = null;
const loadCytoscape = () => (loaded ??= import('cytoscape').then((m) => m.default as typeof cytoscapeType));

/** Fits the whole schema in view, without zooming a small one past table size. */
function fit(cy: Core) {
  cy.fit(undefined, PADDING);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
}

/**
 * The schema drawn: tables with their key and references, references as arrows from the column's
 * table to the table it names. Clicking a table opens its rows; wheel or the buttons zoom, and the
 * view refits when its box changes size. Always the same picture for the same schema (see
 * schema-diagram.ts), and nodes cannot be dragged, so a click is never taken for a drag.
 */
export function SchemaDiagram({ schema, onOpenTable, height }: { schema: EnvironmentSchema; onOpenTable: (table: string) => void; height: number }) {
  const container = useRef<HTMLDivElement>(null);
  // The picture is wrapped to the view's shape; in steps, so a small resize only refits it.
  const [aspect, setAspect] = useState<number | null>(null);
  useEffect(() => {
    const box = container.current;
    if (!box) return;
    const observer = new ResizeObserver(() => {
      if (box.clientWidth > 0 && box.clientHeight > 0) setAspect(Math.round((box.clientWidth / box.clientHeight) * 5) / 5);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  const elements = useMemo(() => (aspect === null ? null : schemaToElements(schema, { aspect })), [schema, aspect]);
  const cyRef = useRef<Core | null>(null);
  const open = useRef(onOpenTable);
  // eslint-disable-next-line react-hooks/refs -- latest-callback ref: written on render, read only by Cytoscape event handlers
  open.current = onOpenTable;

  useEffect(() => {
    if (!elements) return;
    const shown = container.current;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void loadCytoscape().then((cytoscape) => {
      const box = container.current;
      if (cancelled || !box) return;
      const cy = cytoscape({
        container: box,
        elements,
        style: STYLE,
        layout: { name: 'preset', fit: false },
        minZoom: 0.08,
        maxZoom: 3,
        wheelSensitivity: 0.3,
        autoungrabify: true,
        autounselectify: true,
        boxSelectionEnabled: false,
      });
      fit(cy);
      cy.on('tap', 'node', (e: EventObject) => open.current(e.target.id()));
      cy.on('mouseover', 'node', (e: EventObject) => {
        e.target.addClass('hover');
        e.target.connectedEdges().addClass('near');
        box.style.cursor = 'pointer';
      });
      cy.on('mouseout', 'node', (e: EventObject) => {
        e.target.removeClass('hover');
        e.target.connectedEdges().removeClass('near');
        box.style.cursor = '';
      });
      observer = new ResizeObserver(() => {
        cy.resize();
        fit(cy);
      });
      observer.observe(box);
      cyRef.current = cy;
      box.dataset.ready = 'true';
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      if (shown) delete shown.dataset.ready;
      cyRef.current?.destroy();
      cyRef.current = null;
    };
  }, [elements]);

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const tables = schema.tables.length;
  const references = schema.tables.reduce((n, t) => n + t.references.length, 0);

  return (
    <div style={{ position: 'relative' }}>
      <div
        ref={container}
        role="img"
        aria-label={`Diagram of ${tables} tables and ${references} references between them; the tables are also listed as buttons below it`}
        data-testid="schema-diagram"
        style={{ height, width: '100%', border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, background: 'var(--mantine-color-body)' }}
      />
      {/* Bottom right, like a map's: the layout is centred, so a corner is where tables are least often. */}
      <Stack gap={4} style={{ position: 'absolute', bottom: 8, right: 8 }}>
        <Tooltip label="Zoom in" position="left">
          <ActionIcon variant="default" aria-label="Zoom in" onClick={() => zoomBy(1.25)}>
            <IconZoomIn size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Zoom out" position="left">
          <ActionIcon variant="default" aria-label="Zoom out" onClick={() => zoomBy(0.8)}>
            <IconZoomOut size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Fit the whole schema" position="left">
          <ActionIcon variant="default" aria-label="Fit the whole schema" onClick={() => cyRef.current && fit(cyRef.current)}>
            <IconFocusCentered size={16} />
          </ActionIcon>
        </Tooltip>
      </Stack>
    </div>
  );
}
