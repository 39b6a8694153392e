import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStudio, type Studio } from '../../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../../testing/databases';
import { retailRun } from '../../testing/retail-studio';
import { runExport } from './export';
import { graphJobInput, runGraphBuild } from './graph';

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

  it('names a domain the rebuild replaced as coming from a previous build, never as today’s namesake', async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    const db = studio.database.db;
    await retailRun(db, studio.config, { perDomain: 2 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-domains-'));

    const before = (await runExport(db, { format: 'openai', source: 'accepted_or_passed', out: path.join(dir, 'before.jsonl') })).manifest;
    expect(before.domains.length).toBeGreaterThan(0);
    expect(before.domains.every((d) => d.id !== null && !d.name.includes('previous build'))).toBe(true);

    // The same graph built again: new domains (with the same names), the old ones gone.
    await runGraphBuild(db, studio.config, graphJobInput.parse({ llmCheck: false }), async () => {});
    const after = (await runExport(db, { format: 'openai', source: 'accepted_or_passed', out: path.join(dir, 'after.jsonl') })).manifest;
    expect(after.records).toBe(before.records);
    expect(after.domains.map((d) => d.name).sort()).toEqual(before.domains.map((d) => `${d.name} (from a previous build)`).sort());
    for (const d of after.domains) expect(d.id).toBeNull();
    // The versions the records ran on are still named, by the same honest name.
    expect(after.environmentVersions.map((v) => v.id).sort()).toEqual(before.environmentVersions.map((v) => v.id).sort());
    for (const v of after.environmentVersions) expect(v.domainName).toMatch(/ \(from a previous build\)$/);
  });
});
