import { describe, expect, it } from 'vitest';
import { nounFor, plural } from './plural';

describe('plural', () => {
  it('names one thing in the singular and any other count, zero included, in the plural', () => {
    expect(plural(1, 'edge')).toBe('1 edge');
    expect(plural(0, 'edge')).toBe('0 edges');
    expect(plural(2, 'edge')).toBe('2 edges');
  });

  it('forms regular English plurals and takes an irregular one when given', () => {
    expect(plural(3, 'trajectory')).toBe('3 trajectories');
    expect(plural(3, 'day')).toBe('3 days');
    expect(plural(2, 'match')).toBe('2 matches');
    expect(plural(2, 'status')).toBe('2 statuses');
    expect(plural(2, 'tool call')).toBe('2 tool calls');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(plural(1, 'person', 'people')).toBe('1 person');
  });

  it('groups large counts for reading', () => {
    expect(plural(12045, 'tool')).toBe('12,045 tools');
  });

  it('gives the noun alone for a count shown apart', () => {
    expect(nounFor(1, 'warning')).toBe('warning');
    expect(nounFor(4, 'warning')).toBe('warnings');
  });
});
