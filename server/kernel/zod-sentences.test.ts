import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodSentences } from './zod-sentences';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues;
};

describe('zodSentences', () => {
  it('names each field and says what it must be', () => {
    const schema = z.object({ name: z.string().max(3), tags: z.array(z.string()).min(1), id: z.uuid(), n: z.number() });
    expect(zodSentences(issuesOf(schema, { name: 'long', tags: [], id: 'x', n: 'one' }))).toBe(
      'name must be at most 3 characters; tags must be at least 1 items; id must be a UUID; n must be a number.',
    );
  });

  it('keeps a refinement’s own message, and counts what it leaves out', () => {
    const refined = z.object({ reason: z.string() }).refine((v) => v.reason.length > 0, { message: 'A rejection needs a reason', path: ['reason'] });
    expect(zodSentences(issuesOf(refined, { reason: '' }))).toBe('reason: a rejection needs a reason.');
    const many = z.object(Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${i}`, z.string()])));
    expect(zodSentences(issuesOf(many, {}))).toMatch(/^f0 must be a string; .*; f4 must be a string; and 2 more problems\.$/);
  });
});
