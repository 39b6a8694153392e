import { inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { uploads } from '../schema';

export async function saveUpload(db: Db, name: string, content: Uint8Array) {
  const [row] = await db.insert(uploads).values({ name, content, size: content.length }).returning({ id: uploads.id, name: uploads.name, size: uploads.size });
  return row!;
}

/** The files of an import, in the order asked for; bytes as a Uint8Array on both drivers. */
export async function loadUploads(db: Db, ids: string[]) {
  const rows = await db.select().from(uploads).where(inArray(uploads.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id, file: r.name, bytes: new Uint8Array(r.content.buffer, r.content.byteOffset, r.content.byteLength) }] : [];
  });
}

export async function deleteUploads(db: Db, ids: string[]) {
  if (ids.length) await db.delete(uploads).where(inArray(uploads.id, ids));
}

/** Uploads nobody imported (a closed tab) are dropped after a day. */
export async function purgeStaleUploads(db: Db) {
  await db.delete(uploads).where(lt(uploads.createdAt, sql`now() - interval '1 day'`));
}
