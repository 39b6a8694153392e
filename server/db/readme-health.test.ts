import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

describe("the README's health example", () => {
  it('names the newest migration, as `curl /api/health` prints it on a fresh studio', () => {
    const journal = JSON.parse(fs.readFileSync(path.join(root, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
    const newest = journal.entries.reduce((a, b) => (b.idx > a.idx ? b : a)).tag;
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const example = /`(\{"status":"ok"[^`]*\})`/.exec(readme)?.[1];
    expect(example, 'a health example in the README').toBeDefined();
    expect(JSON.parse(example!)).toEqual({ status: 'ok', database: 'pglite', migration: newest, pendingMigrations: 0 });
  });
});
