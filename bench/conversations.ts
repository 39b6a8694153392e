import { performance } from 'node:perf_hooks';
import { taubench } from '../server/pipeline/reference/taubench-fixture';
import { Sandbox } from '../server/pipeline/sandbox/sandbox';
import { measureConversations, totalMeasure, type ConversationMeasure } from '../server/stages/conversation-measures';
import { demoTools, toolbenchTools } from '../server/testing/collections';
import type { BenchResult } from './report';

/**
 * Issue 14, item 6, at the scale its test holds: tasks sampled from the demo, τ-bench retail and
 * airline on their db.json, and ToolBench domains until more than 500; their chain share, intent
 * problems and trained replies with raw JSON, with the time it takes.
 */
export async function benchConversations(): Promise<BenchResult[]> {
  const sandbox = new Sandbox();
  const retail = taubench('retail');
  const airline = taubench('airline');
  const parts: ConversationMeasure[] = [];
  const started = performance.now();
  try {
    for (const c of [
      { name: 'demo', tools: demoTools(), perDomain: 25 },
      { name: 'τ-bench retail', tools: retail.tools, data: retail.data, perDomain: 30 },
      { name: 'τ-bench airline', tools: airline.tools, data: airline.data, perDomain: 20 },
      { name: 'ToolBench', tools: toolbenchTools(), perDomain: 5, maxDomains: 72 },
    ]) {
      parts.push(await measureConversations(c, sandbox));
    }
  } finally {
    await sandbox.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const t = totalMeasure(parts);
  const pct = (share: number) => Number((share * 100).toFixed(2));
  return [
    ...parts.map((m) => ({ name: `${m.name}: tasks (domains ${m.domains})`, value: m.tasks, unit: 'tasks' })),
    { name: 'tasks sampled, intents written and rolled out', value: t.tasks, unit: `tasks in ${seconds.toFixed(1)} s` },
    { name: 'multi-step tasks chained by data (target ≥ 90%)', value: pct(t.chain.share), unit: `% of ${t.chain.multiStep}` },
    { name: 'intents with a tool or parameter name, Latin or unknowable value (target 0)', value: t.intents.withProblems, unit: `of ${t.intents.count}` },
    { name: 'trained assistant replies with raw JSON (target < 5%)', value: pct(t.replies.share), unit: `% of ${t.replies.replies}` },
    { name: 'noisy trajectories (one switch each, default rate 30%)', value: t.noisy, unit: `(${t.masked} masked turns)` },
  ];
}
