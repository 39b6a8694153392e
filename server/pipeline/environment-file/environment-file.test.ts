import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DATE } from '../environment/fake-values';
import type { EnvironmentContent, ValidationReport } from '../environment/model';
import { validateEnvironment } from '../environment/validate';
import { retailContent } from '../rollout/test-retail';
import { Sandbox } from '../sandbox/sandbox';
import { canonicalJson } from '../kernel/state';
import { sampleSettings, type Task, type WalkEdge } from '../tasks/model';
import { replayGold } from '../tasks/replay';
import { sampleTasks } from '../tasks/walk';
import { EnvironmentFileError, jsonPath, nulProblems } from './check';
import { environmentFileName, exportEnvironment, type ExportInput } from './export';
import { ENVIRONMENT_FILE_FORMAT } from './format';
import { parseEnvironmentFile } from './import';

const SEED = 1;
const ROWS = 20;

/** Every pair of tools, walkable either way. */
function allPairs(content: EnvironmentContent): WalkEdge[] {
  const ids = content.tools.map((t) => t.toolId);
  return ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ source: a, target: b, direction: 'both' as const })));
}

function errorOf(fn: () => unknown): EnvironmentFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EnvironmentFileError) return e;
    throw e;
  }
  throw new Error('expected an EnvironmentFileError');
}

