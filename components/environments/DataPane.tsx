'use client';
import { Allowed } from '../auth/session';
import { Alert, Badge, Button, Code, FileButton, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconUpload, IconWand } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ComponentProps } from 'react';
import { useTRPC, type RouterOutputs } from '../trpc';
import { SeedRows } from './SeedRows';
import { formatBytes, uploadFile } from './upload-file';
import { plural } from '@/lib/text/plural';

/** The server's limit for a database file (grounded/data-file.ts). */
const MAX_DATA_BYTES = 50 * 2 ** 20;
type DataSummary = RouterOutputs['environmentData']['forVersion']['uploads'][number];

/**
 * The user's own database for this domain: what the version starts from, uploads (checked against
 * the tools, errors located by table, key and field), a version generated from one, and its rows
 * table by table, a page at a time.
 */
export function DataPane({
  domainId,
  versionId,
  onGenerate,
  generating,
  table,
  onTable,
}: {
  domainId: string;
  versionId: string | null;
  onGenerate: (dataId: string) => void;
  generating: boolean;
  /** The table whose rows are shown (from the URL), and how to pick another. */
  table: string | null;
  onTable: (table: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const data = useQuery(trpc.environmentData.forVersion.queryOptions({ domainId, versionId }));
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<DataSummary>(`/api/domains/${domainId}/data`, file, MAX_DATA_BYTES),
    onSuccess: (d) => {
      setError(null);
      setShown(d.id);
      notifications.show({
        color: 'green',
        title: `Read ${d.fileName}`,
        message: `${plural(d.rows, 'row')} in ${plural(d.tables.length, 'table')} fit the tools. Generate a version from it to use it.`,
      });
      void queryClient.invalidateQueries({ queryKey: trpc.environmentData.forVersion.queryKey({ domainId, versionId }) });
    },
    onError: (e) => setError(e.message),
    onSettled: () => resetRef.current?.(),
  });

  if (data.isError)
    return (
      <Alert color="red" title="Data could not be loaded">
        {data.error.message}
      </Alert>
    );
  if (!data.data) return <Skeleton h={200} />;
  const { current, uploads } = data.data;
  // A version without data of its own shows the rows seeded from its schema, until an upload is picked.
  const selected = uploads.find((u) => u.id === shown) ?? current ?? (versionId ? null : (uploads[0] ?? null));

  return (
    <Stack gap="md" data-testid="data-pane">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} maw={760}>
          <Text fw={600}>
            {current ? `This version starts from ${current.fileName}` : versionId ? 'This version starts from rows seeded from its schema' : 'Your own data'}
          </Text>
          <Text size="sm" c="dimmed">
            {current
              ? `${plural(current.rows, 'row')} in ${plural(current.tables.length, 'table')} (${formatBytes(current.bytes)}): the try panel, validation, task sampling and replays all start from it.`
              : 'Upload your own database (τ-bench style {"table": {"key": row}}, or {"table": [rows]} with an id field) and generate a version from it: its schema is learned from the rows and each tool’s code from the data and the tool’s own words.'}
          </Text>
        </Stack>
        <Allowed to="curate">
          <FileButton
            onChange={(f) => f && upload.mutate(f)}
            accept="application/json,.json"
            resetRef={resetRef}
            inputProps={{ 'aria-label': 'Database file to upload', 'data-testid': 'data-upload-input' } as ComponentProps<'input'>}
          >
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} loading={upload.isPending} data-testid="data-upload">
                Upload database
              </Button>
            )}
          </FileButton>
        </Allowed>
      </Group>
      {error && (
        <Alert
          color="red"
          title="The database was not stored"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setError(null)}
          data-testid="data-error"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {error}
          </Text>
        </Alert>
      )}
      {uploads.length > 0 && (
        <Table verticalSpacing={6} aria-label="Uploaded databases" data-testid="data-uploads">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th>Tables</Table.Th>
              <Table.Th>Uploaded</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {uploads.map((u) => (
              <Table.Tr key={u.id} bg={u.id === selected?.id ? 'var(--mantine-color-blue-light)' : undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button variant="subtle" size="compact-sm" onClick={() => setShown(u.id)} aria-pressed={u.id === selected?.id}>
                      {u.fileName}
                    </Button>
                    {u.id === current?.id && (
                      <Badge size="sm" variant="light">
                        in use
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{u.rows.toLocaleString()}</Table.Td>
                <Table.Td>{u.tables.map((t) => t.name).join(', ')}</Table.Td>
                <Table.Td>{new Date(u.createdAt).toLocaleString()}</Table.Td>
                <Table.Td ta="right">
                  {u.id !== current?.id && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconWand size={14} />}
                      loading={generating}
                      onClick={() => onGenerate(u.id)}
                      data-testid="data-generate"
                    >
                      Generate a version from it
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {selected ? (
        <DataRows data={selected} table={table} onTable={onTable} />
      ) : versionId ? (
        <SeedRows versionId={versionId} table={table} onTable={onTable} />
      ) : null}
    </Stack>
  );
}

/** One table of a stored database, a page of rows at a time, in key order. */
function DataRows({ data, table: wanted, onTable }: { data: DataSummary; table: string | null; onTable: (table: string) => void }) {
  const trpc = useTRPC();
  // The table asked for when this database has it, else its first.
  const table = data.tables.some((t) => t.name === wanted) ? wanted! : (data.tables[0]?.name ?? '');
  // Paging starts again for another table or database: the cursors belong to the one they were read from.
  const [paging, setPaging] = useState<{ of: string; cursors: Array<string | null> }>({ of: '', cursors: [null] });
  const of = `${data.id}/${table}`;
  const cursors = paging.of === of ? paging.cursors : [null];
  const setCursors = (f: (c: Array<string | null>) => Array<string | null>) => setPaging({ of, cursors: f(cursors) });
  const after = cursors[cursors.length - 1] ?? null;
  const page = useQuery(trpc.environmentData.preview.queryOptions({ dataId: data.id, table, after, limit: 25 }, { enabled: table !== '' }));
  const info = data.tables.find((t) => t.name === table);
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <SegmentedControl
            aria-label="Table"
            value={table}
            onChange={onTable}
            data={data.tables.map((t) => ({ value: t.name, label: `${t.name} (${t.rows.toLocaleString()})` }))}
          />
          {info && (
            <Text size="sm" c="dimmed">
              keyed by <Code>{info.primaryKey}</Code>
              {info.listKey ? ' (a list in the file)' : ''}
            </Text>
          )}
        </Group>
        {page.isError && <Alert color="red">{page.error.message}</Alert>}
        {!page.data ? (
          <Skeleton h={160} />
        ) : (
          <Table verticalSpacing={4} aria-label={`Rows of ${table}`} data-testid="data-rows" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>Key</Table.Th>
                <Table.Th>Row</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Code>{r.key}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" lineClamp={3} style={{ overflowWrap: 'anywhere' }} title={JSON.stringify(r.row, null, 2)}>
                      {JSON.stringify(r.row)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end" gap="xs">
          <Text size="sm" c="dimmed">
            Page {cursors.length}
            {info ? ` of ${Math.max(1, Math.ceil(info.rows / 25))}` : ''}
          </Text>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconChevronLeft size={14} />}
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Previous
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            rightSection={<IconChevronRight size={14} />}
            disabled={!page.data?.next}
            onClick={() => setCursors((c) => [...c, page.data!.next])}
          >
            Next
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
