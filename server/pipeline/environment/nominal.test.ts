import { describe, expect, it } from 'vitest';
import { nominalisations } from './nominal';

describe('nominalisations', () => {
  it('offers the nouns a verb makes', () => {
    expect(nominalisations('book')).toContain('booking');
    expect(nominalisations('reserve')).toContain('reservation');
    expect(nominalisations('invite')).toContain('invitation');
    expect(nominalisations('subscribe')).toContain('subscription');
    expect(nominalisations('apply')).toContain('application');
    expect(nominalisations('register')).toContain('registration');
    expect(nominalisations('pay')).toContain('payment');
    expect(nominalisations('rent')).toContain('rental');
    expect(nominalisations('cancel')).toContain('cancellation');
    expect(nominalisations('transfer')[0]).toBe('transfer');
  });

  it('offers nothing for non-words', () => {
    expect(nominalisations('')).toEqual([]);
    expect(nominalisations('x2')).toEqual([]);
  });
});
