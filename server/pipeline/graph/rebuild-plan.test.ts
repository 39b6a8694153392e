import { describe, expect, it } from 'vitest';
import { isCurated, needsConfirmation, planRebuild, type StandingWork } from './rebuild-plan';

const none = { environmentVersions: 0, tasks: 0, trajectories: 0 };
const domain = (id: string, toolIds: string[], extra: Partial<StandingWork> = {}): StandingWork => ({
  id,
  name: id,
  toolIds,
  renamed: false,
  target: false,
  work: none,
  ...extra,
});

describe('planning a rebuild', () => {
  const trains = domain('trains', ['t1', 't2', 't3'], { work: { environmentVersions: 2, tasks: 14, trajectories: 0 } });
  const parcels = domain('parcels', ['p1', 'p2'], { work: { environmentVersions: 1, tasks: 3, trajectories: 5 } });
  const idle = domain('idle', ['i1', 'i2']);

  it('keeps the domains found again, retires the others with what they carry, counts the new ones', () => {
    const plan = planRebuild([trains, parcels, idle], [{ toolIds: ['t1', 't2', 't3', 'x'] }, { toolIds: ['p1', 'i1', 'i2'] }, { toolIds: ['p2', 'y', 'w'] }]);
    expect(plan.known).toBe(true);
    expect(plan.matches).toEqual(['trains', 'idle', null]);
    expect(plan.kept.map((d) => d.id)).toEqual(['trains', 'idle']);
    expect(plan.retired).toEqual([{ id: 'parcels', name: 'parcels', tools: 2, renamed: false, target: false, work: parcels.work }]);
    expect(plan.created).toBe(1);
    expect(needsConfirmation(plan)).toBe(true);
  });

  it('needs no confirmation when only domains with nothing on them are retired', () => {
    const plan = planRebuild([trains, idle], [{ toolIds: ['t1', 't2', 't3'] }, { toolIds: ['z1', 'z2'] }]);
    expect(plan.retired.map((d) => d.id)).toEqual(['idle']);
    expect(needsConfirmation(plan)).toBe(false);
  });

  it('counts a person’s name or target mark as curated work', () => {
    expect(isCurated(domain('a', [], { renamed: true }))).toBe(true);
    expect(isCurated(domain('b', [], { target: true }))).toBe(true);
    expect(isCurated(idle)).toBe(false);
    expect(needsConfirmation(planRebuild([domain('c', ['c1'], { target: true })], []))).toBe(true);
  });

  it('names every curated domain as at risk when the new domains are not known before the build', () => {
    const plan = planRebuild([trains, idle], null);
    expect(plan).toMatchObject({ known: false, kept: [], retired: [], created: 0 });
    expect(plan.atRisk.map((d) => d.id)).toEqual(['trains']);
    expect(needsConfirmation(plan)).toBe(true);
    expect(needsConfirmation(planRebuild([idle], null))).toBe(false);
  });
});
