'use client';
import { Badge } from '@mantine/core';

/** A trajectory's current review verdict. */
export function VerdictBadge({ verdict }: { verdict: string | null }) {
  if (!verdict)
    return (
      <Badge size="sm" variant="outline" color="gray">
        unreviewed
      </Badge>
    );
  return (
    <Badge size="sm" variant="filled" color={verdict === 'accepted' ? 'teal' : 'red'}>
      {verdict}
    </Badge>
  );
}
