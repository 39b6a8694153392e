import { describe, expect, it } from 'vitest';
import type { Partition } from './communities';
import { separateNameClashes } from './name-clashes';
import { tool } from './test-tools';

const from = (origin: string, id: string, name: string) => ({ ...tool(id, name, ['user_id']), origin });
const tools = [
  from('shop.json', 's1', 'get_user'),
  from('shop.json', 's2', 'get_order'),
  from('shop.json', 's3', 'cancel_order'),
  from('trips.json', 't1', 'get_user'),
  from('trips.json', 't2', 'get_trip'),
  from('trips.json', 't3', 'book_trip'),
  from('trips.json', 't4', 'cancel_trip'),
];
const domain = (key: string, toolIds: string[], locked = false) => ({ key, name: locked ? key : '', toolIds, locked });
const names = (p: Partition) => p.domains.map((d) => [d.key, d.toolIds]);

describe('separateNameClashes', () => {
  it("sends the minority document's tool home to the domain holding most of its document", () => {
    const p: Partition = { domains: [domain('d1', ['t1', 't2', 't3', 't4', 's1']), domain('d2', ['s2', 's3'])], unassigned: [], modularity: 0.4 };
    expect(names(separateNameClashes(p, tools, 25))).toEqual([
      ['d1', ['t1', 't2', 't3', 't4']],
      ['d2', ['s2', 's3', 's1']],
    ]);
  });

  it('leaves the tool unassigned when its home has no room or no home exists', () => {
    const p: Partition = { domains: [domain('d1', ['t1', 't2', 't3', 't4', 's1']), domain('d2', ['s2', 's3'])], unassigned: [], modularity: 0.4 };
    const full = separateNameClashes(p, tools, 2);
    expect(names(full)).toEqual([
      ['d1', ['t1', 't2', 't3', 't4']],
      ['d2', ['s2', 's3']],
    ]);
    expect(full.unassigned).toEqual(['s1']);
    const homeless = separateNameClashes({ domains: [domain('d1', ['t1', 't2', 's1'])], unassigned: [], modularity: 0 }, tools, 25);
    expect(homeless.unassigned).toEqual(['s1']);
  });

  it('keeps a locked domain as the user made it, and domains without clashes as they were', () => {
    const p: Partition = { domains: [domain('mine', ['t1', 's1'], true), domain('d1', ['t2', 't3'])], unassigned: ['t4'], modularity: 0 };
    expect(separateNameClashes(p, tools, 25)).toEqual(p);
  });
});
