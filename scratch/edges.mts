import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
const N = 30000, E = 433000;
const ids = Array.from({ length: N }, () => randomUUID());
const reasons = Array.from({ length: 3000 }, (_, i) => `shares user_id and order_id (${i}) with a longer explanation text`);
const edges = Array.from({ length: E }, (_, k) => ({ s: k % N, t: (k % N + (Math.floor(k / N) + 1) * 97) % N, w: Math.random(), r: k % 3000 }));
async function run(label: string, ddl: string, insert: (db: PGlite, build: string) => Promise<void>) {
  const db = new PGlite();
  await db.exec(`create table tools (id uuid primary key); create table builds (id uuid primary key);` + ddl);
  await db.query(`insert into tools select * from unnest($1::uuid[])`, [ids]);
  const build = randomUUID();
  await db.query(`insert into builds values ($1)`, [build]);
  const t0 = performance.now();
  await insert(db, build);
  console.log(label, ((performance.now() - t0) / 1000).toFixed(1), 's');
  await db.close();
}
const CH = 50000;
const current = async (db: PGlite, b: string) => {
  for (let i = 0; i < E; i += CH) {
    const c = edges.slice(i, i + CH);
    await db.query(`insert into edges (build_id, source, target, weight, direction, reason) select $1::uuid, * from unnest($2::uuid[], $3::uuid[], $4::real[], $5::text[], $6::text[])`, [b, c.map((e) => ids[e.s]), c.map((e) => ids[e.t]), c.map((e) => e.w), c.map(() => 'forward'), c.map((e) => reasons[e.r])]);
  }
};
const base = `build_id uuid not null references builds(id) on delete cascade, weight real not null, direction text not null, reason text not null`;
await run('current (fk+pk+idx)', `create table edges (${base}, source uuid not null references tools(id) on delete cascade, target uuid not null references tools(id) on delete cascade, primary key (build_id, source, target)); create index on edges (build_id, target);`, current);
await run('no tool fks', `create table edges (${base}, source uuid not null, target uuid not null, primary key (build_id, source, target)); create index on edges (build_id, target);`, current);
await run('no fks no indexes', `create table edges (build_id uuid not null, weight real not null, direction text not null, reason text not null, source uuid not null, target uuid not null);`, current);
await run('ints + reason codes, pk+idx, no fks', `create table edges (build_id uuid not null references builds(id) on delete cascade, source int not null, target int not null, weight real not null, forward boolean not null, reason int not null, primary key (build_id, source, target)); create index on edges (build_id, target);`, async (db, b) => {
  for (let i = 0; i < E; i += CH) {
    const c = edges.slice(i, i + CH);
    await db.query(`insert into edges (build_id, source, target, weight, forward, reason) select $1::uuid, * from unnest($2::int[], $3::int[], $4::real[], $5::bool[], $6::int[])`, [b, c.map((e) => e.s), c.map((e) => e.t), c.map((e) => e.w), c.map(() => true), c.map((e) => e.r)]);
  }
});
