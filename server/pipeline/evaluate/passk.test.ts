import { describe, expect, it } from 'vitest';
import { passHatK, passKCurve, summariseTrials, type TrialOutcome } from './passk';
import { failureBreakdown, strayTool } from './trial';
import type { StepRecord } from '../rollout/model';
import type { GoldCall } from '../tasks/model';

describe('passHatK', () => {
  it('is C(c,k)/C(n,k), worked out by hand', () => {
    // n=4, c=3: k=1 3/4; k=2 C(3,2)/C(4,2) = 3/6; k=3 1/4; k=4 0.
    expect(passHatK(4, 3, 1)).toBeCloseTo(0.75, 12);
    expect(passHatK(4, 3, 2)).toBeCloseTo(0.5, 12);
    expect(passHatK(4, 3, 3)).toBeCloseTo(0.25, 12);
    expect(passHatK(4, 3, 4)).toBe(0);
    // n=5, c=4, k=2: C(4,2)/C(5,2) = 6/10.
    expect(passHatK(5, 4, 2)).toBeCloseTo(0.6, 12);
    // Every trial passed: 1 for every k; none: 0.
    expect(passHatK(8, 8, 8)).toBe(1);
    expect(passHatK(8, 0, 1)).toBe(0);
  });

  it('does not overflow for many trials', () => {
    // C(90,50)/C(100,50) = prod_{i<50} (90-i)/(100-i), about 2.1e-4 (from the product itself, far from factorial range).
    const p = passHatK(100, 90, 50);
    let want = 1;
    for (let i = 0; i < 50; i++) want *= (90 - i) / (100 - i);
    expect(p).toBeCloseTo(want, 15);
    expect(Number.isFinite(p) && p > 0 && p < 1e-3).toBe(true);
  });

  it('refuses an impossible count', () => {
    expect(() => passHatK(3, 4, 1)).toThrow(RangeError);
    expect(() => passHatK(3, 2, 4)).toThrow(RangeError);
    expect(() => passHatK(3, 2, 0)).toThrow(RangeError);
  });
});

describe('passKCurve', () => {
  // Three tasks of four trials: 4/4, 3/4, 1/4 passed.
  const tasks = [
    { n: 4, c: 4 },
    { n: 4, c: 3 },
    { n: 4, c: 1 },
  ];

  it('averages the per-task estimates for each k', () => {
    const curve = passKCurve(tasks, 4, { resamples: 0 });
    // k=1: (1 + 3/4 + 1/4)/3 = 2/3; k=2: (1 + 1/2 + 0)/3 = 1/2; k=3: (1 + 1/4 + 0)/3 = 5/12; k=4: (1 + 0 + 0)/3 = 1/3.
    expect(curve['1']!.value).toBeCloseTo(2 / 3, 12);
    expect(curve['2']!.value).toBeCloseTo(1 / 2, 12);
    expect(curve['3']!.value).toBeCloseTo(5 / 12, 12);
    expect(curve['4']!.value).toBeCloseTo(1 / 3, 12);
    expect(curve['4']!.tasks).toBe(3);
  });

  it('leaves out tasks with fewer trials than k, and a k no task reaches', () => {
    const curve = passKCurve(
      [
        { n: 2, c: 2 },
        { n: 1, c: 0 },
      ],
      3,
      { resamples: 0 },
    );
    expect(curve['1']).toMatchObject({ value: 0.5, tasks: 2 });
    expect(curve['2']).toMatchObject({ value: 1, tasks: 1 });
    expect(curve['3']).toBeUndefined();
  });

  it('gives a seeded bootstrap interval around the value, inside [0, 1]', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ n: 4, c: i % 5 === 0 ? 1 : i % 2 ? 4 : 3 }));
    const a = passKCurve(many, 4, { seed: 3 });
    const b = passKCurve(many, 4, { seed: 3 });
    expect(a).toEqual(b);
    for (const e of Object.values(a)) {
      expect(e.low).toBeLessThanOrEqual(e.value);
      expect(e.high).toBeGreaterThanOrEqual(e.value);
      expect(e.low).toBeGreaterThanOrEqual(0);
      expect(e.high).toBeLessThanOrEqual(1);
      expect(e.high - e.low).toBeGreaterThan(0);
    }
    // Identical tasks have no spread to resample.
    const same = passKCurve(
      [
        { n: 4, c: 2 },
        { n: 4, c: 2 },
      ],
      2,
    );
    expect(same['1']).toEqual({ value: 0.5, low: 0.5, high: 0.5, tasks: 2 });
  });
});

