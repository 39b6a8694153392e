import { asc, count, eq, sql } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentsRouter } from '../../api/routers/environments';
import { createCallerFactory } from '../../api/trpc';
import { contextAs } from '../../testing/users';
import { runSample } from '../../stages/sample';
import { EnvironmentFileError } from '../../pipeline/environment-file/check';
import { environmentFileName } from '../../pipeline/environment-file/export';
import type { EnvironmentFile } from '../../pipeline/environment-file/format';
import { getSandbox } from '../../pipeline/sandbox/sandbox';
import { openStudio, type Studio } from '../../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../../testing/databases';
import { retailEnvironments } from '../../testing/retail-studio';
import type { Db } from '../client';
import { environmentVersions, tasks } from '../schema';
import { curate } from './domains';
import { environmentFileOf, importEnvironmentFile } from './environment-files';
import { domainGraphTools, getEnvironmentVersion, latestEnvironmentVersion } from './environments';
import { setTaskSplit } from './tasks';

const quiet = async () => {};

/** How many versions and tasks the database holds: a refused import must leave both as they were. */
async function totals(db: Db) {
  const [v] = await db.select({ n: count() }).from(environmentVersions);
  const [t] = await db.select({ n: count() }).from(tasks);
  return { versions: Number(v!.n), tasks: Number(t!.n) };
}

const tasksOf = (db: Db, versionId: string) => db.select().from(tasks).where(eq(tasks.environmentVersionId, versionId)).orderBy(asc(tasks.seq));

/** The error an import throws (an EnvironmentFileError), so its message can be read. */
async function refusal(p: Promise<unknown>): Promise<EnvironmentFileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EnvironmentFileError) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

