import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentsRouter } from '../api/routers/environments';
import { createCallerFactory } from '../api/trpc';
import { contextAs } from '../testing/users';
import { schemaText } from '../pipeline/environment/compare-versions';
import type { EnvironmentContent } from '../pipeline/environment/model';
import { seedState } from '../pipeline/environment/seed-state';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { retailEnvironments } from '../testing/retail-studio';
import type { Db } from '../db/client';
import { environmentData, environmentVersions } from '../db/schema';
import { latestEnvironmentVersion, saveEnvironmentVersion } from '../db/queries/environments';

const callerOf = createCallerFactory(environmentsRouter);
const broken = "(db, args) => { throw new Error('broken on purpose'); }";

describe.each(TEST_DATABASE_KINDS)('the environment editor on %s', (kind) => {
  let t: TestDatabase | undefined;
  let studio: Studio | undefined;
  let db: Db;
  let api: ReturnType<typeof callerOf>;
  /** A retail domain whose first version passes, with a write tool to break. */
  let domainId: string;
  let first: EnvironmentContent;
  let write: string;

  const versions = async () => Number((await db.select({ n: count() }).from(environmentVersions).where(eq(environmentVersions.domainId, domainId)))[0]!.n);
  const latest = async () => (await latestEnvironmentVersion(db, domainId))!;
  const withCode = (content: EnvironmentContent, tool: string, code: string): EnvironmentContent => ({
    ...content,
    tools: content.tools.map((x) => (x.name === tool ? { ...x, code } : x)),
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    db = studio.database.db;
    await retailEnvironments(db, studio.config);
    api = callerOf(await contextAs(studio, 'curator'));
    const all = await db.select().from(environmentVersions);
    const passing = all
      .filter((v) => v.validation?.ok && v.content.tools.some((x) => x.op === 'write'))
      .sort((a, b) => b.content.tools.length - a.content.tools.length)[0]!;
    domainId = passing.domainId!;
    first = passing.content;
    write = first.tools.find((x) => x.op === 'write')!.name;
  }, 180_000);

  afterAll(async () => {
    await studio?.close();
    await t?.cleanup();
    studio = t = undefined;
  });

  it('checks one tool while it is typed: the edit is judged as saving would judge it, and nothing is stored', async () => {
    const before = await versions();
    const bad = await api.checkTool({ domainId, tool: write, code: broken });
    expect(bad).toMatchObject({ name: write, ok: false });
    expect(bad.detail).toContain('broken on purpose');
    const syntax = await api.checkTool({ domainId, tool: write, code: '(db, args) => {' });
    expect(syntax.detail).toMatch(/^syntax: /);
    const good = await api.checkTool({ domainId, tool: write, code: first.tools.find((x) => x.name === write)!.code });
    expect(good).toEqual((await latest()).validation!.tools.find((x) => x.name === write));
    expect(await versions()).toBe(before);
    await expect(api.checkTool({ domainId, tool: 'no_such_tool', code: '() => 1' })).rejects.toThrow(/has no tool named no_such_tool/);
  });

  it('saves a failing edit only when confirmed, and a passing one straight away', async () => {
    const parent = await latest();
    const before = await versions();
    const refused = await api.save({ domainId, parentId: parent.id, message: `break ${write}`, content: withCode(parent.content, write, broken) });
    expect(refused.saved).toBe(false);
    if (refused.saved) return;
    expect(refused.validation.ok).toBe(false);
    expect(refused.validation.tools.filter((x) => !x.ok).map((x) => x.name)).toEqual([write]);
    expect(await versions()).toBe(before);

    const confirmed = await api.save({
      domainId,
      parentId: parent.id,
      message: `break ${write}`,
      content: withCode(parent.content, write, broken),
      confirmFailing: true,
    });
    expect(confirmed.saved).toBe(true);
    if (!confirmed.saved) return;
    expect(confirmed.version).toMatchObject({ number: parent.number + 1, generator: 'manual', message: `break ${write}`, parentId: parent.id });
    expect(confirmed.version.validation!.tools.find((x) => x.name === write)!.ok).toBe(false);

    const fixed = await api.save({ domainId, parentId: confirmed.version.id, message: '', content: first });
    expect(fixed).toMatchObject({ saved: true, version: { number: parent.number + 2, message: 'Edited', validation: { ok: true } } });
  });

  it('compares two versions file by file and restores an old one as a new, equal version', async () => {
    const now = await latest();
    const broke = now.number - 1;
    const c = await api.compare({ domainId, from: broke, to: now.number });
    expect(c.from.number).toBe(broke);
    expect(c.to).toMatchObject({ number: now.number, passed: now.validation!.passed });
    expect(c.schema).toEqual({ from: schemaText(first), to: schemaText(first), change: 'unchanged' });
    expect(c.tools.filter((x) => x.change !== 'unchanged')).toEqual([
      { name: write, from: broken, to: first.tools.find((x) => x.name === write)!.code, change: 'changed' },
    ]);
    expect(c.tools).toHaveLength(first.tools.length);

    const restored = await api.restore({ domainId, version: broke });
    expect(restored).toMatchObject({ number: now.number + 1, message: `Restored version ${broke}`, parentId: now.id, generator: 'manual' });
    expect(restored.content).toEqual(withCode(first, write, broken));
    expect(restored.validation!.ok).toBe(false);

    await expect(api.restore({ domainId, version: restored.number })).rejects.toThrow(`Version ${restored.number} is already the latest version`);
    await expect(api.restore({ domainId, version: 999 })).rejects.toThrow(`has no environment version 999`);
    await expect(api.compare({ domainId, from: 1, to: 999 })).rejects.toThrow(`has no environment version 999`);
  });

  it("checks, saves and restores on the user's data when the version starts from a data file", async () => {
    // The data: the seeded state plus one row under a key seeding never makes, that only a tool reading it finds.
    const parent = await latest();
    const table = parent.content.schema.tables[0]!;
    const state = seedState(first.schema, { seed: 7 });
    const row = Object.values(state[table.name]!)[0]!;
    state[table.name]!.marker = table.keyInRow === false ? row : { ...row, [table.primaryKey]: 'marker' };
    const [data] = await db.insert(environmentData).values({ domainId, fileName: 'db.json', bytes: 1, rows: 1, tables: [], sha256: 'test', state }).returning();
    const grounded = await saveEnvironmentVersion(db, {
      domainId,
      parentId: parent.id,
      generator: 'manual',
      message: 'grounded',
      content: first,
      validation: null,
      dataId: data!.id,
    });

    const read = first.tools.find((x) => x.op === 'read')!.name;
    const needsMarker = `(db) => { const r = db.${table.name}.marker; if (!r) throw new Error('no marker row'); return r; }`;
    expect(await api.checkTool({ domainId, tool: read, code: needsMarker })).toMatchObject({ ok: true });

    const saved = await api.save({ domainId, parentId: grounded.id, message: 'reads the marker', content: withCode(first, read, needsMarker) });
    expect(saved).toMatchObject({ saved: true, version: { dataId: data!.id } });
    const restored = await api.restore({ domainId, version: parent.number });
    expect(restored.dataId).toBeNull();
    // Back on a seeded state, the marker row is not there.
    expect((await api.checkTool({ domainId, tool: read, code: needsMarker })).detail).toContain('no marker row');
  });

  it('asks only when an edit fails a tool its parent passed: fixing one tool of a version where another fails saves at once', async () => {
    const parent = await latest();
    // From the first, passing content (an earlier test restored a version whose write tool is broken).
    const other = first.tools.find((x) => x.name !== write);
    expect(other, 'a second tool to break').toBeDefined();
    const oneBroken = await api.save({
      domainId,
      parentId: parent.id,
      message: `break ${other!.name}`,
      content: withCode(first, other!.name, broken),
      confirmFailing: true,
    });
    if (!oneBroken.saved) throw new Error('a confirmed save is saved');
    const before = await versions();
    // Breaking a second tool is worse than the parent: asked, nothing stored.
    const worse = await api.save({
      domainId,
      parentId: oneBroken.version.id,
      message: `break ${write}`,
      content: withCode(oneBroken.version.content, write, broken),
    });
    expect(worse.saved).toBe(false);
    expect(await versions()).toBe(before);
    // An edit elsewhere that leaves the known failure as it was is saved without a question.
    const same = withCode(oneBroken.version.content, write, `${first.tools.find((x) => x.name === write)!.code}\n`);
    const saved = await api.save({ domainId, parentId: oneBroken.version.id, message: `reformat ${write}`, content: same });
    expect(saved).toMatchObject({ saved: true, version: { number: oneBroken.version.number + 1, validation: { ok: false } } });
    expect(await versions()).toBe(before + 1);
  });
});
