import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setDomainTargets } from '../db/queries/domains';
import { countExportableParts, deleteExport, exportFileStream, getExport } from '../db/queries/exports';
import { listReviewQueue, reviewTrajectory } from '../db/queries/reviews';
import { getTrajectory } from '../db/queries/trajectories';
import { exportChunks, exportsTable } from '../db/schema';
import { exportManifest } from '../pipeline/export/manifest';
import { checkOpenAiRecord } from '../pipeline/export/openai';
import { checkShareGptRecord } from '../pipeline/export/sharegpt';
import type { Studio } from '../studio';
import { TEST_DATABASE_KINDS, waitFor } from '../testing/databases';
import { studioPerTest } from '../testing/test-studio';
import { retailRun } from '../testing/retail-studio';
import { addTestUser } from '../testing/users';
import { ExportTargetsError, launchExport, runExport } from './export';

async function download(studio: Studio, exportId: string) {
  const file = await exportFileStream(studio.database.db, exportId);
  if (!file) return null;
  return { manifest: file.manifest, bytes: file.bytes, text: await new Response(file.stream).text() };
}

describe.each(TEST_DATABASE_KINDS)('exports on %s', (kind) => {
  const openStudioForTest = studioPerTest(kind);

  it('exports accepted trajectories (optionally unreviewed passes) as a job, with a manifest; phase 2 keeps the marked targets', async () => {
    const { studio, db } = await openStudioForTest({ workers: 1 });
    const run = await retailRun(db, studio.config, { perDomain: 4, noise: ['malformed_call'], noiseRate: 0.5 });
    const ana = await addTestUser(studio, 'reviewer', 'ana');

    const queue = (await listReviewQueue(db, { runId: run.id })).items;
    const passed = queue.filter((q) => q.passed);
    const failed = queue.filter((q) => !q.passed);
    expect(passed.length).toBeGreaterThanOrEqual(3);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    // Accept two passes and one failure (a reviewer may overrule the filters), reject one pass.
    const accepted = [passed[0]!, passed[1]!, failed[0]!];
    for (const a of accepted) await reviewTrajectory(db, a.id, { verdict: 'accepted' }, ana);
    await reviewTrajectory(db, passed[2]!.id, { verdict: 'rejected', reason: 'wrong tool' }, ana);

    const enqueue = (i: unknown) => studio.jobs.enqueue('export', i);
    const finished = async (exportId: string) =>
      waitFor('the export job', async () => {
        const row = await getExport(db, exportId);
        if (row?.status === 'failed') throw new Error(`export failed: ${row.error}`);
        return row?.status === 'completed' && row;
      });

    // The form's preview: three accepted, one of which failed verification.
    expect(await countExportableParts(db, { source: 'accepted', phase: 1, targets: [] })).toEqual({ total: 3, failedVerification: 1 });
    expect(await countExportableParts(db, { source: 'accepted_or_passed', phase: 1, targets: [] })).toEqual({
      total: passed.length - 1 + 1,
      failedVerification: 1,
    });

    // Phase 1, accepted only: exactly the three accepted, whatever the filters said.
    const general = await launchExport(db, enqueue, { format: 'openai', phase: 1 });
    const row = await finished(general.exportId);
    expect(row.manifest).not.toBeNull();
    const got = (await download(studio, general.exportId))!;
    const lines = got.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(got.bytes).toBe(Buffer.byteLength(got.text));
    for (const line of lines) expect(checkOpenAiRecord(JSON.parse(line))).toEqual([]);
    // The records are the accepted trajectories' conversations, in the order they finished.
    const conversations = await Promise.all(accepted.map(async (a) => (await getTrajectory(db, a.id))!.trajectory));
    conversations.sort((a, b) => a.seq - b.seq);
    // Each record ends on the agent: the user's closing line is left out.
    expect(lines.map((l) => (JSON.parse(l) as { messages: unknown[] }).messages.length)).toEqual(conversations.map((c) => c.messages.length - 1));
    expect(lines.map((l) => JSON.stringify((JSON.parse(l) as { messages: Array<{ role: string }> }).messages.find((m) => m.role === 'user')))).toEqual(
      conversations.map((c) => JSON.stringify(c.messages.find((m) => m.role === 'user'))),
    );
    const manifest = exportManifest.parse(got.manifest);
    expect(manifest).toMatchObject({ format: 'openai', phase: 1, source: 'accepted', records: 3, failedVerification: 1, targets: [] });
    expect(manifest.domains.reduce((n, d) => n + d.records, 0)).toBe(3);
    expect(manifest.environmentVersions.reduce((n, v) => n + v.records, 0)).toBe(3);
    expect(manifest.environmentVersions.every((v) => v.number === 1)).toBe(true);
    const written = lines.flatMap(
      (l) => (JSON.parse(l) as { messages: Array<{ role: string; weight?: number; tool_calls?: Array<{ function: { arguments: string } }> }> }).messages,
    );
    expect(manifest.trainedMessages).toBe(written.filter((m) => m.role === 'assistant' && m.weight === 1).length);
    // The accepted failure's malformed call is in the file, kept as context and not trained on.
    const masked = written.filter((m) => m.role === 'assistant' && m.weight === 0);
    expect(masked.length).toBeGreaterThanOrEqual(1);
    expect(manifest.maskedMessages).toBe(masked.length);
    expect(masked.some((m) => m.tool_calls?.some((c) => !isJsonObject(c.function.arguments)))).toBe(true);

    // Plus unreviewed passes, in ShareGPT: every pass but the rejected one, and the accepted failure.
    const wide = await launchExport(db, enqueue, { format: 'sharegpt', phase: 1, source: 'accepted_or_passed' });
    await finished(wide.exportId);
    const wideFile = (await download(studio, wide.exportId))!;
    const wideLines = wideFile.text.trim().split('\n');
    expect(wideLines).toHaveLength(passed.length - 1 + 1);
    for (const line of wideLines) expect(checkShareGptRecord(JSON.parse(line))).toEqual([]);

    // Phase 2 without marked targets is refused before anything is stored.
    const [before] = await db.select({ n: count() }).from(exportsTable);
    await expect(launchExport(db, enqueue, { format: 'openai', phase: 2 })).rejects.toBeInstanceOf(ExportTargetsError);
    const [after] = await db.select({ n: count() }).from(exportsTable);
    expect(Number(after!.n)).toBe(Number(before!.n));

    // Mark the domain of the accepted failure: phase 2 holds only that domain's accepted trajectories.
    const targetName = failed[0]!.domainName;
    const domainOfFailed = (await getTrajectory(db, failed[0]!.id))!.trajectory.domainId!;
    expect(await setDomainTargets(db, [domainOfFailed], true)).toBe(1);
    const vertical = await launchExport(db, enqueue, { format: 'openai', phase: 2 });
    await finished(vertical.exportId);
    const vFile = (await download(studio, vertical.exportId))!;
    const expected = accepted.filter((a) => a.domainName === targetName).length;
    expect(vFile.text.trim().split('\n')).toHaveLength(expected);
    expect(vFile.manifest).toMatchObject({ phase: 2, targets: [{ id: domainOfFailed, name: targetName }], records: expected });
    expect(vFile.manifest.domains.map((d) => d.name)).toEqual([targetName]);

    // The command line writes the same records and the manifest beside them.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
    try {
      const cli = await runExport(db, { format: 'openai', phase: 1, out: path.join(dir, 'general.jsonl') });
      expect(fs.readFileSync(cli.file, 'utf8')).toBe(got.text);
      expect(exportManifest.parse(JSON.parse(fs.readFileSync(cli.manifestFile, 'utf8'))).records).toBe(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // Deleting an export deletes its file.
    expect(await deleteExport(db, general.exportId)).toBe(true);
    expect(await download(studio, general.exportId)).toBeNull();
    const [chunks] = await db.select({ n: count() }).from(exportChunks).where(eq(exportChunks.exportId, general.exportId));
    expect(Number(chunks!.n)).toBe(0);
  });
});

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}