describe.each(TEST_DATABASE_KINDS)('environment files on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  let db: Db;
  /** A domain of τ-bench retail with an environment version and tasks sampled on it. */
  let domainId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    db = studio.database.db;
    await retailEnvironments(db, studio.config);
    const sampled = await runSample(
      db,
      studio.config,
      { all: true, settings: { n: 6, seed: 3, minCalls: 1, maxCalls: 4, rows: 20 }, intentWriter: 'template' },
      quiet,
    );
    expect(sampled.failures).toEqual([]);
    // The domain with the most writing tasks (then the most tasks), so final states differ from initial ones.
    const perDomain = await db
      .select({ domainId: tasks.domainId, all: count(), writes: sql<number>`count(*) filter (where not ${tasks.readOnly})::int` })
      .from(tasks)
      .groupBy(tasks.domainId);
    const best = perDomain.sort((a, b) => Number(b.writes) - Number(a.writes) || Number(b.all) - Number(a.all))[0]!;
    expect(Number(best.all)).toBeGreaterThanOrEqual(3);
    domainId = best.domainId!;
  });

  afterAll(async () => {
    await studio?.close();
    await t?.cleanup();
    studio = t = undefined;
  });

  it('downloads a version with its tasks and imports it back as an equal new version', async () => {
    const original = (await latestEnvironmentVersion(db, domainId))!;
    // One task held out for evaluation: the file says so, and the copy keeps it out of training.
    const heldOut = (await tasksOf(db, original.id))[1]!;
    expect(await setTaskSplit(db, [heldOut.id], 'heldout')).toBe(1);
    const originalTasks = await tasksOf(db, original.id);
    expect(originalTasks.some((x) => !x.readOnly)).toBe(true);

    const file = (await environmentFileOf(db, original.id))!;
    expect(file.name).toBe(environmentFileName(original.domainName, original.number));
    const parsed = JSON.parse(file.text) as EnvironmentFile;
    expect(parsed.domain.name).toBe(original.domainName);
    expect(parsed.environment.number).toBe(original.number);
    expect(parsed.seedState).toEqual({ seed: 3, rows: 20 });
    expect(parsed.tasks.map((x) => x.fingerprint)).toEqual(originalTasks.map((x) => x.fingerprint));
    expect(parsed.tasks.map((x) => x.split)).toEqual(originalTasks.map((x) => (x.id === heldOut.id ? 'heldout' : 'train')));
    expect(await environmentFileOf(db, '00000000-0000-4000-8000-000000000000')).toBeNull();

    const before = await totals(db);
    const imported = await importEnvironmentFile(db, getSandbox(), domainId, file.text, file.name);
    expect(imported.number).toBe(original.number + 1);
    expect(imported.tasks).toBe(originalTasks.length);
    expect(await totals(db)).toEqual({ versions: before.versions + 1, tasks: before.tasks + originalTasks.length });

    const copy = (await getEnvironmentVersion(db, imported.versionId))!;
    expect(copy.domainId).toBe(domainId);
    expect(copy.parentId).toBe(original.id);
    expect(copy.generator).toBe(original.generator);
    expect(copy.message).toBe(`Imported from ${file.name}: ${original.message}`);
    expect(copy.content).toEqual(original.content);
    expect({ passed: copy.validation!.passed, failed: copy.validation!.failed }).toEqual({
      passed: original.validation!.passed,
      failed: original.validation!.failed,
    });
    expect(imported.validation).toEqual({ ok: original.validation!.ok, passed: original.validation!.passed, failed: original.validation!.failed });

    const copyTasks = await tasksOf(db, copy.id);
    const gold = (rows: typeof originalTasks) =>
      rows.map((x) => ({ fingerprint: x.fingerprint, seed: x.seed, calls: x.calls, finalState: x.finalState, intent: x.intent, split: x.split }));
    expect(gold(copyTasks)).toEqual(gold(originalTasks));
    expect(copyTasks.every((x) => x.domainId === domainId && x.settings.seed === 3 && x.settings.rows === 20)).toBe(true);

    // Exported again, only the version's number, time and message differ.
    const again = (await environmentFileOf(db, copy.id))!;
    expect(again.name).toBe(environmentFileName(original.domainName, original.number + 1));
    const reparsed = JSON.parse(again.text) as EnvironmentFile;
    expect(reparsed.environment.number).toBe(original.number + 1);
    expect(reparsed.environment.message).toBe(copy.message);
    reparsed.environment.number = parsed.environment.number;
    reparsed.environment.createdAt = parsed.environment.createdAt;
    reparsed.environment.message = parsed.environment.message;
    expect(`${JSON.stringify(reparsed, null, 2)}\n`).toBe(file.text);
  });

  it('refuses a file whose tool the domain lacks, naming the tool, and malformed JSON, naming the file; nothing is stored', async () => {
    const version = (await latestEnvironmentVersion(db, domainId))!;
    const file = (await environmentFileOf(db, version.id))!;
    const before = await totals(db);

    const broken = await refusal(importEnvironmentFile(db, getSandbox(), domainId, file.text.slice(0, 200), 'broken.environment.json'));
    expect(broken.message).toMatch(/^broken\.environment\.json: not valid JSON/);
    expect(await totals(db)).toEqual(before);
    // Through the API, the same refusal is a BAD_REQUEST carrying the message.
    const api = createCallerFactory(environmentsRouter)(await contextAs(studio!, 'curator'));
    const viaApi = await api.importFile({ domainId, fileName: 'broken.environment.json', text: '{"format": ' }).catch((e: unknown) => e);
    expect(viaApi).toBeInstanceOf(TRPCError);
    expect((viaApi as TRPCError).code).toBe('BAD_REQUEST');
    expect((viaApi as TRPCError).message).toMatch(/^broken\.environment\.json: not valid JSON/);
    expect(await totals(db)).toEqual(before);

    // A tool the file's content has is dropped from the domain: the file no longer fits it.
    const tools = await domainGraphTools(db, domainId);
    const dropped = tools.find((x) => x.name === version.content.tools.at(-1)!.name)!;
    await curate.drop(db, [dropped.id]);
    try {
      const missing = await refusal(importEnvironmentFile(db, getSandbox(), domainId, file.text, file.name));
      expect(missing.message).toContain(file.name);
      expect(missing.message).toContain(`"${dropped.name}"`);
      expect(missing.message).toContain(version.domainName);
      expect(await totals(db)).toEqual(before);
    } finally {
      await curate.undo(db);
    }
    expect((await domainGraphTools(db, domainId)).map((x) => x.id)).toContain(dropped.id);
  });

  it('refuses a file the database could not store (a NUL character), naming where, and stores nothing', async () => {
    const version = (await latestEnvironmentVersion(db, domainId))!;
    const file = JSON.parse((await environmentFileOf(db, version.id))!.text) as EnvironmentFile;
    // Valid JSON and a valid file otherwise (the intent is not fingerprinted), but no PostgreSQL text or jsonb value holds a NUL.
    const last = file.tasks.length - 1;
    file.tasks[last]!.intent = 'cancel \u0000 the order';
    const before = await totals(db);
    await expect(importEnvironmentFile(db, getSandbox(), domainId, JSON.stringify(file), 'nul.environment.json')).rejects.toThrow(
      `nul.environment.json: tasks[${last}].intent: contains a NUL character (\\u0000), which the database cannot store`,
    );
    expect(await totals(db)).toEqual(before);
    expect((await latestEnvironmentVersion(db, domainId))!.id).toBe(version.id);
  });
});
