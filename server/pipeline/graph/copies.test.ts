import { describe, expect, it } from 'vitest';
import { isCopy } from './copies';

describe('isCopy', () => {
  it('needs the same name, digits and case aside, and a similarity at the duplicate level', () => {
    expect(isCopy({ name: 'think' }, { name: 'think_2' }, 0.95, 0.9)).toBe(true);
    expect(isCopy({ name: 'getUserDetails' }, { name: 'get_user_details' }, 0.9, 0.9)).toBe(true);
    expect(isCopy({ name: 'think' }, { name: 'think_2' }, 0.85, 0.9)).toBe(false);
    expect(isCopy({ name: 'search_direct_flight' }, { name: 'search_onestop_flight' }, 0.99, 0.9)).toBe(false);
  });
});