describe('environment files on τ-bench retail', { timeout: 120_000 }, () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());
  const content = retailContent();
  let report: ValidationReport;
  let tasks: Task[];
  let input: ExportInput;
  let text: string;

  beforeAll(async () => {
    report = await validateEnvironment(content, sandbox, { seed: SEED, rows: ROWS });
    const sampled = await sampleTasks({ content, edges: allPairs(content) }, sandbox, sampleSettings.parse({ n: 6, seed: SEED, rows: ROWS }));
    tasks = sampled.tasks;
    input = {
      domain: { name: 'Retail orders' },
      environment: { number: 3, generator: 'heuristic', message: 'first draft', createdAt: new Date('2026-11-01T10:00:00Z'), content },
      seedState: { seed: SEED, rows: ROWS },
      tasks,
    };
    text = exportEnvironment(input);
  }, 120_000);

  it('sampled something worth exporting', () => {
    expect(report.passed).toBeGreaterThan(0);
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(tasks.some((t) => !t.readOnly)).toBe(true);
  });

  it('exports pretty JSON that imports back identically', () => {
    expect(text.startsWith('{\n  "format": "environment-studio/environment",\n  "version": 1,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const file = parseEnvironmentFile(text, 'env.json');
    expect(file.format).toBe(ENVIRONMENT_FILE_FORMAT);
    expect(file.domain).toEqual({ name: 'Retail orders' });
    expect(file.environment).toMatchObject({ number: 3, generator: 'heuristic', message: 'first draft', createdAt: '2026-11-01T10:00:00.000Z' });
    expect(file.environment.content).toEqual(content);
    // Columns and parameters keep their order: seeding and argument sampling walk them in order.
    expect(canonicalJson(file.environment.content)).toBe(canonicalJson(content));
    expect(JSON.stringify(file.environment.content.schema)).toBe(JSON.stringify(content.schema));
    expect(file.seedState).toEqual({ seed: SEED, rows: ROWS });
    const asTrain = tasks.map((t) => ({ ...t, split: 'train' }));
    expect(canonicalJson(file.tasks)).toBe(canonicalJson(asTrain));
    expect(file.tasks).toEqual(asTrain);
  });

  it('marks held-out tasks, so they stay out of training where the file is imported; older files read as training tasks', () => {
    const marked = exportEnvironment({ ...input, tasks: tasks.map((t, i) => (i === 1 ? { ...t, split: 'heldout' as const } : t)) });
    const file = parseEnvironmentFile(marked, 'env.json');
    expect(file.tasks.map((t) => t.split)).toEqual(tasks.map((_, i) => (i === 1 ? 'heldout' : 'train')));
    expect(exportEnvironment(file)).toBe(marked);

    const older = JSON.parse(marked);
    for (const t of older.tasks) delete t.split;
    expect(parseEnvironmentFile(JSON.stringify(older), 'old.json').tasks.every((t) => t.split === 'train')).toBe(true);

    older.tasks[0].split = 'test';
    expect(errorOf(() => parseEnvironmentFile(JSON.stringify(older), 'env.json')).message).toBe(
      'env.json: tasks[0].split: expected one of "train"|"heldout", received "test"',
    );
  });

  it('the imported content validates exactly as the original', async () => {
    const file = parseEnvironmentFile(text, 'env.json');
    const again = await validateEnvironment(file.environment.content, sandbox, { seed: file.seedState.seed, rows: file.seedState.rows });
    expect(again).toEqual(report);
    expect(canonicalJson(again)).toBe(canonicalJson(report));
  });

  it("replaying each imported task's calls gives its gold final state", async () => {
    const file = parseEnvironmentFile(text, 'env.json');
    const { content: imported } = file.environment;
    for (const [i, task] of file.tasks.entries()) {
      const planned = task.calls.map((c) => ({ tool: imported.tools.find((t) => t.toolId === c.toolId)!, arguments: c.arguments, derived: c.derived ?? [] }));
      const gold = await replayGold(sandbox, task.initialState, planned, { seed: task.seed, now: REFERENCE_DATE, schema: imported.schema });
      if (!gold.ok) throw new Error(`task ${i}: ${gold.reason}`);
      expect(canonicalJson(gold.finalState), `task ${i}`).toBe(canonicalJson(tasks[i]!.finalState));
      expect(canonicalJson(gold.calls), `task ${i}`).toBe(canonicalJson(tasks[i]!.calls));
    }
  });

  it('is byte-identical when exported again, from the imported file or from reordered input', () => {
    expect(exportEnvironment(input)).toBe(text);
    const file = parseEnvironmentFile(text, 'env.json');
    expect(exportEnvironment({ ...file, environment: { ...file.environment } })).toBe(text);
    const reordered: ExportInput = {
      tasks: input.tasks.map((t) => ({
        fingerprint: t.fingerprint,
        intent: t.intent,
        intentWriter: t.intentWriter,
        readOnly: t.readOnly,
        finalState: t.finalState,
        calls: t.calls,
        initialState: t.initialState,
        seed: t.seed,
      })),
      seedState: { rows: ROWS, seed: SEED },
      environment: {
        content: { tools: content.tools, schema: content.schema },
        createdAt: '2026-11-01T10:00:00.000Z',
        message: 'first draft',
        generator: 'heuristic',
        number: 3,
      },
      domain: { name: 'Retail orders' },
    };
    expect(exportEnvironment(reordered)).toBe(text);
  });

  it('refuses text that is not JSON, or not an environment file', () => {
    expect(errorOf(() => parseEnvironmentFile('{"format": ', 'env.json')).message).toMatch(/^env\.json: not valid JSON \(/);
    expect(errorOf(() => parseEnvironmentFile('[1, 2]', 'env.json')).message).toBe('env.json: expected a JSON object, found an array');
    const other = JSON.stringify({ ...JSON.parse(text), format: 'tau-bench/db' });
    expect(errorOf(() => parseEnvironmentFile(other, 'env.json')).message).toBe(
      'env.json: not an Environment Studio environment file: it has format "tau-bench/db", expected "environment-studio/environment"',
    );
    const none = JSON.stringify({ tables: [] });
    expect(errorOf(() => parseEnvironmentFile(none, 'env.json')).message).toBe(
      'env.json: not an Environment Studio environment file: it has no "format", expected "environment-studio/environment"',
    );
    const newer = JSON.stringify({ ...JSON.parse(text), version: 2 });
    expect(errorOf(() => parseEnvironmentFile(newer, 'env.json')).message).toBe(
      'env.json: unsupported environment file version 2, made by a newer Environment Studio: this build reads version 1',
    );
  });

  it('names the JSON path of every part that is wrong', () => {
    const broken = JSON.parse(text);
    delete broken.environment.content.tools[3].code;
    broken.environment.content.tools[5].op = 'delete';
    broken.tasks[0].intentWriter = 'human';
    const e = errorOf(() => parseEnvironmentFile(JSON.stringify(broken), 'env.json'));
    expect(e.fileName).toBe('env.json');
    expect(e.problems).toHaveLength(3);
    expect(e.message).toContain('env.json: environment.content.tools[3].code: expected string, received undefined');
    expect(e.message).toContain('env.json: environment.content.tools[5].op: expected one of "read"|"write", received "delete"');
    expect(e.message).toContain('env.json: tasks[0].intentWriter: expected one of "template"|"llm", received "human"');
  });

  it('refuses a task changed after export, naming it', () => {
    const tampered = JSON.parse(text);
    const call = tampered.tasks[1].calls[0];
    const key = Object.keys(call.arguments)[0];
    if (key) call.arguments[key] = `${call.arguments[key]}x`;
    else call.name = 'something_else';
    expect(errorOf(() => parseEnvironmentFile(JSON.stringify(tampered), 'env.json')).message).toContain(
      'env.json: tasks[1].fingerprint: task 1 does not match its fingerprint (its initial state or calls were changed)',
    );

    const state = JSON.parse(text);
    const table = Object.keys(state.tasks[2].initialState)[0]!;
    const row = Object.keys(state.tasks[2].initialState[table])[0]!;
    state.tasks[2].initialState[table][row].extra = 1;
    expect(errorOf(() => parseEnvironmentFile(JSON.stringify(state), 'env.json')).problems).toEqual([
      'tasks[2].fingerprint: task 2 does not match its fingerprint (its initial state or calls were changed)',
    ]);
  });

  it('refuses tasks that call tools the version does not have, or misstate readOnly', () => {
    const file = JSON.parse(text);
    const writing = file.tasks.findIndex((t: Task) => !t.readOnly);
    file.tasks[writing].readOnly = true;
    const removed = file.tasks[0].calls[0].toolId;
    file.environment.content.tools = file.environment.content.tools.filter((t: { toolId: string }) => t.toolId !== removed);
    const e = errorOf(() => parseEnvironmentFile(JSON.stringify(file), 'env.json'));
    expect(e.problems).toContain(`tasks[0].calls[0].toolId: tool "${removed}" (${file.tasks[0].calls[0].name}) is not in the environment`);
    expect(e.problems).toContain(`tasks[${writing}].readOnly: is true, but the task writes`);
  });

  it('keeps a call whose tool returned nothing, which JSON leaves without a result', () => {
    const t = tasks[0]!;
    const quiet = { ...input, tasks: [{ ...t, calls: t.calls.map((c, i) => (i === 0 ? { ...c, result: undefined } : c)) }] };
    const out = exportEnvironment(quiet);
    const file = parseEnvironmentFile(out, 'env.json');
    expect(JSON.parse(out).tasks[0].calls[0]).not.toHaveProperty('result');
    expect(file.tasks[0]!.calls[0]!.result).toBeUndefined();
    expect(file.tasks[0]!.calls).toEqual(quiet.tasks[0]!.calls);
    expect(exportEnvironment(file)).toBe(out);
  });

  it('does not export what it could not import', () => {
    const bad = { ...input, tasks: [{ ...tasks[0]!, fingerprint: '0'.repeat(64) }] };
    expect(errorOf(() => exportEnvironment(bad)).message).toBe(
      'cannot export environment: tasks[0].fingerprint: task 0 does not match its fingerprint (its initial state or calls were changed)',
    );
    const noCode = {
      ...input,
      environment: { ...input.environment, content: { ...content, tools: [{ ...content.tools[0]!, code: undefined as unknown as string }] } },
      tasks: [],
    };
    expect(errorOf(() => exportEnvironment(noCode)).message).toBe(
      'cannot export environment: environment.content.tools[0].code: expected string, received undefined',
    );
  });
});

describe('helpers', () => {
  it('writes JSON paths the way JavaScript would', () => {
    expect(jsonPath(['environment', 'content', 'tools', 3, 'code'])).toBe('environment.content.tools[3].code');
    expect(jsonPath(['tasks', 0, 'initialState', 'orders', '#W001', 'status'])).toBe('tasks[0].initialState.orders["#W001"].status');
    expect(jsonPath([])).toBe('(top level)');
  });

  it('finds NUL characters in values and keys, by path', () => {
    expect(nulProblems({ a: ['ok', 'x\u0000y'], b: { 'k\u0000': 1 } })).toEqual([
      'a[1]: contains a NUL character (\\u0000), which the database cannot store',
      'b: a key contains a NUL character (\\u0000), which the database cannot store',
    ]);
    expect(nulProblems({ a: 'plain', n: 1, z: null })).toEqual([]);
  });

  it('names files after the domain and version', () => {
    expect(environmentFileName('Retail orders', 3)).toBe('retail-orders-v3.environment.json');
    expect(environmentFileName('  ', 1)).toBe('domain-v1.environment.json');
  });
});
