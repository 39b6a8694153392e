import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHeuristic } from '../pipeline/environment/heuristic';
import { validateEnvironment } from '../pipeline/environment/validate';
import { buildGraph } from '../pipeline/graph/build';
import { graphParams, type GraphTool } from '../pipeline/graph/model';
import { Sandbox } from '../pipeline/sandbox/sandbox';
import { sampleSettings } from '../pipeline/tasks/model';
import { sampleTasks } from '../pipeline/tasks/walk';
import { importDocuments } from '../pipeline/tools/import';

const FILE = path.join(__dirname, 'demo-tools.json');
const AREAS = ['shop', 'flight', 'calendar', 'support', 'bank'] as const;
const areaOf = (name: string) => name.split('_')[0]!;

function demoTools(): GraphTool[] {
  const { tools, format, warnings } = importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(FILE) }]);
  expect(format).toBe('openai');
  expect(warnings).toEqual([]);
  return tools.map((t, i) => ({ id: `demo-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

describe('the demo collection', { timeout: 120_000 }, () => {
  const tools = demoTools();
  const byId = new Map(tools.map((t) => [t.id, t]));
  const graph = buildGraph(tools, graphParams.parse({}));
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('has 40–60 tools, each named for one of five areas, with reads and writes in each', () => {
    expect(tools.length).toBeGreaterThanOrEqual(40);
    expect(tools.length).toBeLessThanOrEqual(60);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    for (const area of AREAS) {
      const mine = tools.filter((t) => areaOf(t.name) === area);
      expect(mine.length, area).toBeGreaterThanOrEqual(8);
      expect(
        mine.some((t) => t.op === 'read'),
        area,
      ).toBe(true);
      expect(
        mine.some((t) => t.op === 'write'),
        area,
      ).toBe(true);
    }
    expect(tools.every((t) => (AREAS as readonly string[]).includes(areaOf(t.name)))).toBe(true);
  });

  it('builds into 4–6 domains, each of one area', () => {
    const summary = graph.domains.map((d) => `${d.name}: ${d.toolIds.map((id) => byId.get(id)!.name).join(', ')}`);
    console.log(`demo graph: ${graph.domains.length} domains, ${graph.unassigned.length} unassigned, ${graph.edges.length} edges\n${summary.join('\n')}`);
    expect(graph.domains.length).toBeGreaterThanOrEqual(4);
    expect(graph.domains.length).toBeLessThanOrEqual(6);
    for (const d of graph.domains) {
      const areas = new Set(d.toolIds.map((id) => areaOf(byId.get(id)!.name)));
      expect([...areas], d.name).toHaveLength(1);
    }
    // Every area has a domain, and nearly every tool is in one.
    const covered = new Set(graph.domains.flatMap((d) => d.toolIds.map((id) => areaOf(byId.get(id)!.name))));
    expect([...covered].sort()).toEqual([...AREAS].sort());
    expect(graph.unassigned.length).toBeLessThanOrEqual(Math.floor(tools.length * 0.1));
  });

  it('builds into one domain per area whatever the order of the tools (the database orders them by random uuid)', () => {
    const mixed: string[] = [];
    const counts = new Map<number, number>();
    for (let seed = 1; seed <= 200; seed++) {
      // A seeded shuffle and ids sorted in that order, as the graph loads tools ordered by id.
      const shuffled = shuffle(tools, seed).map((t, i) => ({ ...t, id: `t${String(i).padStart(3, '0')}` }));
      const names = new Map(shuffled.map((t) => [t.id, t.name]));
      const g = buildGraph(shuffled, graphParams.parse({}));
      counts.set(g.domains.length, (counts.get(g.domains.length) ?? 0) + 1);
      for (const d of g.domains) {
        const areas = new Set(d.toolIds.map((id) => areaOf(names.get(id)!)));
        if (areas.size > 1) mixed.push(`order ${seed}: ${d.name}: ${d.toolIds.map((id) => names.get(id)).join(', ')}`);
      }
      expect(g.unassigned.length, `order ${seed}`).toBeLessThanOrEqual(Math.floor(tools.length * 0.1));
    }
    console.log(`domains per order: ${[...counts].map(([k, v]) => `${k}: ${v}×`).join(', ')}${mixed.length ? `\nmixed:\n${mixed.join('\n')}` : ''}`);
    expect(mixed).toEqual([]);
    expect([...counts.keys()].every((k) => k >= 4 && k <= 6)).toBe(true);
  });

  it('generates environments where at least 90% of the tools pass validation, and tasks in every domain, some writing', async () => {
    let passed = 0;
    let total = 0;
    const failed: string[] = [];
    for (const d of graph.domains) {
      const domainTools = d.toolIds.map((id) => byId.get(id)!);
      const content = generateHeuristic(domainTools);
      const report = await validateEnvironment(content, sandbox, { seed: 7 });
      expect(report.stateErrors, d.name).toEqual([]);
      passed += report.passed;
      total += report.tools.length;
      failed.push(...report.tools.filter((t) => !t.ok).map((t) => `${t.name}: ${t.detail}`));

      const inDomain = new Set(d.toolIds);
      const edges = graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target));
      const result = await sampleTasks(
        { content, edges, descriptions: Object.fromEntries(domainTools.map((t) => [t.id, t.description])) },
        sandbox,
        sampleSettings.parse({ n: 10, seed: 1 }),
      );
      const writing = result.tasks.filter((t) => !t.readOnly).length;
      console.log(
        `${d.name}: ${report.passed}/${report.tools.length} tools pass; ${result.tasks.length} tasks, ${writing} writing${result.notes.length ? `; notes: ${result.notes.join(' | ')}` : ''}`,
      );
      expect(result.tasks.length, d.name).toBeGreaterThan(0);
      expect(writing, d.name).toBeGreaterThan(0);
    }
    console.log(`demo validation: ${passed}/${total} (${((passed / total) * 100).toFixed(1)}%)${failed.length ? `; failed: ${failed.join(' | ')}` : ''}`);
    expect(total).toBe(graph.domains.reduce((n, d) => n + d.toolIds.length, 0));
    expect(passed / total).toBeGreaterThanOrEqual(0.9);
  });

  it('fails the generated environments when a tool is broken on purpose, each with a sentence naming it', async () => {
    const domainOf = (tool: string) => graph.domains.find((d) => d.toolIds.some((id) => byId.get(id)!.name === tool))!;
    const broken = async (tool: string, code: string) => {
      const content = generateHeuristic(domainOf(tool).toolIds.map((id) => byId.get(id)!));
      const tools = content.tools.map((t) => (t.name === tool ? { ...t, code } : t));
      return (await validateEnvironment({ ...content, tools }, sandbox, { seed: 7, only: [tool] })).tools[0]!;
    };
    // A block_card that no longer blocks: it changes the card's limit, or hands the card's account to another client.
    const limit = await broken(
      'bank_block_card',
      '(db, args) => { const c = db.cards[args.card_id]; if (!c) throw new Error("no card"); c.daily_limit = 1; return c; }',
    );
    expect(limit.detail).toMatch(/^bank_block_card did not set cards\.status to blocked, as its name says/);
    const elsewhere = await broken(
      'bank_block_card',
      '(db, args) => { const c = db.cards[args.card_id]; const a = db.accounts[c.account_id]; a.client_id = Object.keys(db.clients).find((k) => k !== a.client_id); return c; }',
    );
    expect(elsewhere.detail).toMatch(/^bank_block_card changed only accounts\.account_\d+\.client_id, not cards, the table its evidence names/);
    // A lookup by an email a customer has that finds nothing.
    const lookup = await broken('shop_find_customer_by_email', '(db, args) => []');
    expect(lookup.detail).toMatch(
      /^shop_find_customer_by_email returned nothing \(an empty list\) for \{"email":"[^"]+"\}, though customers\.customer_\d+ matches those arguments/,
    );
    expect([limit, elsewhere, lookup].every((c) => !c.ok)).toBe(true);
  });
});

/** A seeded Fisher–Yates shuffle (mulberry32). */
function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
