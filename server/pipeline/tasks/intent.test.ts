import { describe, expect, it } from 'vitest';
import { intentPrompt, intentSteps, llmIntent, missingValues, purpose, templateIntent, type ChatTurn } from './intent';
import type { GoldCall } from './model';

const call = (name: string, op: 'read' | 'write', args: Record<string, unknown>, extra: Partial<GoldCall> = {}): GoldCall => ({
  toolId: `id-${name}`,
  name,
  op,
  arguments: args,
  result: null,
  ...extra,
});

const calls: GoldCall[] = [
  call('find_user_id_by_email', 'read', { email: 'ann@example.com' }, { result: ['user_3'] }),
  call('get_user_details', 'read', { user_id: 'user_3' }, { derived: ['user_id'] }),
  call('cancel_pending_order', 'write', { order_id: '#W123', reason: 'no longer needed' }),
  call('modify_pending_order_items', 'write', { order_id: '#W123', item_ids: ['item_1', 'item_2'], quantity: 2 }),
];

describe('templateIntent', () => {
  it('says each call as a sentence, naming what the user knows and nothing the agent finds', () => {
    const text = templateIntent(calls);
    expect(text).toBe(
      'You want to find user id by email with email ann@example.com. ' +
        'Then you want to look up user details using the user id found before. ' +
        "Then you want to cancel pending order with order id #W123 and reason 'no longer needed'. " +
        'Then you want to modify pending order items with order id #W123, item ids item_1 and item_2 and quantity 2.',
    );
    expect(missingValues(text, calls)).toEqual([]);
    expect(text).not.toContain('user_3');
  });

  it('is deterministic and has one step per call', () => {
    expect(templateIntent(calls)).toBe(templateIntent(structuredClone(calls)));
    const steps = intentSteps(calls);
    expect(steps).toHaveLength(calls.length);
    expect(steps[0]).toBe('I want to find user id by email with email ann@example.com.');
    expect(steps[1]).toBe('Next, I want to look up user details using the user id from your last answer.');
    // Each step on its own names its call's known values.
    steps.forEach((step, i) => expect(missingValues(step, [calls[i]!])).toEqual([]));
  });

  it('names the API where it changes, and falls back to the description for names without a verb', () => {
    const toolbench = [
      call('Giphy_Get_GIF_by_ID', 'read', { gif_id: 'gif_4' }),
      call('Giphy_Search', 'read', { q: 'cats' }),
      call('Trackmania_Top_Players_by_Matchmaking', 'read', {}),
    ];
    const ctx = { descriptions: { 'id-Trackmania_Top_Players_by_Matchmaking': 'Get the top players by their matchmaking rank.\nMore text.' } };
    expect(templateIntent(toolbench, ctx)).toBe(
      'You want to look up gif by id via giphy with gif id gif_4. Then you want to search with q cats. Then you want to look up the top players by their matchmaking rank.',
    );
    expect(purpose(call('think', 'read', {}))).toEqual({ phrase: 'think', api: null });
    const nested = [call('set_address', 'write', { address: { city: 'San Jose', zip: '95112' }, tags: [], note: null })];
    expect(templateIntent(nested)).toBe("You want to set address with address (city 'San Jose', zip 95112).");
    expect(purpose(call('Trackmania_Team_Players', 'read', {})).phrase).toBe('look up trackmania team players');
  });
});

describe('llmIntent', () => {
  it('builds a prompt that marks each argument known or found, with the tool descriptions', () => {
    const [system, user] = intentPrompt(calls, { descriptions: { 'id-cancel_pending_order': 'Cancel a pending order.' } });
    expect(system!.role).toBe('system');
    expect(system!.content).toMatch(/You want to/);
    expect(user!.content).toContain('1. find_user_id_by_email (read; purpose: find user id by email)');
    expect(user!.content).toContain('- email = "ann@example.com" (KNOWN)');
    expect(user!.content).toContain('- user_id = "user_3" (FROM EARLIER RESULT)');
    expect(user!.content).toContain('cancel_pending_order (write; purpose: cancel pending order) — Cancel a pending order.');
  });

  it('returns an answer that names every known value', async () => {
    const good = 'You want to find the account of ann@example.com. Then you intend to cancel order #W123 because it is no longer needed, and swap item_1 and item_2 for 2 of them.';
    const seen: ChatTurn[][] = [];
    const text = await llmIntent(calls, async (m) => {
      seen.push(m);
      return `  ${good}\n`;
    });
    expect(text).toBe(good);
    expect(seen).toHaveLength(1);
  });

  it('asks once more when values are missing, then names what is still missing', async () => {
    const answers = ['You want to cancel order #W123.', 'You want to cancel order #W123 for ann@example.com.'];
    const seen: ChatTurn[][] = [];
    const failing = llmIntent(calls, async (m) => {
      seen.push(m);
      return answers[seen.length - 1]!;
    });
    await expect(failing).rejects.toThrow(/leaves out known values: .*reason "no longer needed".*item_ids "item_1"/);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at(-1)!.content).toMatch(/email "ann@example.com"/);
    expect(seen[1]!.at(-2)).toEqual({ role: 'assistant', content: answers[0] });

    let n = 0;
    const fixed = await llmIntent(calls, async () => (n++ === 0 ? 'You want to cancel order #W123.' : 'ann@example.com #W123 no longer needed item_1 item_2 2'));
    expect(fixed).toContain('no longer needed');
  });

  it('rejects an empty answer and an empty call list', async () => {
    await expect(llmIntent(calls, async () => '   ')).rejects.toThrow(/everything \(the answer was empty\)/);
    await expect(llmIntent([], async () => 'x')).rejects.toThrow(/at least one call/);
  });
});
