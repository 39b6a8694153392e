import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHeuristic } from '../environment/heuristic';
import { generateGrounded } from '../environment/grounded/generate';
import { buildGraph } from '../graph/build';
import { graphParams, type GraphTool } from '../graph/model';
import { taubench } from '../reference/taubench-fixture';
import { Sandbox } from '../sandbox/sandbox';
import { importDocuments } from '../tools/import';
import { missingValues, templateIntent, userSteps } from './intent';
import { intentProblems, LOREM_WORDS } from './intent-measure';
import { sampleSettings, type GoldCall, type Task } from './model';
import { sampleTasks } from './walk';

const call = (name: string, args: Record<string, unknown>, derived?: string[]): GoldCall => ({
  toolId: name,
  name,
  op: 'read',
  arguments: args,
  result: null,
  ...(derived ? { derived } : {}),
});

describe('intentProblems', () => {
  const calls = [
    call('find_user_id_by_email', { email: 'ann@example.com' }),
    call('get_order_details', { order_id: '#W123', user_id: 'user_3' }, ['user_id']),
    call('Giphy_Search', { q: 'cats' }),
  ];

  it('finds tool names in any casing or split into words, parameter identifiers, Latin and derived values', () => {
    expect(intentProblems("I'd like to cancel my order #W123. My email is ann@example.com.", calls)).toEqual([]);
    expect(intentProblems('Please run FIND_USER_ID_BY_EMAIL for ann@example.com.', calls)).toEqual([{ kind: 'tool_name', text: 'find_user_id_by_email' }]);
    expect(intentProblems('I want to get order details for #W123.', calls)).toEqual([{ kind: 'tool_name', text: 'get_order_details' }]);
    expect(intentProblems('Search on giphy search for cats.', calls)).toEqual([{ kind: 'tool_name', text: 'Giphy_Search' }]);
    expect(intentProblems('My order_id is #W123, and orderId too.', [...calls, call('x', { orderId: 1 })])).toEqual([
      { kind: 'parameter_name', text: 'order_id' },
      { kind: 'parameter_name', text: 'orderId' },
    ]);
    // camelCase is an identifier by its hump; in lower case it may be an ordinary word ("Postcode Service").
    expect(intentProblems('I used the Postcode Service; the post code is 722.', [call('Postcode_Service_Code', { postCode: '722' })])).toEqual([]);
    expect(intentProblems('My postCode is 722.', [call('x', { postCode: '722' })])).toEqual([{ kind: 'parameter_name', text: 'postCode' }]);
    expect(intentProblems('The note is dolorem stabilis, with an error in the video.', calls)).toEqual([
      { kind: 'lorem', text: 'dolorem' },
      { kind: 'lorem', text: 'stabilis' },
    ]);
    expect(intentProblems('I am user_3, order #W123.', calls)).toEqual([{ kind: 'derived_value', text: 'user_id user_3' }]);
  });

  it('does not count a known value that looks like an identifier, or a derived value the user also knows', () => {
    const pay = [call('pay', { payment_method_id: 'credit_card_1', order_id: '#W1' }), call('get_order', { order_id: '#W1' }, ['order_id'])];
    expect(intentProblems('Pay order #W1 with credit_card_1.', pay)).toEqual([]);
    // A short derived value is too common a token to hold against the text.
    expect(intentProblems('I want 2 of them.', [call('x', { n: 2 }, ['n'])])).toEqual([]);
    expect(LOREM_WORDS.has('dolorem') && !LOREM_WORDS.has('video')).toBe(true);
    // faker's street and person names share words with its Latin list; a name is not a placeholder.
    expect(intentProblems('Ship it to 732 Victoria Street, attention Carmen.', [])).toEqual([]);
  });
});

