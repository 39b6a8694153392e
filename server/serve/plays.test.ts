import { afterEach, describe, expect, it, vi } from 'vitest';
import { Plays, SERVE_LIMITS } from './play';

type Item = { id: string; ownerId: string; startedAt: number; lastUsed: number; end(reason: string): void; ended?: string };

const item = (id: string, ownerId = 'ann'): Item => {
  const now = Date.now();
  const it: Item = { id, ownerId, startedAt: now, lastUsed: now, end: (reason) => void (it.ended = reason) };
  return it;
};

describe('Plays (open episodes and MCP sessions)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds at most `max` at once and `perOwner` of one person, refusing in sentences', () => {
    const plays = new Plays<Item>(
      'episode',
      () => 3,
      () => 2,
    );
    plays.add(item('a'));
    plays.add(item('b'));
    expect(() => plays.add(item('c'))).toThrow('You have 2 episodes open, the limit for one person: end one, or try again when one ends or expires.');
    plays.add(item('c', 'bob'));
    expect(() => plays.reserve('cy')).toThrow('The server has 3 episodes open, its limit: end one, or try again when one ends or expires.');
    plays.remove('a');
    expect(plays.size).toBe(2);
    plays.reserve('cy');
  });

  it('gives an item only to its owner, and ends one idle too long or open too long', () => {
    vi.useFakeTimers();
    const plays = new Plays<Item>('MCP session', () => 10);
    const idle = plays.add(item('idle'));
    const busy = plays.add(item('busy'));
    expect(() => plays.get('idle', 'bob')).toThrow(/^No MCP session idle: it ended, or expired after 10 minutes without a request\. Start a new one\.$/);
    expect(plays.get('idle', 'ann')).toBe(idle);

    // The busy one is used every minute; the idle one expires after idleMs, ended with a reason.
    for (let t = 0; t < SERVE_LIMITS.idleMs + 60_000; t += 60_000) {
      vi.advanceTimersByTime(60_000);
      busy.lastUsed = Date.now();
    }
    expect(idle.ended).toBe('This MCP session expired.');
    expect(() => plays.get('idle', 'ann')).toThrow(/^No MCP session idle/);
    expect(plays.get('busy', 'ann')).toBe(busy);

    // However busy, nothing outlives lifetimeMs.
    vi.advanceTimersByTime(SERVE_LIMITS.lifetimeMs);
    busy.lastUsed = Date.now();
    expect(() => plays.get('busy', 'ann')).toThrow(/^No MCP session busy/);
    expect(busy.ended).toBe('This MCP session expired.');
    expect(plays.size).toBe(0);
  });
});