describe('summariseTrials', () => {
  const trial = (taskId: string, domain: string, passed: boolean): TrialOutcome => ({ taskId, domainId: `d-${domain}`, domainName: domain, passed });

  it('groups trials by task and domain', () => {
    const trials = [
      ...[true, true].map((p) => trial('t1', 'shop', p)),
      ...[true, false].map((p) => trial('t2', 'shop', p)),
      ...[false, false].map((p) => trial('t3', 'bank', p)),
    ];
    const s = summariseTrials(trials, 2, { resamples: 0 });
    expect(s).toMatchObject({ tasks: 3, trials: 6, passed: 3 });
    // k=1: (1 + 1/2 + 0)/3 = 1/2; k=2: (1 + 0 + 0)/3 = 1/3.
    expect(s.passk['1']!.value).toBeCloseTo(0.5, 12);
    expect(s.passk['2']!.value).toBeCloseTo(1 / 3, 12);
    expect(Object.keys(s.domains)).toEqual(['d-bank', 'd-shop']);
    expect(s.domains['d-shop']).toMatchObject({ name: 'shop', tasks: 2, trials: 4, passed: 3 });
    expect(s.domains['d-shop']!.passk['1']!.value).toBeCloseTo(0.75, 12);
    expect(s.domains['d-shop']!.passk['2']!.value).toBeCloseTo(0.5, 12);
    expect(s.domains['d-bank']!.passk['2']!.value).toBe(0);
  });
});

describe('what failed a trial', () => {
  const gold: GoldCall[] = [
    { toolId: 'find', name: 'find', op: 'read', arguments: { id: 'a' }, result: null },
    { toolId: 'cancel', name: 'cancel', op: 'write', arguments: { id: 'a' }, result: null },
  ];
  const step = (name: string, args: Record<string, unknown>, ok = true) =>
    ({ callId: name, name, rawArguments: JSON.stringify(args), arguments: args, ok }) as StepRecord;

  it('names the first gold call not made as it should be, or the extra one', () => {
    expect(strayTool([step('find', { id: 'a' }), step('cancel', { id: 'b' })], gold)).toBe('cancel');
    expect(strayTool([step('find', { id: 'a' })], gold)).toBe('cancel');
    expect(strayTool([step('find', { id: 'z' }, false), step('find', { id: 'a' }), step('cancel', { id: 'a' }), step('peek', {})], gold)).toBe('peek');
    expect(strayTool([step('find', { id: 'a' }), step('cancel', { id: 'a' })], gold)).toBeNull();
  });

  it('counts failures by filter, tool and domain', () => {
    const b = failureBreakdown([
      { passed: false, failure: 'state', failedTool: 'cancel', domainName: 'shop' },
      { passed: false, failure: 'state', failedTool: 'refund', domainName: 'shop' },
      { passed: false, failure: 'validity', failedTool: null, domainName: 'bank' },
      { passed: true, failure: null, failedTool: null, domainName: 'bank' },
    ]);
    expect(b.failed).toBe(3);
    expect(b.byFilter).toEqual([
      { name: 'state', trials: 2 },
      { name: 'validity', trials: 1 },
    ]);
    expect(b.byTool).toEqual([
      { name: 'cancel', trials: 1 },
      { name: 'refund', trials: 1 },
    ]);
    expect(b.byDomain).toEqual([
      { name: 'shop', trials: 2 },
      { name: 'bank', trials: 1 },
    ]);
  });
});
