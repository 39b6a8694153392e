import { describe, expect, it } from 'vitest';
import { describeRebuildPlan } from './rebuild-plan';

const work = (environmentVersions: number, tasks: number, trajectories = 0) => ({ environmentVersions, tasks, trajectories });
const d = (name: string, w = work(0, 0), extra: { renamed?: boolean; target?: boolean } = {}) => ({ name, renamed: false, target: false, work: w, ...extra });

describe('a rebuild plan in sentences', () => {
  it('says what is kept, what moves to “from a previous build” with what it carries, and what is new', () => {
    const lines = describeRebuildPlan({
      known: true,
      kept: [d('trains · stations', work(1, 4)), d('tickets', work(2, 0)), d('fares', work(0, 0), { target: true }), d('seats')],
      retired: [d('parcels · depots', work(2, 14)), d('idle')],
      atRisk: [],
      created: 2,
    });
    expect(lines).toEqual([
      '3 domains with environments, tasks or marks will be kept, with everything on them: “trains · stations”, “tickets” and “fares”.',
      '1 other domain will be kept under its id.',
      '“parcels · depots” (2 environment versions, 14 tasks) will move to “from a previous build”.',
      '1 domain with nothing made on it will be retired.',
      '2 new domains will be made.',
    ]);
  });

  it('names the curated domains that may move when the build cannot be known beforehand', () => {
    const lines = describeRebuildPlan({ known: false, kept: [], retired: [], atRisk: [d('parcels', work(1, 2, 3), { renamed: true })], created: 0 });
    expect(lines[1]).toBe(
      '“parcels” (1 environment version, 2 tasks, 3 trajectories, named by a person) will move to “from a previous build” if the build does not find it again.',
    );
  });

  it('says so when nothing changes', () => {
    expect(describeRebuildPlan({ known: true, kept: [], retired: [], atRisk: [], created: 0 })).toEqual(['No domain changes.']);
  });
});
