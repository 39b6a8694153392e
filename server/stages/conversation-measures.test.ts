import { afterAll, describe, expect, it } from 'vitest';
import { taubench } from '../pipeline/reference/taubench-fixture';
import { Sandbox } from '../pipeline/sandbox/sandbox';
import { demoTools, toolbenchTools } from '../testing/collections';
import { measureConversations, sayMeasure, totalMeasure, type ConversationMeasure, type MeasuredCollection } from './conversation-measures';

/**
 * Issue 14's measures over more than 500 tasks of the visible collections: the demo, τ-bench
 * retail and airline grounded in their db.json, and ToolBench's domains. At least 90% of the
 * multi-step tasks chained by data, no intent with a tool or parameter name, Latin or a value the
 * user cannot know, and under 5% of trained replies with raw JSON; every rollout completes, and
 * the noise is one switch on about 30% of the trajectories.
 */

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

function collections(): MeasuredCollection[] {
  const retail = taubench('retail');
  const airline = taubench('airline');
  return [
    { name: 'demo', tools: demoTools(), perDomain: 25 },
    { name: 'τ-bench retail', tools: retail.tools, data: retail.data, perDomain: 30 },
    { name: 'τ-bench airline', tools: airline.tools, data: airline.data, perDomain: 20 },
    { name: 'ToolBench', tools: toolbenchTools(), perDomain: 5, maxDomains: 72 },
  ];
}

describe('what the studio teaches, measured', { timeout: 1_200_000 }, () => {
  it('chained tasks ≥ 90%, intents with problems 0, trained replies with raw JSON < 5%, over 500+ tasks', async () => {
    const parts: ConversationMeasure[] = [];
    for (const c of collections()) {
      const m = await measureConversations(c, sandbox);
      console.log(sayMeasure(m.name, m));
      for (const e of [...m.intents.examples, ...m.replies.examples]) console.log(`  problem: ${e}`);
      for (const i of m.sampleIntents) console.log(`  intent: ${i}`);
      parts.push(m);
      expect(m.chain.share, m.name).toBeGreaterThanOrEqual(0.9);
      expect(m.intents.examples, m.name).toEqual([]);
      expect(m.replies.share, m.name).toBeLessThan(0.05);
      expect(m.completed, `${m.name}: rollouts that did not complete`).toBe(m.tasks);
    }
    const total = totalMeasure(parts);
    console.log(sayMeasure('all', total));
    expect(total.tasks).toBeGreaterThanOrEqual(500);
    // ToolBench's APIs rarely feed one another (most of its tasks are one call), so the share is taken over 200+ multi-step tasks.
    expect(total.chain.multiStep).toBeGreaterThanOrEqual(200);
    expect(total.chain.share).toBeGreaterThanOrEqual(0.9);
    expect(total.intents.withProblems).toBe(0);
    expect(total.replies.replies).toBeGreaterThanOrEqual(total.tasks);
    expect(total.replies.share).toBeLessThan(0.05);
    // One switch each where it has a place, on about 30% of the trajectories; their turns masked.
    expect(total.noisy).toBeGreaterThan(total.tasks * 0.1);
    expect(total.noisy).toBeLessThan(total.tasks * 0.5);
    expect(total.multiNoise).toBe(0);
    expect(total.masked).toBeGreaterThan(0);
  });
});
