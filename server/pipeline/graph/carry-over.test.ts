import { describe, expect, it } from 'vitest';
import { carryOver } from './carry-over';

const tools = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('carrying domains over a rebuild', () => {
  it('keeps a domain that comes back with most of its tools, whatever order the build lists them in', () => {
    const previous = [
      { id: 'orders', toolIds: tools('o', 6) },
      { id: 'people', toolIds: tools('p', 4) },
    ];
    const proposed = [{ toolIds: [...tools('p', 4), 'x'] }, { toolIds: tools('o', 5) }];
    expect(carryOver(previous, proposed)).toEqual({ matches: ['people', 'orders'], left: [] });
  });

  it('gives a split domain’s identity to the larger half only, and a new domain to the rest', () => {
    const previous = [{ id: 'big', toolIds: tools('b', 10) }];
    const proposed = [{ toolIds: tools('b', 3) }, { toolIds: tools('b', 10).slice(3) }];
    expect(carryOver(previous, proposed).matches).toEqual([null, 'big']);
  });

  it('lets one of two merged domains live on: the one that gave more tools', () => {
    const previous = [
      { id: 'a', toolIds: tools('a', 3) },
      { id: 'b', toolIds: tools('b', 5) },
    ];
    expect(carryOver(previous, [{ toolIds: [...tools('a', 3), ...tools('b', 5)] }])).toEqual({ matches: ['b'], left: ['a'] });
  });

  it('does not carry over a domain whose tools are under half of the new one', () => {
    const previous = [{ id: 'small', toolIds: tools('s', 2) }];
    expect(carryOver(previous, [{ toolIds: [...tools('s', 2), ...tools('n', 3)] }])).toEqual({ matches: [null], left: ['small'] });
  });

  it('breaks ties the same way every time', () => {
    const previous = [
      { id: 'y', toolIds: ['t1', 't2'] },
      { id: 'x', toolIds: ['t3', 't4'] },
    ];
    const proposed = [{ toolIds: ['t1', 't2', 't3', 't4'] }];
    expect(carryOver(previous, proposed).matches).toEqual(['x']);
    expect(carryOver([...previous].reverse(), proposed).matches).toEqual(['x']);
  });
});
