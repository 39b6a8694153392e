'use client';
import { Badge } from '@mantine/core';

/** A trajectory's current review status: unreviewed, accepted or rejected by all its reviewers, or disputed. */
export function VerdictBadge({ verdict }: { verdict: string | null }) {
  if (!verdict)
    return (
      <Badge size="sm" variant="outline" color="gray">
        unreviewed
      </Badge>
    );
  return (
    <Badge
      size="sm"
      variant="filled"
      color={verdict === 'accepted' ? 'teal' : verdict === 'disputed' ? 'orange' : 'red'}
      title={verdict === 'disputed' ? 'Its reviewers disagree' : undefined}
    >
      {verdict}
    </Badge>
  );
}
