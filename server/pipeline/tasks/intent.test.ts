import { describe, expect, it } from 'vitest';
import { createLlm } from '../../llm/client';
import { startFakeOpenAi } from '../../testing/fake-openai';
import { intentPrompt, llmIntent, missingValues, purpose, stepSizes, templateIntent, userSteps, type ChatTurn } from './intent';
import { intentProblems } from './intent-measure';
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
  it('speaks as the user, in the first person, naming what the user knows and nothing the agent finds', () => {
    const text = templateIntent(calls, { seed: 3 });
    expect(missingValues(text, calls)).toEqual([]);
    expect(intentProblems(text, calls)).toEqual([]);
    expect(text).not.toContain('user_3');
    expect(text).not.toMatch(/\byou want\b/i);
    expect(text).toMatch(/\b(I|I'd|I'm|my)\b/);
    expect(text).toContain('My email is ann@example.com.');
    expect(text).toContain("The reason is 'no longer needed'.");
    expect(text).toMatch(/cancel my pending order/);
  });

  it('is deterministic for a task, and varies its phrasing across seeds', () => {
    expect(templateIntent(calls)).toBe(templateIntent(structuredClone(calls)));
    const phrasings = new Set(Array.from({ length: 12 }, (_, seed) => templateIntent(calls, { seed })));
    expect(phrasings.size).toBeGreaterThanOrEqual(4);
  });

  it('says name and zip, groups an address, and describes records by their data ("the blue one")', () => {
    const order = {
      order_id: '#W1',
      items: [{ name: 'Water Bottle', item_id: '6469567736', product_id: '8310926033', options: { capacity: '1000ml', color: 'blue' } }],
    };
    const task: GoldCall[] = [
      call('find_user_id_by_name_zip', 'read', { first_name: 'Ada', last_name: 'Lovelace', zip: '12345' }, { result: 'ada_1' }),
      call('get_order_details', 'read', { order_id: '#W1' }, { result: order }),
      call('return_delivered_order_items', 'write', { order_id: '#W1', item_ids: ['6469567736'] }, { derived: ['item_ids'] }),
      call('modify_user_address', 'write', { user_id: 'ada_1', address1: '1 Main St', city: 'Springfield', zip: '12345' }, { derived: ['user_id'] }),
    ];
    const text = templateIntent(task);
    expect(text).toContain('My name is Ada Lovelace.');
    expect(text).toContain('My zip code is 12345.');
    expect(text).toContain('the Water Bottle (blue)');
    expect(text).toContain('The address is 1 Main St, Springfield, 12345.');
    expect(text).not.toContain('6469567736');
    expect(intentProblems(text, task)).toEqual([]);
    // The same description from the state when no earlier result holds the record.
    const state = {
      products: { '8310926033': { name: 'Water Bottle', variants: { '6469567736': { item_id: '6469567736', options: { color: 'blue', size: 'L' } } } } },
    };
    expect(templateIntent([task[2]!], { state })).toContain('the Water Bottle (blue, L)');
  });

  it('says a code made of words in words, and a singular label that ends in s as one', () => {
    const dispute = [
      call('create_dispute', 'write', { transaction_id: 'transaction_14', reason: 'charged_twice' }),
      call('list_orders', 'read', { status: 'returned' }),
    ];
    const text = templateIntent(dispute);
    expect(text).toContain('charged twice');
    expect(text).not.toContain('charged_twice');
    expect(text).toContain('The status is returned.');
    expect(missingValues(text, dispute)).toEqual([]);
  });

  it('says an id that names its entity once, and a glued id parameter in words', () => {
    const text = templateIntent([call('shop_place_order', 'write', { product_id: 'product_6' }), call('Colis_Track', 'read', { colisid: 'CA107308006SI' })]);
    expect(text).toContain('The product is product_6.');
    expect(text).not.toContain('product product_6');
    expect(text).toContain('The colis ID is CA107308006SI.');
    expect(templateIntent([call('Instagram_User', 'read', { id: 9 })])).toContain('The ID is 9.');
    // A verbless name's leading words are its API's: not said, so no other tool's name is either.
    const feeds = [call('Tiktok_v2_Feeds_by_secUid', 'read', { secUid: 'abc' }), call('Tiktok_v2_Feeds', 'read', { username: 'therock' })];
    expect(intentProblems(templateIntent(feeds), feeds)).toEqual([]);
  });

  it('names the API of a ToolBench tool, and never a tool name, even one that is all nouns', () => {
    const toolbench = [call('Giphy_Get_GIF_by_ID', 'read', { gif_id: 'gif_4' }), call('Giphy_Search', 'read', { q: 'cats' }), call('Team_Players', 'read', {})];
    const text = templateIntent(toolbench);
    expect(text).toMatch(/on Giphy/);
    expect(intentProblems(text, toolbench)).toEqual([]);
    expect(missingValues(text, toolbench)).toEqual([]);
    // A lower-case prefix is a namespace, not a product the user names.
    expect(templateIntent([call('shop_place_order', 'write', { product_id: 'product_6', quantity: 5 })])).not.toMatch(/\bon shop\b/i);
    expect(purpose(call('think', 'read', {}))).toEqual({ phrase: 'think', api: null });
    expect(purpose(call('Trackmania_Team_Players', 'read', {})).phrase).toBe('look up trackmania team players');
  });
});

