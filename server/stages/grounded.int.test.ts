import fs from 'node:fs';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { curate, listDomains } from '../db/queries/domains';
import { previewDataRows } from '../db/queries/environment-data';
import { environmentData, referenceChecks, tools } from '../db/schema';
import { runEnvgen } from './envgen';
import { runSample } from './sample';
import { getSandbox } from '../pipeline/sandbox/sandbox';
import type { Studio } from '../studio';
import { TEST_DATABASE_KINDS } from '../testing/databases';
import { studioPerTest } from '../testing/test-studio';
import { retailGraph } from '../testing/retail-studio';
import { sharedData } from '../testing/shared-data';
import { attachData } from './environment-data';
import { UserError } from '../kernel/errors';
import { checkReference, domainVersion, replayOnVersion } from './reference';

const quiet = async () => {};
const retail = (f: string) => sharedData('taubench', 'retail', f);

/** τ-bench retail's tools as one domain (what keeping the collection whole gives). */
async function retailDomain(db: Studio['database']['db'], studio: Studio) {
  await retailGraph(db, studio.config);
  const [first] = await listDomains(db);
  await curate.move(
    db,
    (await db.select({ id: tools.id }).from(tools)).map((t) => t.id),
    first!.id,
  );
  return first!.id;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    },
  );

describe.each(TEST_DATABASE_KINDS)('grounded environments on %s', (kind) => {
  const openStudioForTest = studioPerTest(kind);

  it('grounds a version in db.json, previews its rows, samples tasks on it, replays and checks it against the reference', { timeout: 600_000 }, async () => {
    const { studio, db } = await openStudioForTest();
    const domainId = await retailDomain(db, studio);

    // Bad files are refused with the place, and nothing is stored.
    expect(await refusal(attachData(db, domainId, '{"users": {', 'broken.json'))).toMatch(/^broken\.json at line 1, column \d+: not valid JSON/);
    expect(await refusal(attachData(db, domainId, JSON.stringify({ planets: { p1: { name: 'Mars' } } }), 'planets.json'))).toMatch(
      /planets\.json at planets: .*no tool/,
    );
    expect(await refusal(attachData(db, domainId, JSON.stringify({ orders: [{ id: 'o1' }, { status: 'x' }] }), 'list.json'))).toMatch(
      /list\.json at orders\[1\]\.id: this row has no key/,
    );
    expect(Number((await db.select({ n: count() }).from(environmentData))[0]!.n)).toBe(0);

    const data = await attachData(db, domainId, fs.readFileSync(retail('db.json'), 'utf8'), 'db.json');
    expect(data.rows).toBe(1550);
    expect(data.tables.map((x) => x.name).sort()).toEqual(['orders', 'products', 'users']);
    const env = await runEnvgen(db, studio.config, { domainIds: [domainId], all: false, generator: 'heuristic', seed: 7, dataId: data.id }, quiet);
    expect(env.failures).toEqual([]);
    expect(env.environments[0]!.data).toBe('db.json');
    expect(env.environments[0]!.passed).toBeGreaterThanOrEqual(14);

    // Previews page through a table in key order without loading the state.
    const page1 = await previewDataRows(db, data.id, 'orders', null, 5);
    const page2 = await previewDataRows(db, data.id, 'orders', page1.next, 5);
    expect(page1.rows).toHaveLength(5);
    expect(page1.rows[4]!.key < page2.rows[0]!.key).toBe(true);
    expect(page2.rows[0]!.row).toHaveProperty('user_id');

    // A regenerated version keeps the data; tasks start from it.
    const again = await runEnvgen(db, studio.config, { domainIds: [domainId], all: false, generator: 'heuristic', seed: 7 }, quiet);
    expect(again.environments[0]!.data).toBe('db.json');
    const sampled = await runSample(
      db,
      studio.config,
      { domainIds: [domainId], all: false, settings: { n: 3, seed: 3, minCalls: 1, maxCalls: 3, rows: 20 }, intentWriter: 'template' },
      quiet,
    );
    expect(sampled.failures).toEqual([]);
    expect(sampled.tasks.length).toBeGreaterThan(0);
    expect(sampled.tasks.flatMap((x) => x.calls).length).toBeGreaterThan(0);

    const version = await domainVersion(db, domainId);
    const reference = JSON.parse(fs.readFileSync(sharedData('reference', 'taubench-retail.json'), 'utf8')) as {
      tasks: Array<{ id: number; calls: Array<{ name: string; arguments: unknown }> }>;
    };
    const replayed = await replayOnVersion(db, getSandbox(), {
      version,
      text: JSON.stringify(reference.tasks.slice(0, 3).map((x) => ({ id: x.id, calls: x.calls.map((c) => ({ name: c.name, arguments: c.arguments })) }))),
      fileName: 'tasks.json',
    });
    expect(replayed.map((r) => r.id)).toEqual(reference.tasks.slice(0, 3).map((x) => x.id));
    expect(replayed[0]!.calls[0]).toMatchObject({ name: reference.tasks[0]!.calls[0]!.name, ok: true });

    const check = await checkReference(db, getSandbox(), {
      version,
      text: JSON.stringify({ tasks: reference.tasks.slice(0, 20) }),
      fileName: 'taubench-retail.json',
    });
    expect(check.score.load).toMatchObject({ agree: 1550, total: 1550, errors: [] });
    expect(check.score.calls.agree / check.score.calls.total).toBeGreaterThanOrEqual(0.95);
    expect(Number((await db.select({ n: count() }).from(referenceChecks))[0]!.n)).toBe(1);

    // A reference calling a tool the environment lacks is refused by that tool's name.
    const missing = { tasks: [{ id: 1, calls: [{ name: 'teleport_order', arguments: {}, ok: true, output: null }], final_diff: [] }] };
    expect(await refusal(checkReference(db, getSandbox(), { version, text: JSON.stringify(missing), fileName: 'ref.json' }))).toMatch(
      /ref\.json calls a tool version \d+ of .* does not have: teleport_order/,
    );
  });
});
