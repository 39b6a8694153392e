import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curate, CurationError, getDomain, listDomains, setDomainTargets, targetDomains } from '../../db/queries/domains';
import { environmentsOverview, latestEnvironmentVersion, listEnvironmentVersions, saveEnvironmentVersion } from '../../db/queries/environments';
import { selectTaskIds, tasksOverview } from '../../db/queries/tasks';
import { runEnvgen } from '../envgen';
import { demoSpaceBefore, runDemo } from '../demo';
import { dryRunGraphBuild } from './dry-run';
import { runGraphBuild } from './build';
import { graphJobInput } from '../inputs';
import { importCollection } from '../import';
import { runSample } from '../sample';
import type { Studio } from '../../studio';
import { TEST_DATABASE_KINDS } from '../../testing/databases';
import { sharedData } from '../../testing/shared-data';
import { studioPerTest } from '../../testing/test-studio';

const quiet = async () => {};
const input = (file: string) => ({ file, bytes: fs.readFileSync(file) });

describe.each(TEST_DATABASE_KINDS)('rebuilding the graph on %s', (kind) => {
  const newStudio = studioPerTest(kind);

  /**
   * τ-bench retail and airline, an environment and two tasks on every domain. Built with documents
   * off: with it on each API is one domain, and these tests need several domains to keep and retire.
   */
  const curated = async () => {
    const { studio, db } = await newStudio({ migrated: true });
    for (const api of ['retail', 'airline']) await importCollection(db, [input(sharedData('taubench', api, 'tools.json'))], { duplicates: 'keep' });
    const build = (settings: Record<string, unknown> = {}) =>
      runGraphBuild(db, studio.config, graphJobInput.parse({ llmCheck: false, documents: false, ...settings }), quiet);
    await build();
    const env = await runEnvgen(db, studio.config, { all: true, generator: 'heuristic', seed: 7 }, quiet);
    expect(env.failures).toEqual([]);
    await runSample(db, studio.config, { all: true, settings: { n: 2, seed: 3, minCalls: 1, maxCalls: 4, rows: 20 }, intentWriter: 'template' }, quiet);
    return { studio, db, build };
  };

  const toolSets = async (db: Studio['database']['db']) => {
    const out = new Map<string, string[]>();
    for (const d of await listDomains(db)) out.set(d.id, (await getDomain(db, d.id))!.tools.map((x) => x.id).sort());
    return out;
  };

  /** A domain the rebuild made anew never holds mostly the tools of one it had before: that one would have been kept. */
  const expectNoNewcomerMostlyOld = (before: Map<string, string[]>, after: Map<string, string[]>) => {
    for (const [id, tools] of after) {
      if (before.has(id)) continue;
      const mostlyOld = [...before.values()].some((old) => tools.filter((x) => old.includes(x)).length * 2 >= tools.length);
      expect(mostlyOld, `${id} is new although an old domain holds most of its tools`).toBe(false);
    }
  };

  it('keeps the domains it finds again with their environments, tasks, names and target marks', async () => {
    const { db, build } = await curated();
    const before = await listDomains(db);
    expect(before.length).toBeGreaterThan(3);
    const [marked, renamed, edited] = before;
    await setDomainTargets(db, [marked!.id], true);
    await curate.rename(db, renamed!.id, 'Shop floor');
    const v1 = (await latestEnvironmentVersion(db, edited!.id))!;
    const v2 = await saveEnvironmentVersion(db, {
      domainId: edited!.id,
      parentId: v1.id,
      generator: 'manual',
      message: 'a person’s edit',
      content: v1.content,
      validation: v1.validation,
    });
    const tasksBefore = new Map((await tasksOverview(db)).map((r) => [r.domainId, r.tasks]));
    const setsBefore = await toolSets(db);

    // Other settings that find mostly the same communities.
    await build({ threshold: 0.25 });
    const after = await listDomains(db);
    const setsAfter = await toolSets(db);
    // The settings did change the domains (else this would prove nothing).
    expect([...setsAfter].some(([id, tools]) => tools.join() !== setsBefore.get(id)?.join())).toBe(true);
    const kept = before.filter((d) => setsAfter.has(d.id));
    expectNoNewcomerMostlyOld(setsBefore, setsAfter);
    expect(kept.length).toBeGreaterThanOrEqual(Math.ceil(before.length * 0.8));
    expect(kept.map((d) => d.id)).toEqual(expect.arrayContaining([marked!.id, renamed!.id, edited!.id]));

    expect(after.find((d) => d.id === marked!.id)!.target).toBe(true);
    expect((await targetDomains(db)).map((d) => d.id)).toEqual([marked!.id]);
    expect(after.find((d) => d.id === renamed!.id)!.name).toBe('Shop floor');
    expect((await latestEnvironmentVersion(db, edited!.id))!.id).toBe(v2.id);
    expect((await listEnvironmentVersions(db, edited!.id)).map((v) => v.number).sort()).toEqual([1, 2]);

    const environments = await environmentsOverview(db);
    const tasksAfter = new Map((await tasksOverview(db)).map((r) => [r.domainId, r.tasks]));
    for (const d of kept) {
      expect(environments.find((e) => e.domainId === d.id)!.versionId, d.name).not.toBeNull();
      expect(tasksAfter.get(d.id), d.name).toBe(tasksBefore.get(d.id));
    }
  });

  it('retires a domain that does not come back: out of the lists, its environments and tasks still reachable', async () => {
    const { db, build } = await curated();
    const [gone] = await listDomains(db);
    const setsBefore = await toolSets(db);
    const goneTasks = await selectTaskIds(db, { domainIds: [gone!.id] });
    expect(goneTasks.length).toBeGreaterThan(0);
    const allTasks = await selectTaskIds(db, {});
    // Dropping its tools from the graph leaves the next build nothing to find it by.
    await curate.drop(
      db,
      (await getDomain(db, gone!.id))!.tools.map((x) => x.id),
    );

    await build();
    const after = await listDomains(db);
    expect(after.map((d) => d.id)).not.toContain(gone!.id);
    expect(after.length).toBeGreaterThan(0);
    // Dropping tools reshapes the graph around them; the domains it still finds keep their ids.
    expectNoNewcomerMostlyOld(new Map([...setsBefore].filter(([id]) => id !== gone!.id)), await toolSets(db));
    expect(after.filter((d) => setsBefore.has(d.id)).length).toBeGreaterThan(0);

    const retired = await getDomain(db, gone!.id);
    expect(retired).toMatchObject({ id: gone!.id, name: gone!.name, tools: [] });
    expect(retired!.retiredAt).toBeInstanceOf(Date);
    const listed = (await environmentsOverview(db)).find((e) => e.domainId === gone!.id);
    expect(listed).toMatchObject({ domainName: gone!.name, tools: 0, number: 1 });
    expect(listed!.retiredAt).toBeInstanceOf(Date);
    expect((await listEnvironmentVersions(db, gone!.id)).length).toBe(1);
    // It takes no curation: tools moved into it would vanish from every list.
    const someTool = (await getDomain(db, after[0]!.id))!.tools[0]!.id;
    await expect(curate.move(db, [someTool], gone!.id)).rejects.toBeInstanceOf(CurationError);
    await expect(curate.lock(db, gone!.id, true)).rejects.toBeInstanceOf(CurationError);
    expect((await tasksOverview(db)).find((r) => r.domainId === gone!.id)).toMatchObject({ tasks: goneTasks.length });

    // A run over every domain takes today's; the retired one's tasks run only when it is named.
    const current = (await selectTaskIds(db, { domainIds: after.map((d) => d.id) })).sort();
    expect(current.length).toBeGreaterThan(0);
    expect((await selectTaskIds(db, {})).sort()).toEqual(current);
    expect(allTasks.length).toBeGreaterThan(current.length);
    expect(await selectTaskIds(db, { domainIds: [gone!.id] })).toEqual(goneTasks);
  });

  it('asks before a build that retires curated work: the dry run plans what the build then does', async () => {
    const { db, build } = await curated();
    const [gone] = await listDomains(db);
    await curate.drop(
      db,
      (await getDomain(db, gone!.id))!.tools.map((x) => x.id),
    );
    const settings = graphJobInput.parse({ llmCheck: false, documents: false, threshold: 0.28 });

    const dry = await dryRunGraphBuild(db, settings);
    expect(dry.confirm).toBe(true);
    const plan = dry.plan!;
    expect(plan.retired.map((d) => d.id)).toContain(gone!.id);
    const goneWork = plan.retired.find((d) => d.id === gone!.id)!.work;
    expect(goneWork.environmentVersions).toBe(1);
    expect(goneWork.tasks).toBe((await selectTaskIds(db, { domainIds: [gone!.id] })).length);
    // Nothing was saved by the dry run.
    expect((await listDomains(db)).map((d) => d.id)).toContain(gone!.id);

    const built = await build({ threshold: 0.28 });
    expect({ kept: built.kept, retired: built.retired, created: built.created }).toEqual({
      kept: plan.kept.length,
      retired: plan.retired.length,
      created: plan.created,
    });
    const after = new Set((await listDomains(db)).map((d) => d.id));
    expect(plan.kept.every((d) => after.has(d.id))).toBe(true);
    expect(plan.retired.some((d) => after.has(d.id))).toBe(false);

    // Built again with the same settings, every domain comes back: no question to ask.
    expect(await dryRunGraphBuild(db, settings)).toMatchObject({ confirm: false, plan: { retired: [], created: 0 } });
    // With embeddings the domains are not known beforehand: every curated one is named as at risk.
    const blind = await dryRunGraphBuild(db, { ...settings, vectors: 'embeddings' });
    expect(blind).toMatchObject({ confirm: true, plan: { known: false } });
    expect(blind.plan!.atRisk.length).toBeGreaterThan(0);
    expect(blind.plan!.atRisk.every((d) => after.has(d.id) && d.work.environmentVersions > 0)).toBe(true);
  });

  it('Load demo on a studio with domains of its own graphs the demo on its own and leaves those domains as they were', async () => {
    const { studio, db } = await curated();
    const before = await listDomains(db);
    await setDomainTargets(db, [before[0]!.id], true);
    await curate.rename(db, before[1]!.id, 'Depots and parcels');
    const snapshot = async () => {
      const sets = await toolSets(db);
      const tasks = new Map((await tasksOverview(db)).map((r) => [r.domainId, r.tasks]));
      return Promise.all(
        (await listDomains(db))
          .filter((d) => before.some((b) => b.id === d.id))
          .map(async (d) => ({
            id: d.id,
            name: d.name,
            target: d.target,
            locked: d.locked,
            tools: sets.get(d.id),
            environment: (await latestEnvironmentVersion(db, d.id))?.id,
            tasks: tasks.get(d.id),
          })),
      );
    };
    const mine = await snapshot();
    expect(mine.length).toBe(before.length);

    const demo = await runDemo(db, studio.config, undefined, { tasksPerDomain: 2 });
    expect(demo).toMatchObject({ space: 'own', ownDomains: before.length, failures: [] });
    expect(await snapshot()).toEqual(mine);
    // The demo's domains are new and hold only the demo's tools.
    const demoTools = new Set((await toolSets(db)).entries().flatMap(([id, tools]) => (demo.domains.some((d) => d.id === id) ? tools : [])));
    expect(demo.domains.length).toBeGreaterThan(2);
    expect(demo.domains.some((d) => before.some((b) => b.id === d.id))).toBe(false);
    for (const d of before) expect((await toolSets(db)).get(d.id)!.some((t) => demoTools.has(t))).toBe(false);
    expect(demo.tasks).toBeGreaterThan(0);

    // Before loading it again, the studio says the earlier demo's domains (with their tasks) would be retired, and asks.
    const asked = await demoSpaceBefore(db);
    expect(asked).toMatchObject({ ownDomains: before.length, confirm: true });
    expect(asked.plan!.retired.map((d) => d.id).sort()).toEqual(demo.domains.map((d) => d.id).sort());
    expect(asked.plan!.retired.reduce((n, d) => n + d.work.tasks, 0)).toBe(demo.tasks);

    // Loaded again: the earlier demo import is replaced; the person's domains still do not move.
    const again = await runDemo(db, studio.config, undefined, { tasksPerDomain: 2 });
    expect(again).toMatchObject({ space: 'own', ownDomains: before.length });
    expect(await snapshot()).toEqual(mine);
    const listed = new Set((await listDomains(db)).map((d) => d.id));
    expect(demo.domains.some((d) => listed.has(d.id))).toBe(false);
    expect(again.domains.every((d) => listed.has(d.id))).toBe(true);
  });
});