describe('userSteps', () => {
  it('groups the lookups with the write they lead to, opens with the goal and keeps the facts for when the agent asks', () => {
    const steps = userSteps(calls, { seed: 1 });
    expect(steps.map((s) => s.calls)).toEqual([3, 1]);
    let at = 0;
    for (const s of steps) {
      const text = `${s.opening} ${s.details}`;
      expect(missingValues(text, calls.slice(at, at + s.calls))).toEqual([]);
      expect(intentProblems(text, calls)).toEqual([]);
      at += s.calls;
    }
    // Over seeds, some openings carry their facts (details '') and some leave them for the question.
    const all = Array.from({ length: 20 }, (_, seed) => userSteps(calls, { seed })).flat();
    expect(all.some((s) => s.details === '')).toBe(true);
    expect(all.some((s) => s.details !== '' && !s.opening.includes('#W123'))).toBe(true);
  });

  it('splits reads after the last write where one starts afresh, keeping a read that uses an earlier result with it', () => {
    expect(stepSizes([{ op: 'read' }, { op: 'read', derived: ['x'] }, { op: 'read' }])).toEqual([2, 1]);
    expect(stepSizes([{ op: 'read' }, { op: 'write' }, { op: 'write' }, { op: 'read' }])).toEqual([2, 1, 1]);
    expect(stepSizes([])).toEqual([]);
  });
});

describe('llmIntent', () => {
  const state = { users: { user_3: { email: 'ann@example.com', name: 'Ann' } }, orders: { '#W123': { status: 'pending', user_id: 'user_3' } } };

  it('asks for the first person with the facts the template uses: values known or found, the data they come from, a persona', () => {
    const [system, user] = intentPrompt(calls, { descriptions: { 'id-cancel_pending_order': 'Cancel a pending order.' }, state });
    expect(system!.role).toBe('system');
    expect(system!.content).toMatch(/first person/);
    expect(system!.content).toMatch(/never write a parameter name/);
    expect(user!.content).toMatch(/^The customer is [a-z]/);
    expect(user!.content).toContain('1. find_user_id_by_email (reads data)');
    expect(user!.content).toContain('- email = "ann@example.com" (KNOWN)');
    expect(user!.content).toContain('- user_id = "user_3" (FROM EARLIER RESULT)');
    expect(user!.content).toContain('cancel_pending_order (changes data) — Cancel a pending order.');
    expect(user!.content).toContain(
      'The data these values come from:\n- users user_3: {"email":"ann@example.com","name":"Ann"}\n- orders #W123: {"status":"pending","user_id":"user_3"}',
    );
    const named = intentPrompt([call('find_user_id_by_name_zip', 'read', { first_name: 'Ada', last_name: 'Lovelace', zip: '12345' })]);
    expect(named[1]!.content).toMatch(/^The customer, Ada Lovelace, is /);
  });

  it('returns an answer that names every known value and nothing it must not', async () => {
    const good =
      "I'd like to cancel my order #W123 because it is no longer needed; my email is ann@example.com. I also want item_1 and item_2 changed, 2 of each.";
    const seen: ChatTurn[][] = [];
    const text = await llmIntent(calls, async (m) => {
      seen.push(m);
      return `  ${good}\n`;
    });
    expect(text).toBe(good);
    expect(seen).toHaveLength(1);
  });

  it('asks once more when values are missing or tool and parameter names slip in, then says what is still wrong', async () => {
    const answers = ['I want to cancel_pending_order #W123.', 'Please cancel order_id #W123 for ann@example.com, user user_3.'];
    const seen: ChatTurn[][] = [];
    const failing = llmIntent(calls, async (m) => {
      seen.push(m);
      return answers[seen.length - 1]!;
    });
    await expect(failing).rejects.toThrow(
      /not usable: it leaves out known values: .*reason "no longer needed".*; it contains value the user cannot know "user_id user_3", parameter name "order_id"/,
    );
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at(-1)!.content).toMatch(/email "ann@example.com".*tool name "cancel_pending_order"/);
    expect(seen[1]!.at(-2)).toEqual({ role: 'assistant', content: answers[0] });

    let n = 0;
    const fixed = await llmIntent(calls, async () => (n++ === 0 ? 'I want to cancel order #W123.' : 'ann@example.com #W123 no longer needed item_1 item_2 2'));
    expect(fixed).toContain('no longer needed');
    await expect(llmIntent(calls, async () => 'ann@example.com #W123 no longer needed item_1 item_2 2, dolorem')).rejects.toThrow(/placeholder word "dolorem"/);
  });

  it('rejects an empty answer and an empty call list', async () => {
    await expect(llmIntent(calls, async () => '   ')).rejects.toThrow(/the answer was empty/);
    await expect(llmIntent([], async () => 'x')).rejects.toThrow(/at least one call/);
  });

  it('works against an OpenAI-compatible endpoint on loopback, through the real client', async () => {
    const answers = [
      'You want to call cancel_pending_order.',
      "Hi, I'd like to cancel my order #W123 as it's no longer needed. My email is ann@example.com; please also change item_1 and item_2 to 2 each.",
    ];
    const fake = await startFakeOpenAi({ chat: () => answers.shift()! });
    try {
      const llm = createLlm({ baseUrl: fake.url, model: 'fake-chat' })!;
      const text = await llmIntent(calls, (m) => llm.complete(m, { temperature: 0.7 }), { state });
      expect(text).toMatch(/^Hi, I'd like to cancel my order #W123/);
      const bodies = fake.requests
        .filter((r) => r.path === '/v1/chat/completions')
        .map((r) => r.body as { messages: Array<{ role: string; content: string }> });
      expect(bodies).toHaveLength(2);
      expect(bodies[0]!.messages[1]!.content).toContain('- users user_3:');
      expect(bodies[1]!.messages.at(-1)!.content).toMatch(/tool name "cancel_pending_order"/);
    } finally {
      await fake.close();
    }
  });
});
