import { Badge } from '@mantine/core';

/** Beside a domain a rebuild retired: its environments and tasks are kept, but it holds no tools now. */
export function PreviousBuild() {
  return (
    <Badge
      variant="outline"
      color="gray"
      size="sm"
      ml="xs"
      title="A graph rebuild found no domain like this one any more: it holds no tools, and what was made on it is kept here"
    >
      from a previous build
    </Badge>
  );
}