function demoTools(): GraphTool[] {
  const { tools } = importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(path.join(__dirname, '../../demo/demo-tools.json')) }]);
  return tools.map((t, i) => ({ id: `demo-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

/** Checks each task's template intent and steps, and returns a few for the eye. */
function expectUserVoice(tasks: Task[], descriptions: Record<string, string>, label: string): string[] {
  const bad: string[] = [];
  for (const t of tasks) {
    const ctx = { descriptions, state: t.initialState };
    const intent = templateIntent(t.calls, ctx);
    const problems = intentProblems(intent, t.calls);
    const missing = missingValues(intent, t.calls);
    if (problems.length || missing.length) bad.push(`${intent}\n  ${JSON.stringify({ problems, missing })}`);
    const steps = userSteps(t.calls, ctx);
    expect(
      steps.reduce((n, s) => n + s.calls, 0),
      label,
    ).toBe(t.calls.length);
    let at = 0;
    for (const s of steps) {
      expect(missingValues(`${s.opening} ${s.details}`, t.calls.slice(at, at + s.calls)), `${label}: ${s.opening}`).toEqual([]);
      at += s.calls;
    }
  }
  expect(bad, `${label}: ${bad.slice(0, 5).join('\n')}`).toEqual([]);
  return tasks.slice(0, 10).map((t) => templateIntent(t.calls, { descriptions, state: t.initialState }));
}

describe('template intents over sampled tasks', { timeout: 400_000 }, () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('the demo collection: 200+ intents in the first person with no tool or parameter name, Latin or derived value', async () => {
    const tools = demoTools();
    const byId = new Map(tools.map((t) => [t.id, t]));
    const graph = buildGraph(tools, graphParams.parse({}));
    const descriptions = Object.fromEntries(tools.map((t) => [t.id, t.description]));
    const tasks: Task[] = [];
    for (const d of graph.domains) {
      const content = generateHeuristic(d.toolIds.map((id) => byId.get(id)!));
      const inDomain = new Set(d.toolIds);
      const edges = graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target));
      for (const seed of [1, 2]) tasks.push(...(await sampleTasks({ content, edges, descriptions }, sandbox, sampleSettings.parse({ n: 25, seed }))).tasks);
    }
    expect(tasks.length).toBeGreaterThanOrEqual(200);
    const samples = expectUserVoice(tasks, descriptions, 'demo');
    // Variety: distinct tasks that start with the same tool do not all open the same way (the same task always does).
    const phrasings = new Map<string, Set<string>>();
    const distinct = new Map<string, Set<string>>();
    for (const t of tasks) {
      const name = t.calls[0]!.name;
      const goal = userSteps(t.calls, { descriptions })[0]!
        .opening.replace(/^(Hi!|Hello,|Hi there\.|Hey,)\s*/, '')
        .split(/[.?]/)[0]!
        .toLowerCase();
      (phrasings.get(name) ?? phrasings.set(name, new Set()).get(name)!).add(goal);
      (distinct.get(name) ?? distinct.set(name, new Set()).get(name)!).add(JSON.stringify(t.calls.map((c) => [c.name, c.arguments])));
    }
    const varied = [...distinct].filter(([, calls]) => calls.size >= 6).map(([name]) => [name, phrasings.get(name)!.size] as const);
    console.log(`phrasings of the first goal, per tool with 6+ distinct tasks: ${varied.map(([n, k]) => `${n} ${k}`).join(', ')}`);
    expect(varied.length).toBeGreaterThan(5);
    expect(varied.filter(([, k]) => k >= 3).length / varied.length).toBeGreaterThanOrEqual(0.8);
    console.log(`demo: ${tasks.length} intents, e.g.\n${samples.join('\n')}`);
  });

  it('τ-bench retail with its data: the same, and items described by what the data says of them', async () => {
    const { tools, data } = taubench('retail');
    const { content } = generateGrounded(tools, data);
    const { edges } = buildGraph(tools, graphParams.parse({}));
    const descriptions = Object.fromEntries(tools.map((t) => [t.id, t.description]));
    const result = await sampleTasks({ content, edges, descriptions, initialState: data.state }, sandbox, sampleSettings.parse({ n: 12, seed: 1 }));
    expect(result.tasks.length).toBe(12);
    const samples = expectUserVoice(result.tasks, descriptions, 'retail');
    console.log(`retail: ${result.tasks.length} intents, e.g.\n${samples.join('\n')}`);
  });
});
