import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The pipeline's layering (ARCHITECTURE.md): a stage imports only earlier stages and the shared
 * kernel (server/pipeline/kernel: states and their diff, canonical JSON, seeded randomness, words,
 * argument parsing, a call's outcome), and nothing outside the pipeline but the error model
 * (server/kernel) and text helpers (lib/text). Tests may put later stages together to check an
 * earlier one (environment code run in the real sandbox), so *.test.ts files are left out; test
 * fixtures may also read server/testing. To be replaced by an ESLint rule.
 */

/** The stages in order; `kernel` is below all of them. A new folder must be placed here. */
export const STAGE_ORDER = [
  'kernel',
  'tools',
  'graph',
  'environment',
  'sandbox',
  'tasks',
  'environment-file',
  'rollout',
  'verify',
  'export',
  'reference',
  'evaluate',
] as const;

const PIPELINE = path.join(__dirname);
const ALLOWED_OUTSIDE = ['server/kernel/', 'lib/text/'];
const FIXTURE_OUTSIDE = ['server/testing/'];

const isTest = (file: string) => file.endsWith('.test.ts');
const isFixture = (file: string) => /(^|\/)test-[^/]*\.ts$|fixture[^/]*\.ts$/.test(file);

type Source = { file: string; text: string };

/** Relative specifiers a source imports, re-exports or loads with import(). */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm;
  for (const m of text.matchAll(re)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found.filter((s) => s.startsWith('.'));
}

/**
 * Every import that breaks the layering, as "file [stage] -> specifier [why]". Files are paths
 * relative to the repository root (server/pipeline/<stage>/...).
 */
export function layeringProblems(sources: Source[]): string[] {
  const problems: string[] = [];
  const stageOf = (file: string) => {
    const rel = path.posix.relative('server/pipeline', file);
    return rel.startsWith('..') || !rel.includes('/') ? null : rel.split('/')[0]!;
  };
  for (const { file, text } of sources) {
    if (isTest(file)) continue;
    const from = stageOf(file);
    if (from === null) continue;
    const rank = STAGE_ORDER.indexOf(from as (typeof STAGE_ORDER)[number]);
    if (rank < 0) {
      problems.push(`${file}: stage folder "${from}" is not in STAGE_ORDER`);
      continue;
    }
    for (const spec of importsOf(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const to = stageOf(target);
      if (to === null) {
        const allowed = [...ALLOWED_OUTSIDE, ...(isFixture(file) ? FIXTURE_OUTSIDE : [])];
        if (!allowed.some((a) => target.startsWith(a))) problems.push(`${file} [${from}] -> ${spec} [outside the pipeline]`);
        continue;
      }
      const toRank = STAGE_ORDER.indexOf(to as (typeof STAGE_ORDER)[number]);
      if (toRank > rank) problems.push(`${file} [${from}] -> ${spec} [${to}, a later stage]`);
      else if (toRank < 0) problems.push(`${file} [${from}] -> ${spec} [unknown stage ${to}]`);
    }
  }
  return problems;
}

function pipelineSources(): Source[] {
  const root = path.resolve(PIPELINE, '..', '..');
  return fs
    .readdirSync(PIPELINE, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f))
    .map((f) => {
      const abs = path.join(PIPELINE, f);
      return { file: path.relative(root, abs).split(path.sep).join('/'), text: fs.readFileSync(abs, 'utf8') };
    });
}

describe('pipeline layering', () => {
  it('finds a backward import, an import from outside the pipeline and an unplaced stage', () => {
    const problems = layeringProblems([
      {
        file: 'server/pipeline/tasks/walk.ts',
        text: "import { a } from '../tasks/model';\nimport type { B } from '../verify/arguments';\nimport { c } from '../kernel/state';",
      },
      {
        file: 'server/pipeline/graph/build.ts',
        text: "import { db } from '../../db/client';\nimport { plural } from '../../../lib/text/plural';\nconst x = await import('../rollout/loop');",
      },
      { file: 'server/pipeline/kernel/state.ts', text: "export type { S } from '../environment/model';" },
      { file: 'server/pipeline/newstage/x.ts', text: '' },
      { file: 'server/pipeline/environment/x.test.ts', text: "import { s } from '../sandbox/sandbox';" },
    ]);
    expect(problems).toEqual([
      'server/pipeline/tasks/walk.ts [tasks] -> ../verify/arguments [verify, a later stage]',
      'server/pipeline/graph/build.ts [graph] -> ../../db/client [outside the pipeline]',
      'server/pipeline/graph/build.ts [graph] -> ../rollout/loop [rollout, a later stage]',
      'server/pipeline/kernel/state.ts [kernel] -> ../environment/model [environment, a later stage]',
      'server/pipeline/newstage/x.ts: stage folder "newstage" is not in STAGE_ORDER',
    ]);
  });

  it('no pipeline file imports a later stage or anything outside the pipeline but the error model and text helpers', () => {
    const sources = pipelineSources();
    // The walk sees the pipeline: hundreds of files and their imports, not an empty folder.
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.flatMap((s) => importsOf(s.text)).length).toBeGreaterThan(500);
    expect(layeringProblems(sources)).toEqual([]);
  });
});
