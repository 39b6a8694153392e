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
import { seededRandom, shuffle } from '../kernel/random';

/** As the studio loads them: each tool with the document it was read from. */
const asGraphTools = (tools: Tool[]): GraphTool[] =>
  tools.map((t, i) => ({
    id: `${i}`,
    name: t.name,
    description: t.description,
    op: t.op,
    parameters: t.parameters,
    returns: t.returns,
    origin: t.source.file,
  }));

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
    const truth = tools.map((t) => t.source.file);

    // Each RapidAPI tool is a file here, so the documents rule (documents.ts) sees the very label
    // measured: the domains must score without it too.
    for (const documents of [true, false]) {
      const result = buildGraph(asGraphTools(tools), graphParams.parse({ documents }));
      const found = labels(result, tools.length);
      expect(normalizedMutualInformation(found, truth), `documents ${documents}`).toBeGreaterThanOrEqual(0.85);

      // NMI alone is generous here: most RapidAPI tools have one to three functions, so leaving every
      // tool unassigned already scores 0.88. The domains must hold nearly every tool, and a pair of
      // tools in one domain must share its RapidAPI tool far more often than chance (under 1%).
      expect(result.unassigned.length).toBeLessThan(tools.length * 0.05);
      expect(pairPrecision(found, truth)).toBeGreaterThan(0.25);
    }
  });

  it('τ-bench: each API a domain of its own, its utilities included, whatever order the tools load in', () => {
    const { tools } = read(['retail', 'airline'].map((d) => sharedData('taubench', d, 'tools.json')));
    const api = (id: string) => path.basename(path.dirname(tools[Number(id)]!.source.file));
    // The studio loads tools in the order of their database ids, random per import: Louvain's
    // visiting order changes with it, and the domains must not.
    const graphTools = asGraphTools(tools);
    const random = seededRandom(5);
    const orders = [graphTools, [...graphTools].reverse(), ...[1, 2, 3, 4, 5, 6].map(() => shuffle(graphTools, random))];

    for (const [k, order] of orders.entries()) {
      const result = buildGraph(order, graphParams.parse({}));
      for (const name of ['retail', 'airline']) {
        const mine = tools.filter((t) => t.source.file.includes(`/${name}/`)).length;
        const own = result.domains.filter((d) => d.toolIds.every((id) => api(id) === name));
        const largest = Math.max(0, ...own.map((d) => d.toolIds.length));
        expect(largest / mine, `${name}, order ${k}`).toBeGreaterThanOrEqual(0.85);
        expect(result.unassigned.filter((id) => api(id) === name).length, `${name}, order ${k}`).toBeLessThanOrEqual(1);
      }
      // A domain is an environment whose tools are called by name: never two of one name.
      for (const d of result.domains) {
        const names = d.toolIds.map((id) => tools[Number(id)]!.name);
        expect(new Set(names).size, `${d.name}, order ${k}`).toBe(names.length);
      }
    }
  });

  it('τ-bench: retail and airline tools built together never share a domain', () => {
    const { tools } = read(['retail', 'airline'].map((d) => sharedData('taubench', d, 'tools.json')));
    const result = buildGraph(asGraphTools(tools), graphParams.parse({}));
    const collection = (id: string) => path.basename(path.dirname(tools[Number(id)]!.source.file));

    expect(result.domains.length).toBeGreaterThan(1);
    for (const d of result.domains) expect(new Set(d.toolIds.map(collection)).size, d.name).toBe(1);
  });
});

/** Of the pairs of items one labelling puts together, the share the other puts together too. */
function pairPrecision(found: string[], truth: string[]): number {
  let together = 0;
  let right = 0;
  for (let i = 0; i < found.length; i++) {
    for (let j = i + 1; j < found.length; j++) {
      if (found[i] !== found[j] || found[i]!.startsWith('unassigned')) continue;
      together++;
      if (truth[i] === truth[j]) right++;
    }
  }
  return together ? right / together : 0;
}
