import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { curate, getDomain, listDomains } from '../db/queries/domains';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { RETAIL_GRAPH, retailRun } from '../testing/retail-studio';
import { runExport } from './export';
import { runGraphBuild } from './graph/build';

describe.each(TEST_DATABASE_KINDS)('an export’s domains after a graph rebuild on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await studio?.close();
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    studio = t = dir = undefined;
  });

  it('keeps the domains a rebuild finds again, and names one it retired as coming from a previous build', async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    await retailRun(db, studio.config, { perDomain: 2 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-domains-'));
    const exported = async (name: string) => (await runExport(db, { format: 'openai', source: 'accepted_or_passed', out: path.join(dir!, name) })).manifest;
    const rebuild = () => runGraphBuild(db, studio!.config, RETAIL_GRAPH, async () => {});

    const before = await exported('before.jsonl');
    expect(before.domains.length).toBeGreaterThan(1);
    expect(before.domains.every((d) => d.id !== null && !d.name.includes('previous build'))).toBe(true);

    // The same graph built again finds the same domains: the manifest does not change.
    await rebuild();
    const same = await exported('same.jsonl');
    expect(same.domains).toEqual(before.domains);
    expect(same.environmentVersions).toEqual(before.environmentVersions);

    // A domain whose tools are dropped is not found again: retired, its records keep its id.
    const gone = before.domains[0]!;
    await curate.drop(
      db,
      (await getDomain(db, gone.id!))!.tools.map((x) => x.id),
    );
    await rebuild();
    const current = new Map((await listDomains(db)).map((d) => [d.id, d.name]));
    expect(current.has(gone.id!)).toBe(false);
    const after = await exported('after.jsonl');
    expect(after.records).toBe(before.records);
    expect(after.domains.map((d) => d.id).sort()).toEqual(before.domains.map((d) => d.id).sort());
    for (const d of after.domains) {
      const was = before.domains.find((x) => x.id === d.id)!;
      // A kept domain goes under the name it has now (the rebuild may name it anew, its tools having changed).
      expect(d.name).toBe(current.get(d.id!) ?? `${was.name} (from a previous build)`);
    }
    // The versions the records ran on are still named, by the same honest name.
    expect(after.environmentVersions.map((v) => v.id).sort()).toEqual(before.environmentVersions.map((v) => v.id).sort());
    const goneVersions = after.environmentVersions.filter((v) => v.domainName.startsWith(gone.name));
    expect(goneVersions.length).toBeGreaterThan(0);
    for (const v of goneVersions) expect(v.domainName).toBe(`${gone.name} (from a previous build)`);
  });
});
