import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportArgument } from '../../cli/files';
import { sharedData } from '../../testing/shared-data';
import { importDocuments } from '../tools/import';
import type { Tool } from '../tools/model';
import { buildGraph } from './build';
import { graphParams, type GraphResult, type GraphTool } from './model';
import { normalizedMutualInformation } from './nmi';

const asGraphTools = (tools: Tool[]): GraphTool[] =>
  tools.map((t, i) => ({ id: `${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));

const read = (files: string[]) => importDocuments(files.map((file) => ({ file, bytes: fs.readFileSync(file) })));

/** Each tool's domain key, or a cluster of its own when unassigned. */
function labels(result: GraphResult, count: number): string[] {
  const domainOf = new Map<string, string>();
  for (const d of result.domains) for (const id of d.toolIds) domainOf.set(id, d.key);
  return Array.from({ length: count }, (_, i) => domainOf.get(`${i}`) ?? `unassigned ${i}`);
}

describe('the graph on real collections', () => {
  it('ToolBench: domains follow the RapidAPI tools the functions belong to', () => {
    // The folder as one collection, read the way `cli import <folder>` reads it.
    const { tools } = importDocuments(readImportArgument(sharedData('toolbench')));
    expect(tools.length).toBeGreaterThan(800);

    const result = buildGraph(asGraphTools(tools), graphParams.parse({}));
    const truth = tools.map((t) => t.source.file);
    const found = labels(result, tools.length);
    const nmi = normalizedMutualInformation(found, truth);
    expect(nmi).toBeGreaterThanOrEqual(0.8);

    // NMI alone is generous here: most RapidAPI tools have one to three functions, so leaving every
    // tool unassigned already scores high. The domains must do better than that, and hold most tools.
    const allAlone = normalizedMutualInformation(
      tools.map((_, i) => i),
      truth,
    );
    expect(nmi).toBeGreaterThan(allAlone);
    expect(result.unassigned.length).toBeLessThan(tools.length / 3);
  });

  it('τ-bench: retail and airline tools built together never share a domain', () => {
    const { tools } = read(['retail', 'airline'].map((d) => sharedData('taubench', d, 'tools.json')));
    const result = buildGraph(asGraphTools(tools), graphParams.parse({}));
    const collection = (id: string) => path.basename(path.dirname(tools[Number(id)]!.source.file));

    expect(result.domains.length).toBeGreaterThan(1);
    for (const d of result.domains) expect(new Set(d.toolIds.map(collection)).size, d.name).toBe(1);
  });
});
