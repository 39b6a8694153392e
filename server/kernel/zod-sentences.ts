/** The parts of a zod issue a sentence needs (zod 4's `$ZodIssue`, loosely). */
export type ZodIssueLike = {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  maximum?: unknown;
  minimum?: unknown;
  origin?: string;
  expected?: unknown;
  format?: string;
};

/** Zod issues as sentences naming the field: "name must be at most 200 characters; id must be a UUID." */
export function zodSentences(issues: readonly ZodIssueLike[]): string {
  const parts = issues.slice(0, 5).map(sentence);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more problems` : '';
  return `${parts.join('; ')}${more}.`;
}

function sentence(issue: ZodIssueLike): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : 'the input';
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' || issue.origin === 'set' ? ' items' : '';
  switch (issue.code) {
    case 'too_big':
      return `${where} must be at most ${String(issue.maximum)}${unit}`;
    case 'too_small':
      return `${where} must be at least ${String(issue.minimum)}${unit}`;
    case 'invalid_type':
      return `${where} must be ${article(String(issue.expected))}`;
    case 'invalid_format':
      return `${where} must be ${article(issue.format === 'uuid' ? 'UUID' : String(issue.format))}`;
    default:
      return `${where}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
  }
}

const article = (noun: string) => (/^[aeiou]/i.test(noun) && noun !== 'UUID' ? `an ${noun}` : `a ${noun}`);
