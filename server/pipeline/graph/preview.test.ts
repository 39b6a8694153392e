import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import { importDocuments } from '../tools/import';
import { buildGraph } from './build';
import { graphParams, type GraphTool } from './model';
import { previewBase, previewCounts } from './preview';

describe('previewCounts', () => {
  const files = ['retail', 'airline'].map((d) => sharedData('taubench', d, 'tools.json'));
  const { tools } = importDocuments(files.map((file) => ({ file, bytes: fs.readFileSync(file) })));
  const graphTools: GraphTool[] = tools.map((t, i) => ({
    id: `t${i}`,
    name: t.name,
    description: t.description,
    op: t.op,
    parameters: t.parameters,
    returns: t.returns,
    origin: t.source.file,
  }));

  it('counts the domains a build with the same settings finds, from one similarity pass for every τ', () => {
    const base = previewBase(graphTools, graphParams.parse({}));
    for (const settings of [{}, { threshold: 0.2 }, { threshold: 0.5, anchors: 0 }, { documents: false }]) {
      const params = graphParams.parse(settings);
      const built = buildGraph(graphTools, params);
      expect(previewCounts(base, params, []), JSON.stringify(settings)).toMatchObject({
        tools: tools.length,
        domains: built.domains.length,
        unassigned: built.unassigned.length,
      });
    }
  });

  it('leaves locked tools out of the clustering, as a build does', () => {
    const params = graphParams.parse({});
    const locked = [{ key: 'L', name: 'Kept', toolIds: graphTools.slice(0, 16).map((t) => t.id) }];
    const built = buildGraph(graphTools, params, { locked });
    expect(previewCounts(previewBase(graphTools, params), params, locked)).toMatchObject({
      domains: built.domains.length,
      unassigned: built.unassigned.length,
    });
  });
});
