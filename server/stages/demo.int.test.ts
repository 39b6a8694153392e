import fs from 'node:fs';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainGraphTools } from '../db/queries/environments';
import { listTrajectories } from '../db/queries/trajectories';
import { collections, environmentVersions, tasks, trajectories } from '../db/schema';
import { TEST_DATABASE_KINDS } from '../testing/databases';
import { studioPerTest } from '../testing/test-studio';
import { DEMO_COLLECTION_NAME, demoToolsBytes, runDemo } from './demo';

describe.each(TEST_DATABASE_KINDS)('the demo on %s', (kind) => {
  const openStudioForTest = studioPerTest(kind);

  it('runs every stage offline on a fresh database, and again over its own earlier import', { timeout: 300_000 }, async () => {
    const { studio, db } = await openStudioForTest();
    const seen: Array<[number, string]> = [];
    const out = await runDemo(db, studio.config, (p, m) => void seen.push([p, m]));
    console.log(
      `demo on ${kind}: ${out.tools} tools, ${out.domains.length} domains (${out.domains.map((d) => `${d.name}: ${d.validTools}/${d.tools} valid, ${d.tasks} tasks`).join('; ')}), ` +
        `${out.environments} environments, ${out.validTools} valid tools, ${out.tasks} tasks, ${out.trajectories} trajectories, ${out.passed} passed, ${out.failed} failed, ${out.recovered} recovered`,
    );

    expect(out.failures).toEqual([]);
    expect(out.collection).toMatchObject({ name: DEMO_COLLECTION_NAME, replaced: null });
    expect(out.tools).toBe(JSON.parse(new TextDecoder().decode(demoToolsBytes())).length);
    expect(out.domains.length).toBeGreaterThanOrEqual(4);
    expect(out.domains.length).toBeLessThanOrEqual(6);
    expect(out.environments).toBe(out.domains.length);
    for (const d of out.domains) {
      expect(d.environmentVersion, d.name).toBe(1);
      expect(d.tasks, d.name).toBeGreaterThan(0);
    }
    expect(out.domains.reduce((n, d) => n + d.tools, 0)).toBe(out.tools);
    // One area per domain (the tools are named shop_, flight_, calendar_, support_, bank_), every area covered.
    const areas = await Promise.all(out.domains.map(async (d) => new Set((await domainGraphTools(db, d.id)).map((x) => x.name.split('_')[0]))));
    for (const [i, a] of areas.entries()) expect([...a], out.domains[i]!.name).toHaveLength(1);
    expect(areas.map((a) => [...a][0]).sort()).toEqual(['bank', 'calendar', 'flight', 'shop', 'support']);
    expect(out.validTools / out.tools).toBeGreaterThanOrEqual(0.9);
    expect(out.tasks).toBe(out.domains.reduce((n, d) => n + d.tasks, 0));
    expect(out.trajectories).toBe(out.tasks);
    expect(out.passed).toBeGreaterThan(0);
    expect(out.failed).toBeGreaterThan(0);
    expect(out.passed + out.failed).toBe(out.trajectories);
    // Half the trajectories carry one mistake each: the rejected ones, and the recovered ones among those passed.
    expect(out.recovered).toBeLessThanOrEqual(out.passed);

    // What it reported is what is stored.
    const [envs] = await db.select({ n: count() }).from(environmentVersions);
    expect(Number(envs!.n)).toBe(out.environments);
    const [stored] = await db.select({ n: count() }).from(tasks);
    expect(Number(stored!.n)).toBe(out.tasks);
    const [trajs] = await db.select({ n: count() }).from(trajectories).where(eq(trajectories.runId, out.run.id));
    expect(Number(trajs!.n)).toBe(out.trajectories);
    const [good] = await db.select({ n: count() }).from(trajectories).where(eq(trajectories.passed, true));
    expect(Number(good!.n)).toBe(out.passed);

    // Rejected exactly where the oracle made a mistake it did not recover from (a tool error it recovers from passes).
    const page = await listTrajectories(db, { runId: out.run.id, limit: 500 });
    expect(page.items).toHaveLength(out.trajectories);
    const noisy = page.items.filter((i) => i.noiseApplied.some((n) => n !== 'tool_error'));
    console.log(`noisy: ${noisy.length}; failed without noise: ${page.items.filter((i) => !i.passed && !i.noiseApplied.length).length}`);
    expect(
      page.items
        .filter((i) => !i.passed)
        .map((i) => i.id)
        .sort(),
    ).toEqual(noisy.map((i) => i.id).sort());

    // Progress climbs to 100 and names each stage.
    expect(seen.at(-1)![0]).toBe(100);
    expect(seen.every(([p], i) => i === 0 || p >= seen[i - 1]![0])).toBe(true);
    for (const s of ['import', 'graph', 'envgen', 'sample', 'rollout'])
      expect(
        seen.some(([, m]) => m.startsWith(`${s}:`)),
        s,
      ).toBe(true);

    // Again: the earlier demo import is replaced, not doubled, and the stages run on the new one.
    // Tool errors alone this time: the oracle recovers from them, and those trajectories pass.
    const again = await runDemo(db, studio.config, undefined, { noise: ['tool_error'], noiseRate: 1 });
    console.log(`demo again on ${kind}: ${again.tasks} tasks, ${again.passed} passed, ${again.failed} failed, ${again.recovered} recovered`);
    expect(again.recovered).toBeGreaterThan(0);
    expect(again.recovered).toBeLessThanOrEqual(again.passed);
    expect(again.collection.replaced).toBe(out.collection.id);
    expect(again.failures).toEqual([]);
    const demos = await db.select({ id: collections.id }).from(collections).where(eq(collections.name, DEMO_COLLECTION_NAME));
    expect(demos.map((c) => c.id)).toEqual([again.collection.id]);
    expect(again.domains.length).toBe(out.domains.length);
    expect(again.trajectories).toBe(again.tasks);
    expect(again.tasks).toBeGreaterThan(0);
    const [againTasks] = await db
      .select({ n: count() })
      .from(tasks)
      .where(
        inArray(
          tasks.domainId,
          again.domains.map((d) => d.id),
        ),
      );
    expect(Number(againTasks!.n)).toBe(again.tasks);
  });
});

it('embeds demo-tools.json byte for byte', () => {
  expect(Buffer.from(demoToolsBytes()).equals(fs.readFileSync(path.join(__dirname, '..', 'demo', 'demo-tools.json')))).toBe(true);
});
