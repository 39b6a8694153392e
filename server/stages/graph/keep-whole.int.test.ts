import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listCollections } from '../../db/queries/collections';
import { curate, domainMembers, listDomains } from '../../db/queries/domains';
import { latestBuild, loadGraphTools } from '../../db/queries/graph';
import { previewGraph } from './preview';
import { runGraphBuild } from './build';
import { graphJobInput } from '../inputs';
import { importCollection } from '../import';
import { openStudio, type Studio } from '../../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../../testing/databases';
import { sharedData } from '../../testing/shared-data';

const quiet = async () => {};
const input = (file: string) => ({ file, bytes: fs.readFileSync(file) });
const RETAIL = sharedData('taubench', 'retail', 'tools.json');
const AIRLINE = sharedData('taubench', 'airline', 'tools.json');

describe.each(TEST_DATABASE_KINDS)('keeping a collection whole on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
    await t?.cleanup();
    t = undefined;
  });

  const setup = async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    const retail = await importCollection(db, [input(RETAIL)], { name: 'Retail API' });
    const airline = await importCollection(db, [input(AIRLINE)], { name: 'Airline API' });
    if (retail.status !== 'imported' || airline.status !== 'imported') throw new Error('import failed');
    const build = (keepWhole?: string[]) => runGraphBuild(db, studio!.config, graphJobInput.parse({ llmCheck: false, keepWhole }), quiet);
    const wholeDomain = async () => (await listDomains(db)).filter((d) => d.name === 'Retail API' || d.name === 'My retail');
    return { db, retail: retail.collection.id, airline: airline.collection.id, build, wholeDomain };
  };

  it('survives a person unlocking and renaming it, is remembered in the build, and is previewed', async () => {
    const { db, retail, build, wholeDomain } = await setup();
    const first = await build([retail]);
    expect(first.keptWhole).toEqual([{ id: retail, name: 'Retail API', tools: 16 }]);
    expect((await latestBuild(db))!.params).toMatchObject({ keepWhole: [retail] });
    const [domain] = await wholeDomain();
    expect(domain).toMatchObject({ name: 'Retail API', locked: true, tools: 16 });

    // The preview counts the kept collection as one domain, as the build did.
    const preview = await previewGraph(db, graphJobInput.parse({}));
    expect(preview).toMatchObject({ domains: first.domains, unassigned: first.unassigned });
    // Clustered without its documents rule, retail's helpers fall out of every domain.
    expect((await previewGraph(db, graphJobInput.parse({ documents: false }), [])).unassigned).toBeGreaterThan(first.unassigned);

    await curate.rename(db, domain!.id, 'My retail');
    await curate.lock(db, domain!.id, false);
    // A person moves a retail tool out; a rebuild puts it back and locks the domain again, same id and name.
    const other = (await listDomains(db)).find((d) => d.id !== domain!.id)!;
    const retailTool = (await loadGraphTools(db)).find((x) => x.collectionId === retail)!;
    await curate.move(db, [retailTool.id], other.id);
    expect((await wholeDomain())[0]).toMatchObject({ locked: false, tools: 15 });
    await build();
    const [again] = await wholeDomain();
    expect(again).toMatchObject({ id: domain!.id, name: 'My retail', locked: true, tools: 16 });
    expect((await domainMembers(db)).get(domain!.id)).toContain(retailTool.name);
  });

  it('a replaced import stays kept whole, with the same domain refilled by its new tools', async () => {
    const { db, retail, build, wholeDomain } = await setup();
    await build([retail]);
    const [before] = await wholeDomain();
    const replaced = await importCollection(db, [input(RETAIL)], { duplicates: 'replace', name: 'Retail API' });
    if (replaced.status !== 'imported') throw new Error(`replace: ${replaced.status}`);
    expect((await listCollections(db)).find((c) => c.id === replaced.collection.id)!.keepWhole).toBe(true);
    const rebuilt = await build();
    expect(rebuilt.keptWhole).toEqual([{ id: replaced.collection.id, name: 'Retail API', tools: 16 }]);
    expect(await wholeDomain()).toEqual([expect.objectContaining({ id: before!.id, tools: 16, locked: true })]);
  });

  it('un-keeping clusters the tools again; an undone merge brings the kept domain back with its collection', async () => {
    const { db, retail, airline, build, wholeDomain } = await setup();
    await build([retail, airline]);
    const domains = await listDomains(db);
    expect(domains.map((d) => [d.name, d.tools]).sort()).toEqual([
      ['Airline API', 14],
      ['Retail API', 16],
    ]);
    const air = domains.find((d) => d.name === 'Airline API')!;
    const [shop] = await wholeDomain();
    await curate.merge(db, shop!.id, [air.id]);
    await curate.undo(db);
    // Both still known as kept: the rebuild keeps the same two domains.
    await build();
    expect((await listDomains(db)).map((d) => d.id).sort()).toEqual([air.id, shop!.id].sort());

    const none = await build([]);
    expect(none.keptWhole).toEqual([]);
    expect(await wholeDomain()).toEqual([]);
    // Clustered again: each API is still one domain (documents.ts), now unlocked and named by its entities.
    expect((await listDomains(db)).map((d) => [d.locked, d.tools]).sort()).toEqual([
      [false, 14],
      [false, 16],
    ]);
    expect((await listCollections(db)).every((c) => !c.keepWhole)).toBe(true);
  });
});
