import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { EnvironmentContent, ValidationReport } from '../../pipeline/environment/model';
import type { GraphTool } from '../../pipeline/graph/model';
import type { Db } from '../client';
import { domains, domainTools, environmentVersions, tools } from '../schema';

export type EnvironmentVersionRow = typeof environmentVersions.$inferSelect;

/** The tools of a domain in the shape the generators read. */
export async function domainGraphTools(db: Db, domainId: string): Promise<GraphTool[]> {
  const rows = await db
    .select({ id: tools.id, name: tools.name, description: tools.description, op: tools.op, parameters: tools.parameters, returns: tools.returns })
    .from(domainTools)
    .innerJoin(tools, eq(tools.id, domainTools.toolId))
    .where(and(eq(domainTools.domainId, domainId), eq(domainTools.dropped, false)))
    .orderBy(tools.name);
  return rows as GraphTool[];
}

/**
 * Saves a new version numbered after the domain's latest. `dataId` undefined: the version starts
 * from the same data as its parent (an edit of a grounded version stays grounded); null: none.
 */
export async function saveEnvironmentVersion(
  db: Db,
  v: {
    domainId: string;
    parentId: string | null;
    generator: EnvironmentVersionRow['generator'];
    message: string;
    content: EnvironmentContent;
    validation: ValidationReport | null;
    dataId?: string | null;
  },
): Promise<EnvironmentVersionRow> {
  return db.transaction(async (tx) => {
    let dataId = v.dataId;
    if (dataId === undefined) {
      const [parent] = v.parentId
        ? await tx.select({ dataId: environmentVersions.dataId }).from(environmentVersions).where(eq(environmentVersions.id, v.parentId))
        : [];
      dataId = parent?.dataId ?? null;
    }
    const [domain] = await tx.select({ name: domains.name }).from(domains).where(eq(domains.id, v.domainId));
    if (!domain) throw new Error(`no domain ${v.domainId}`);
    // Serialise numbering per domain: two saves at once must not both become version n.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${v.domainId}))`);
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${environmentVersions.number}), 0)::int` })
      .from(environmentVersions)
      .where(eq(environmentVersions.domainId, v.domainId));
    const [row] = await tx
      .insert(environmentVersions)
      .values({ ...v, dataId, domainName: domain.name, number: Number(last?.n ?? 0) + 1 })
      .returning();
    return row!;
  });
}

export async function getEnvironmentVersion(db: Db, id: string) {
  const [row] = await db.select().from(environmentVersions).where(eq(environmentVersions.id, id));
  return row ?? null;
}

export async function latestEnvironmentVersion(db: Db, domainId: string) {
  const [row] = await db
    .select()
    .from(environmentVersions)
    .where(eq(environmentVersions.domainId, domainId))
    .orderBy(desc(environmentVersions.number))
    .limit(1);
  return row ?? null;
}

/** A domain's versions, newest first, without their (large) content. */
export async function listEnvironmentVersions(db: Db, domainId: string) {
  return db
    .select({
      id: environmentVersions.id,
      number: environmentVersions.number,
      parentId: environmentVersions.parentId,
      generator: environmentVersions.generator,
      message: environmentVersions.message,
      createdAt: environmentVersions.createdAt,
      passed: sql<number | null>`(${environmentVersions.validation} ->> 'passed')::int`,
      failed: sql<number | null>`(${environmentVersions.validation} ->> 'failed')::int`,
    })
    .from(environmentVersions)
    .where(eq(environmentVersions.domainId, domainId))
    .orderBy(desc(environmentVersions.number));
}

/**
 * Every domain with its latest version's summary (none yet: nulls), and the retired domains that
 * have an environment: made on a previous build's domain, still there to open and compare.
 */
export async function environmentsOverview(db: Db) {
  const latest = db
    .selectDistinctOn([environmentVersions.domainId], {
      domainId: environmentVersions.domainId,
      id: environmentVersions.id,
      number: environmentVersions.number,
      generator: environmentVersions.generator,
      createdAt: environmentVersions.createdAt,
      tables: sql<number>`jsonb_array_length(${environmentVersions.content} -> 'schema' -> 'tables')`.as('tables'),
      passed: sql<number | null>`(${environmentVersions.validation} ->> 'passed')::int`.as('passed'),
      failed: sql<number | null>`(${environmentVersions.validation} ->> 'failed')::int`.as('failed'),
    })
    .from(environmentVersions)
    .orderBy(environmentVersions.domainId, desc(environmentVersions.number))
    .as('latest');
  return db
    .select({
      domainId: domains.id,
      domainName: domains.name,
      retiredAt: domains.retiredAt,
      tools: sql<number>`(select count(*)::int from ${domainTools} dt where dt.domain_id = ${domains.id} and not dt.dropped)`,
      versionId: latest.id,
      number: latest.number,
      generator: latest.generator,
      tables: latest.tables,
      passed: latest.passed,
      failed: latest.failed,
      createdAt: latest.createdAt,
    })
    .from(domains)
    .leftJoin(latest, eq(latest.domainId, domains.id))
    .where(or(isNull(domains.retiredAt), isNotNull(latest.id)))
    .orderBy(domains.name);
}

export async function domainIdsWithTools(db: Db, ids?: string[]) {
  const rows = await db
    .selectDistinct({ id: domainTools.domainId })
    .from(domainTools)
    .where(and(sql`${domainTools.domainId} is not null`, eq(domainTools.dropped, false), ids ? inArray(domainTools.domainId, ids) : undefined));
  return rows.map((r) => r.id!);
}
