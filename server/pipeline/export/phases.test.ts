import { describe, expect, it } from 'vitest';
import { splitPhases } from './phases';

describe('splitPhases', () => {
  const items = [
    { id: 1, domainId: 'retail' },
    { id: 2, domainId: 'airline' },
    { id: 3, domainId: null },
    { id: 4, domainId: 'retail' },
    { id: 5, domainId: 'telecom' },
  ];

  it('puts every item in phase 1 and only target domains, in order, in phase 2', () => {
    const { general, vertical } = splitPhases(items, new Set(['retail', 'telecom']));
    expect(general.map((i) => i.id)).toEqual([1, 2, 3, 4, 5]);
    expect(vertical.map((i) => i.id)).toEqual([1, 4, 5]);
    expect(vertical[0]).toBe(items[0]);
  });

  it('leaves phase 2 empty without targets, and never puts an item without a domain there', () => {
    expect(splitPhases(items, new Set())).toEqual({ general: items, vertical: [] });
    expect(splitPhases([{ domainId: null }], new Set(['null', '']))).toEqual({ general: [{ domainId: null }], vertical: [] });
    expect(splitPhases([], new Set(['retail']))).toEqual({ general: [], vertical: [] });
  });

  it('does not hand back the input array', () => {
    const { general } = splitPhases(items, new Set());
    expect(general).not.toBe(items);
  });
});
