import { describe, expect, it } from 'vitest';
import type { ChatFn } from '../pipeline/rollout/model';
import { approxTokens, capReply, capText, replyBudget } from './reply-limits';

const LIMITS = { replyBytes: 100, replyTokens: 40, trajectoryBytes: 250, trajectoryTokens: 1000 };

describe('approxTokens', () => {
  it('counts short words and punctuation as one token each, long words in pieces of four', () => {
    expect(approxTokens('')).toBe(0);
    expect(approxTokens('The train is late.')).toBe(6);
    expect(approxTokens('reservation')).toBe(3);
    expect(approxTokens('{"id": 12}')).toBe(7);
  });
});

describe('capText', () => {
  it('leaves a text within both limits alone', () => {
    expect(capText('short', { bytes: 100, tokens: 10 })).toEqual({ text: 'short', mark: null });
  });

  it('cuts an over-long text at a character and says how long it was', () => {
    const { text, mark } = capText('é'.repeat(80), { bytes: 101, tokens: 1000 });
    expect(mark).toBe('… [truncated: reply was 160 bytes, limit 101]');
    expect(text).toBe(`${'é'.repeat(50)}… [truncated: reply was 160 bytes, limit 101]`);
  });

  it('cuts a text with too many tokens at the last whole token', () => {
    const { text, mark } = capText('a b c d e f', { bytes: 1000, tokens: 3 });
    expect(mark).toBe('… [truncated: reply was about 6 tokens, limit 3]');
    expect(text.startsWith('a b c…')).toBe(true);
  });

  it('names the size the endpoint declared, or the bytes read, when the reply was cut while reading', () => {
    expect(capText('abc', { bytes: 100, tokens: 100 }, { bytes: 52_428_800, readBytes: 1000 }).text).toBe(
      'abc… [truncated: reply was 52,428,800 bytes, limit 100]',
    );
    expect(capText('abc', { bytes: 100, tokens: 100 }, { bytes: null, readBytes: 1000 }).text).toBe(
      'abc… [truncated: reply was more than 1,000 bytes, limit 100]',
    );
  });
});

describe('capReply', () => {
  it('caps the text and each tool call arguments, and marks the reply', () => {
    const reply = capReply(
      { content: 'x'.repeat(150), tool_calls: [{ id: 'c1', type: 'function', function: { name: 'book_train', arguments: `{"note":"${'y'.repeat(200)}"}` } }] },
      LIMITS,
    );
    expect(reply.content).toBe(`${'x'.repeat(100)}… [truncated: reply was 150 bytes, limit 100]`);
    expect(reply.tool_calls![0]!.function.arguments).toMatch(/^\{"note":"y+… \[truncated: reply was 211 bytes, limit 100\]$/);
    expect(reply.truncated).toBe('… [truncated: reply was 150 bytes, limit 100]');
    expect(capReply({ content: 'fine' }, LIMITS)).toEqual({ content: 'fine' });
  });
});

describe('replyBudget', () => {
  it('counts truncated replies, cuts the one that passes the trajectory limit, then refuses the next request', async () => {
    const budget = replyBudget(LIMITS);
    const said = ['a'.repeat(90), 'b'.repeat(90), 'c'.repeat(90), 'd'];
    const chat: ChatFn = async () => ({ content: said.shift()! });
    const capped = budget.wrap(chat);
    expect((await capped([])).content).toBe('a'.repeat(90));
    expect((await capped([])).content).toBe('b'.repeat(90));
    expect(budget.truncated()).toBe(0);
    expect((await capped([])).content).toBe(`${'c'.repeat(70)}… [truncated: reply was 90 bytes, limit 70]`);
    expect(budget.truncated()).toBe(1);
    await expect(capped([])).rejects.toThrow(
      'The LLM replies of this trajectory passed its limit of 250 bytes or about 1,000 tokens, so the rollout was stopped.',
    );
  });

  it('counts a reply the client already cut', async () => {
    const budget = replyBudget(LIMITS);
    await budget.wrap(async () => ({ content: 'x… [truncated]', truncated: '… [truncated]' }))([]);
    expect(budget.truncated()).toBe(1);
  });
});
