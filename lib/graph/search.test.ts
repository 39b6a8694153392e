import { describe, expect, it } from 'vitest';
import { describe as say, searchGraph } from './search';
import { domainColour, UNASSIGNED_COLOUR } from './domain-colours';

const tools = [{ name: 'find_train' }, { name: 'book_train' }, { name: 'track_parcel' }];
const domains = [
  { id: 'd1', name: 'trains · tickets' },
  { id: 'd2', name: 'parcels' },
];

describe('searchGraph', () => {
  it('finds tools and domains by part of their name, ignoring case and separators', () => {
    expect(searchGraph('TRAIN', tools, domains)).toEqual({ tools: [0, 1], domains: ['d1'], message: '3 matches: 2 tools, 1 domain' });
    expect(searchGraph('find train', tools, domains)?.tools).toEqual([0]);
    expect(searchGraph('parcel', tools, domains)?.message).toBe('2 matches: 1 tool, 1 domain');
  });
  it('says what was not found, and nothing for blank text', () => {
    expect(searchGraph('ferry', tools, domains)?.message).toBe('No tool or domain named “ferry”');
    expect(searchGraph('  ', tools, domains)).toBeNull();
    expect(say('x', 1, 0)).toBe('1 match: 1 tool');
  });
});

describe('domainColour', () => {
  it('gives distinct colours to the first domains and grey to unassigned', () => {
    const first = Array.from({ length: 40 }, (_, i) => domainColour(i));
    expect(new Set(first).size).toBe(40);
    expect(domainColour(-1)).toBe(UNASSIGNED_COLOUR);
  });
});
