import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import { Sandbox } from '../sandbox/sandbox';
import { importDocuments } from '../tools/import';
import { generateHeuristic } from './heuristic';
import { validateEnvironment } from './validate';

/**
 * ToolBench RapidAPI tools as small domains: one file (one RapidAPI tool, its functions) each, the
 * first two files with at least three functions from each of eight categories.
 */
const CATEGORIES = ['Business', 'Communication', 'Database', 'eCommerce', 'Financial', 'Media', 'Social', 'Travel'];

function sampleDomains() {
  const root = sharedData('toolbench');
  const domains: Array<{ file: string; tools: ReturnType<typeof importDocuments>['tools'] }> = [];
  for (const category of CATEGORIES) {
    const dir = path.join(root, category);
    if (!fs.existsSync(dir)) continue;
    let taken = 0;
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      if (taken === 2) break;
      const file = path.join(dir, name);
      const { tools } = importDocuments([{ file, bytes: fs.readFileSync(file) }]);
      if (tools.length < 3) continue;
      domains.push({ file: `${category}/${name}`, tools });
      taken++;
    }
  }
  return domains;
}

describe('heuristic environments for ToolBench domains', { timeout: 120_000 }, () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('pass validation in the real sandbox for a high share of tools', async () => {
    const domains = sampleDomains();
    expect(domains.length).toBeGreaterThanOrEqual(12);
    let passed = 0;
    let total = 0;
    const failed: string[] = [];
    for (const d of domains) {
      const content = generateHeuristic(
        d.tools.map((t, i) => ({ id: `${d.file}#${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns })),
      );
      const report = await validateEnvironment(content, sandbox, { seed: 7 });
      expect(report.stateErrors, d.file).toEqual([]);
      passed += report.passed;
      total += report.tools.length;
      failed.push(...report.tools.filter((t) => !t.ok).map((t) => `${d.file} ${t.name}: ${t.detail}`));
    }
    console.log(
      `ToolBench sample: ${passed}/${total} tools in ${domains.length} domains pass (${((passed / total) * 100).toFixed(1)}%)${failed.length ? `; failed: ${failed.join(' | ')}` : ''}`,
    );
    expect(passed / total).toBeGreaterThanOrEqual(0.9);
  });
});
