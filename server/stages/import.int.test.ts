import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { listCollections } from '../db/queries/collections';
import { listTools } from '../db/queries/tools';
import { collections, tools } from '../db/schema';
import { ImportError } from '../pipeline/tools/errors';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { importCollection } from './import';

const enc = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Inputs from the importer's corpus of broken files: none of them may leave anything in the database. */
const BROKEN: Array<{ file: string; bytes: Uint8Array }> = [
  { file: 'truncated.json', bytes: enc('{\n  "openapi": "3.0.3",\n  "paths": {"/a": {"get": {"operationId": "a"}') },
  { file: 'tabs.yaml', bytes: enc('openapi: 3.0.3\npaths:\n\t/pets:\n    get:\n      operationId: listPets\n') },
  { file: 'latin1.json', bytes: new Uint8Array([...enc('[{"name": "caf'), 0xe9, ...enc('"}]')]) },
  { file: 'archive.json', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]) },
  { file: 'empty.json', bytes: enc('') },
  { file: 'v1.json', bytes: enc(json({ id: 'c1', name: 'Old', order: ['r1'], requests: [{ id: 'r1', url: 'https://api.test', method: 'GET' }] })) },
  { file: 'events.yaml', bytes: enc('asyncapi: 2.6.0\ninfo:\n  title: Events\n  version: 1.0.0\n') },
  { file: 'nopaths.yaml', bytes: enc('openapi: 3.0.3\ninfo:\n  title: Nothing\n  version: "1"\n') },
  { file: 'unknown.json', bytes: enc(json({ records: [{ id: 1 }] })) },
  { file: 'deep.json', bytes: enc('['.repeat(100_000) + ']'.repeat(100_000)) },
  {
    file: 'bomb.yaml',
    bytes: enc(['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`)].join('\n')),
  },
];

/** An OpenAI tool list of `n` functions, each with one parameter. */
const toolList = (n: number, prefix = 'tool') =>
  enc(
    json(
      Array.from({ length: n }, (_, i) => ({
        type: 'function',
        function: {
          name: `${prefix}_${i}`,
          description: `Tool number ${i}`,
          parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        },
      })),
    ),
  );

describe.each(TEST_DATABASE_KINDS)('importCollection on %s', (kind) => {
  let t: TestDatabase;
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
    await t?.cleanup();
  });

  const open = async () => {
    t = await createTestDatabase(kind);
    studio = await openStudio({ config: t.config, workers: 0 });
    return studio.database.db;
  };
  const rows = async () => {
    const db = studio!.database.db;
    const [c] = await db.select({ n: count() }).from(collections);
    const [tl] = await db.select({ n: count() }).from(tools);
    return { collections: Number(c!.n), tools: Number(tl!.n) };
  };

  it('rejects each broken input with an ImportError naming its file, and stores nothing', async () => {
    const db = await open();
    for (const input of BROKEN) {
      const outcome = importCollection(db, [input], { duplicates: 'keep' });
      await expect(outcome, input.file).rejects.toBeInstanceOf(ImportError);
      await expect(outcome, input.file).rejects.toMatchObject({ file: input.file });
      expect(await rows(), input.file).toEqual({ collections: 0, tools: 0 });
    }
  });

  it('rolls the whole collection back when saving fails part way', async () => {
    const db = await open();
    const bytes = toolList(1300);
    const progress: string[] = [];
    const failing = importCollection(db, [{ file: 'big.json', bytes }], {
      // This report touches no database, so it may run while the transaction holds PGlite's one connection.
      progressWhileSaving: true,
      onProgress: (_, message) => {
        progress.push(message);
        // The first batch of tools is in the transaction by now.
        if (message.startsWith('Saved')) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    const saved = progress.find((m) => m.startsWith('Saved'))!;
    // Counts are written with thousands separators ("Saved 500 of 1,300 tools").
    const [done, total] = (/Saved ([\d,]+) of ([\d,]+)/.exec(saved) ?? []).slice(1).map((n) => Number(n.replace(/,/g, '')));
    expect(total).toBe(1300);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total!);
    expect(await rows()).toEqual({ collections: 0, tools: 0 });

    // The same bytes then import in full: nothing of the failed attempt counts as a duplicate.
    const retry = await importCollection(db, [{ file: 'big.json', bytes }]);
    expect(retry).toMatchObject({ status: 'imported', collection: { tools: 1300 } });
    expect(await rows()).toEqual({ collections: 1, tools: 1300 });
  });

  it('asks about, replaces, or keeps a second import of the same bytes', async () => {
    const db = await open();
    const input = { file: 'tools.json', bytes: toolList(12, 'lookup') };
    const first = await importCollection(db, [input]);
    if (first.status !== 'imported') throw new Error(`first import: ${first.status}`);
    const firstId = first.collection.id;
    expect(await rows()).toEqual({ collections: 1, tools: 12 });

    const asked = await importCollection(db, [input], { duplicates: 'ask' });
    expect(asked).toEqual({ status: 'duplicate', existing: [{ id: firstId, name: first.collection.name }] });
    expect(await rows()).toEqual({ collections: 1, tools: 12 });

    // The same file under another name is the same bytes: still a duplicate.
    const renamed = await importCollection(db, [{ ...input, file: 'copy.json' }], { duplicates: 'ask' });
    expect(renamed.status).toBe('duplicate');

    const replaced = await importCollection(db, [input], { duplicates: 'replace' });
    if (replaced.status !== 'imported') throw new Error(`replace: ${replaced.status}`);
    expect(replaced.replaced).toBe(firstId);
    expect(replaced.collection.id).not.toBe(firstId);
    expect((await listCollections(db)).map((c) => c.id)).toEqual([replaced.collection.id]);
    expect(await rows()).toEqual({ collections: 1, tools: 12 });
    const { items } = await listTools(db, { collectionId: replaced.collection.id, limit: 500 });
    expect(items).toHaveLength(12);

    const kept = await importCollection(db, [input], { duplicates: 'keep' });
    if (kept.status !== 'imported') throw new Error(`keep: ${kept.status}`);
    expect(kept.replaced).toBeNull();
    expect((await listCollections(db)).map((c) => c.id).sort()).toEqual([replaced.collection.id, kept.collection.id].sort());
    expect(await rows()).toEqual({ collections: 2, tools: 24 });
  });
});
