'use client';
import { Alert, Skeleton, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import { VerdictBadge } from './VerdictBadge';

/** Every verdict this trajectory was given, newest first. */
export function ReviewHistory({ trajectoryId }: { trajectoryId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.reviews.history.queryOptions({ trajectoryId }));
  if (q.isError)
    return (
      <Alert color="red" title="Could not load the history">
        {q.error.message}
      </Alert>
    );
  if (!q.data) return <Skeleton h={60} />;
  if (q.data.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="review-history" data-count={0}>
        Not reviewed yet.
      </Text>
    );
  return (
    <Table data-testid="review-history" data-count={q.data.length} striped fz="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Verdict</Table.Th>
          <Table.Th w={130}>Reviewer</Table.Th>
          <Table.Th w={170}>When</Table.Th>
          <Table.Th>Reason</Table.Th>
          <Table.Th>Comment</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {q.data.map((r) => (
          <Table.Tr key={r.id} data-testid="review-history-row">
            <Table.Td>
              <VerdictBadge verdict={r.verdict} />
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.reviewer}</Table.Td>
            <Table.Td>{new Date(r.createdAt).toLocaleString()}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.reason || '—'}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.comment || '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
