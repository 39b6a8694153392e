// The house rules of ARCHITECTURE.md ("How data flows") as the real eslint.config.mjs enforces them:
// snippets linted as if they were files at the given paths. `npm run lint` (in `npm test`, so in
// `.ci/run`) fails on any error, so an error here is a failed CI run.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map((m) => ({ rule: m.ruleId, severity: m.severity, message: m.message }));
}

const restricted = <M extends { rule: string | null; severity: number }>(messages: M[]) =>
  messages.filter((m) => m.rule === 'no-restricted-imports' && m.severity === 2);

describe('server/pipeline imports no database, jobs, API, stages, Next or React', () => {
  it('refuses a relative import of the database client', async () => {
    const messages = await lint('server/pipeline/trains/timetable.ts', "import { db } from '../../db/client';\nexport const trains = db;\n");
    expect(restricted(messages)).toHaveLength(1);
    expect(restricted(messages)[0]!.message).toMatch(/server\/pipeline must not import the database/);
  });

  it('refuses the same layers through the @/ alias, from any depth, even as types', async () => {
    const code = [
      "import { enqueue } from '@/server/jobs/queue';",
      "import { appRouter } from '../../../api/root';",
      "import { loadParcels } from '../../stages/parcels';",
      "import type { ParcelRow } from '../../../db/schema';",
      'export const parcels: ParcelRow[] = [enqueue, appRouter, loadParcels] as never;',
      '',
    ].join('\n');
    expect(restricted(await lint('server/pipeline/parcels/routes/plan.ts', code))).toHaveLength(4);
  });

  it('refuses Next, React, drizzle-orm and pg-boss', async () => {
    const code = [
      "import { NextResponse } from 'next/server';",
      "import { useState } from 'react';",
      "import { eq } from 'drizzle-orm';",
      "import { PgBoss } from 'pg-boss';",
      'export const all = [NextResponse, useState, eq, PgBoss];',
      '',
    ].join('\n');
    expect(restricted(await lint('server/pipeline/trains/board.ts', code))).toHaveLength(4);
  });

  it('passes a pipeline file that imports other pipeline modules, the kernel and libraries', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { canonicalJson } from '../state/canonical';",
      "import { AppError } from '../../kernel/errors';",
      "import type { Tool } from '../tools/model';",
      'export const Train = z.object({ id: z.string() });',
      'export const describe = (tool: Tool) => (tool.name ? canonicalJson(tool) : new AppError());',
      '',
    ].join('\n');
    expect(await lint('server/pipeline/trains/describe.ts', code)).toEqual([]);
  });
});

describe('components and pages import server code only as types', () => {
  it('refuses a value imported from server code, by alias or relative path', async () => {
    const code = [
      "import { parcelSchema } from '@/server/pipeline/parcels/model';",
      "import { MAX_TRAINS } from '../../server/db/queries/trains';",
      'export const limits = [parcelSchema, MAX_TRAINS];',
      '',
    ].join('\n');
    const messages = restricted(await lint('components/parcels/ParcelList.tsx', code));
    expect(messages).toHaveLength(2);
    expect(messages[0]!.message).toMatch(/only with `import type`/);
    expect(
      restricted(await lint('app/parcels/page.tsx', "import { listTrains } from '@/server/db/queries/trains';\nexport default listTrains;\n")),
    ).toHaveLength(1);
  });

  it('passes the same imports written as types', async () => {
    const code = [
      "import type { Parcel } from '@/server/pipeline/parcels/model';",
      "import { type TrainRow } from '../../server/db/queries/trains';",
      'export function label(parcel: Parcel, train: TrainRow): string {',
      '  return `${parcel.id} on ${train.id}`;',
      '}',
      '',
    ].join('\n');
    expect(await lint('components/parcels/ParcelLabel.tsx', code)).toEqual([]);
  });

  it('lets app/api routes, which run on the server, import server code', async () => {
    const code = "import { listTrains } from '@/server/db/queries/trains';\nexport async function GET() {\n  return Response.json(await listTrains());\n}\n";
    expect(await lint('app/api/trains/route.ts', code)).toEqual([]);
  });
});
