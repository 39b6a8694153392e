'use client';
import { Allowed } from '../auth/session';
import { ActionIcon, Alert, Badge, Button, Collapse, Group, Modal, Progress, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconDownload, IconFileDescription, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { STATUS_COLOR } from '../jobs/format';
import { EmptyState } from '../ui/EmptyState';
import { sectionFor } from '../ui/sections';
import { useTRPC, type RouterOutputs } from '../trpc';
import { exportFileUrl, exportManifestUrl, FORMAT_LABELS, fileSize, phaseLabel, SOURCE_LABELS } from './format';
import { ManifestDetails } from './ManifestDetails';

type ExportRow = RouterOutputs['exports']['get'];

const running = (e: Pick<ExportRow, 'status'>) => e.status === 'queued' || e.status === 'running';

/** Every export, newest first: its job's progress, then its file and manifest to download. */
export function ExportsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ExportRow | null>(null);
  const list = useInfiniteQuery(
    trpc.exports.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (p) => p.nextCursor, refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(running)) ? 700 : false) },
    ),
  );
  const remove = useMutation(
    trpc.exports.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void queryClient.invalidateQueries({ queryKey: trpc.exports.list.infiniteQueryKey() });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Not deleted', message: e.message }),
    }),
  );

  if (list.isError)
    return (
      <Alert color="red" title="Could not load exports">
        {list.error.message}
      </Alert>
    );
  if (!list.data) return <Skeleton h={160} />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    const s = sectionFor('/exports');
    return <EmptyState icon={s.icon} {...s.empty!} next={undefined} />;
  }
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" aria-label="Exports" data-testid="exports-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32} />
              <Table.Th>Export</Table.Th>
              <Table.Th w={220}>Status</Table.Th>
              <Table.Th>Records</Table.Th>
              <Table.Th>Domains</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => {
              const done = e.manifest !== null;
              const expanded = open === e.id;
              return (
                <Fragment key={e.id}>
                  <Table.Tr data-testid="export-row" data-export-id={e.id} data-status={done ? 'completed' : (e.status ?? 'queued')}>
                    <Table.Td>
                      {done && (
                        <ActionIcon
                          variant="subtle"
                          aria-label={expanded ? 'Hide the manifest' : 'Show the manifest'}
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : e.id)}
                        >
                          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={600}>
                          {phaseLabel(e.selection.phase)} · {FORMAT_LABELS[e.selection.format]}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {e.createdAt.toLocaleString()} · {SOURCE_LABELS[e.selection.source]}
                          {e.manifest?.targets.length ? ` · targets: ${e.manifest.targets.map((t) => t.name).join(', ')}` : ''}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {done ? (
                        <Badge color="teal" variant="light">
                          ready
                        </Badge>
                      ) : (
                        <Stack gap={4}>
                          <Badge color={STATUS_COLOR[e.status ?? 'queued']} variant="light">
                            {e.status ?? 'queued'}
                          </Badge>
                          {running(e) && <Progress value={e.progress ?? 0} size="sm" animated aria-label="Export progress" />}
                          {e.status === 'failed' && (
                            <Text size="xs" c="red" lineClamp={3}>
                              {e.error}
                            </Text>
                          )}
                          {e.message && running(e) && (
                            <Text size="xs" c="dimmed">
                              {e.message}
                            </Text>
                          )}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td data-testid="export-records">{e.manifest ? e.manifest.records : '—'}</Table.Td>
                    <Table.Td>{e.manifest ? e.manifest.domains.length : '—'}</Table.Td>
                    <Table.Td>{e.manifest ? fileSize(e.bytes) : '—'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {done && (
                          <>
                            <Button
                              component="a"
                              href={exportFileUrl(e.id)}
                              download
                              size="xs"
                              leftSection={<IconDownload size={14} />}
                              data-testid="export-download"
                            >
                              Download
                            </Button>
                            <Button
                              component="a"
                              href={exportManifestUrl(e.id)}
                              download
                              size="xs"
                              variant="default"
                              leftSection={<IconFileDescription size={14} />}
                              data-testid="export-manifest"
                            >
                              Manifest
                            </Button>
                          </>
                        )}
                        <Allowed to="curate">
                          <Tooltip label={running(e) ? 'Still running: cancel it on the Jobs page first' : 'Delete this export'}>
                            <ActionIcon variant="subtle" color="red" aria-label="Delete export" disabled={running(e)} onClick={() => setDeleting(e)}>
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Allowed>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {e.manifest && (
                    <Table.Tr style={expanded ? undefined : { display: 'none' }}>
                      <Table.Td colSpan={7} p={0}>
                        <Collapse expanded={expanded}>
                          <ManifestDetails manifest={e.manifest} />
                        </Collapse>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Older exports
          </Button>
        </Group>
      )}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this export?">
        <Stack gap="sm">
          <Text size="sm">The file and its manifest are deleted; the trajectories and their reviews stay.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Keep
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate({ id: deleting.id })}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
