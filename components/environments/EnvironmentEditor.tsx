'use client';
import { Allowed, useCan } from '../auth/session';
import { ActionIcon, Alert, Badge, Button, FileButton, Group, Menu, Skeleton, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconChevronDown, IconDatabase, IconDeviceFloppy, IconDownload, IconUpload, IconWand } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState, type ComponentProps } from 'react';
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';
import type { EnvironmentSchema, ValidationReport } from '@/server/pipeline/environment/model';
import { isActive } from '../jobs/format';
import { EmptyState } from '../ui/EmptyState';
import { LeaveGuard } from '../ui/LeaveGuard';
import { useTRPC } from '../trpc';
import { DataPane } from './DataPane';
import { passColor } from './EnvironmentsList';
import { ConnectPane } from './ConnectPane';
import { ReferenceCheckPane } from './ReferenceCheckPane';
import { SaveFailingDialog } from './SaveFailingDialog';
import { SchemaPane } from './SchemaPane';
import { ToolsPane } from './ToolsPane';
import { useEnvironmentView, type EnvironmentTab } from './useEnvironmentView';
import { environmentFileUrl, VersionsPane } from './VersionsPane';
import { plural } from '@/lib/text/plural';

/** The largest environment file the import takes (the server's limit too). */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type SaveInput = inferRouterInputs<AppRouter>['environments']['save'];

/**
 * A domain's environment: its schema and every tool's code, edited as a draft and saved as a new
 * version, which is validated on save (each tool run on a seed state); the tool being edited is
 * validated while it is typed, and a version that fails is saved only once the user confirms it.
 * Leaving with unsaved edits asks first. A version downloads as one environment file (with its
 * tasks), and such a file imports back as a new version.
 */
export function EnvironmentEditor({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const env = useQuery(trpc.environments.forDomain.queryOptions({ domainId }));
  const place = useEnvironmentView();
  const latest = env.data?.latest ?? null;
  const [schemaText, setSchemaText] = useState('');
  const [code, setCode] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);

  // A new version (saved or generated) resets the draft to it.
  useEffect(() => {
    if (!latest) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new saved or generated version replaces the local draft; typing edits the draft after
    setSchemaText(JSON.stringify(latest.content.schema, null, 2));
    setCode(Object.fromEntries(latest.content.tools.map((t) => [t.name, t.code])));
  }, [latest]);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.environments.pathKey() });
  /** A save that came back unsaved because it fails: its report, shown in the confirm dialog. */
  const [failing, setFailing] = useState<{ report: ValidationReport; content: SaveInput['content'] } | null>(null);
  const canCurate = useCan('curate');
  const save = useMutation(
    trpc.environments.save.mutationOptions({
      onSuccess: (r, input) => {
        if (!r.saved) {
          setFailing({ report: r.validation, content: input.content });
          return;
        }
        setFailing(null);
        setMessage('');
        const v = r.version;
        notifications.show({ message: `Saved version ${v.number}: ${v.validation?.passed ?? 0} of ${plural(v.content.tools.length, 'tool')} pass` });
        refresh();
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: e.message }),
    }),
  );
  const [importError, setImportError] = useState<string | null>(null);
  const resetImport = useRef<() => void>(null);
  const importFile = useMutation(
    // eslint-disable-next-line react-hooks/refs -- resetImport is read when the mutation settles, never during render
    trpc.environments.importFile.mutationOptions({
      onSuccess: (r, input) => {
        setImportError(null);
        notifications.show({
          color: 'green',
          title: `Imported version ${r.number}`,
          message: `${input.fileName}: ${plural(r.tasks, 'task')}, ${r.validation.passed} of ${plural(r.validation.passed + r.validation.failed, 'tool')} pass`,
        });
        refresh();
      },
      onError: (e) => {
        setImportError(e.message);
        notifications.show({ color: 'red', title: 'Not imported', message: e.message });
      },
      onSettled: () => resetImport.current?.(),
    }),
  );
  const onImportFile = async (file: File | null) => {
    if (!file) return;
    setImportError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setImportError(`${file.name}: the file is too large (${(file.size / 1024 / 1024).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
      resetImport.current?.();
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setImportError(`${file.name}: could not be read (${(e as Error).message})`);
      resetImport.current?.();
      return;
    }
    importFile.mutate({ domainId, fileName: file.name, text });
  };
  const generate = useMutation(trpc.environments.generate.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  const job = useQuery(
    trpc.jobs.get.queryOptions(
      { id: jobId ?? '' },
      { enabled: jobId !== null, refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 600) },
    ),
  );
  const generating = Boolean(job.data && isActive(job.data));
  useEffect(() => {
    if (job.data && !isActive(job.data)) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.data?.status]);

  const savedSchemaText = useMemo(() => (latest ? JSON.stringify(latest.content.schema, null, 2) : ''), [latest]);
  // The edited schema, parsed: live checks use it once it differs from the saved one and parses.
  const { schemaError, draftSchema } = useMemo(() => {
    try {
      const parsed = JSON.parse(schemaText || '{}') as EnvironmentSchema;
      return { schemaError: null, draftSchema: schemaText && schemaText !== savedSchemaText ? parsed : null };
    } catch (e) {
      return { schemaError: (e as Error).message, draftSchema: null };
    }
  }, [schemaText, savedSchemaText]);
  const dirty = Boolean(latest) && (schemaText !== savedSchemaText || latest!.content.tools.some((t) => code[t.name] !== t.code));
  const onSave = () => {
    if (!latest || !dirty || schemaError || save.isPending) return;
    save.mutate({
      domainId,
      parentId: latest.id,
      message,
      content: { schema: JSON.parse(schemaText), tools: latest.content.tools.map((t) => ({ ...t, code: code[t.name] ?? t.code })) },
      confirmFailing: false,
    });
  };
  // Ctrl/Cmd+S saves from anywhere on the page, the code editor included (its textarea too).
  useHotkeys([['mod+S', onSave]], []);

  if (env.isError)
    return (
      <Alert color="red" title="Environment not found">
        {env.error.message}
      </Alert>
    );
  if (!env.data) return <Skeleton h={500} />;
  const { domain } = env.data;
  const startGeneration = (generator: 'heuristic' | 'llm', dataId?: string) =>
    generate.mutate({ domainIds: [domainId], all: false, generator, seed: 7, dataId });
  const dataPane = (
    <DataPane
      domainId={domainId}
      versionId={latest?.id ?? null}
      onGenerate={(dataId) => startGeneration('heuristic', dataId)}
      generating={generate.isPending || generating}
      table={place.table}
      onTable={place.setTable}
    />
  );
  const report = latest?.validation;

  return (
    <Stack gap="md">
      <LeaveGuard dirty={dirty} what="unsaved edits to this environment" />
      <SaveFailingDialog
        report={failing?.report ?? null}
        saving={save.isPending}
        onCancel={() => setFailing(null)}
        onSave={() => failing && latest && save.mutate({ domainId, parentId: latest.id, message, content: failing.content, confirmFailing: true })}
      />
      {/* The buttons move below a name too long to share the line; only a name wider than the page is cut. */}
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap" style={{ flex: '1 1 auto', minWidth: 0, maxWidth: '100%' }}>
          <ActionIcon component={Link} href="/environments" variant="subtle" aria-label="All environments">
            <IconArrowLeft size={18} />
          </ActionIcon>
          <Title order={2} title={domain.name} style={{ minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {domain.name}
          </Title>
          {latest && (
            <Badge variant="light" data-testid="env-version" data-number={latest.number} style={{ flexShrink: 0 }}>
              version {latest.number}
            </Badge>
          )}
          {report && (
            <Badge color={passColor(report.passed, report.passed + report.failed)} data-testid="validation-summary" style={{ flexShrink: 0 }}>
              {report.passed}/{plural(report.passed + report.failed, 'tool')} pass
            </Badge>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {latest && (
            <Button
              component="a"
              href={environmentFileUrl(latest.id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              title={`Download version ${latest.number}, with its tasks, as one JSON file`}
              data-testid="env-download"
            >
              Download file
            </Button>
          )}
          <Allowed to="curate">
            <FileButton
              onChange={onImportFile}
              accept="application/json,.json"
              resetRef={resetImport}
              inputProps={{ 'aria-label': 'Environment file to import', 'data-testid': 'env-import-input' } as ComponentProps<'input'>}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  leftSection={<IconUpload size={16} />}
                  loading={importFile.isPending}
                  title="Import an environment file as a new version of this domain"
                  data-testid="env-import"
                >
                  Import file
                </Button>
              )}
            </FileButton>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconWand size={16} />}
                  rightSection={<IconChevronDown size={14} />}
                  loading={generate.isPending || generating}
                >
                  {latest ? 'Regenerate' : 'Generate'}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => startGeneration('heuristic')}>Heuristic (offline)</Menu.Item>
                <Menu.Item onClick={() => startGeneration('llm')}>With the configured LLM</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Allowed>
        </Group>
      </Group>
      {job.data?.status === 'completed' && (job.data.result as { failures?: Array<{ error: string }> })?.failures?.length ? (
        <Alert color="red" title="Generation failed">
          {(job.data.result as { failures: Array<{ error: string }> }).failures[0]!.error}
        </Alert>
      ) : null}
      {job.data?.status === 'failed' && (
        <Alert color="red" title="Generation failed">
          {job.data.error}
        </Alert>
      )}
      {importError && (
        <Alert color="red" title="Import failed" withCloseButton closeButtonLabel="Dismiss" onClose={() => setImportError(null)} data-testid="env-import-error">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {importError}
          </Text>
        </Alert>
      )}

      {!latest ? (
        <>
          <EmptyState
            icon={IconDatabase}
            title="No environment for this domain yet"
            body={`Generate one: a database schema inferred from the parameters of its ${plural(domain.tools, 'tool')}, and code for each tool that reads or writes it, or upload your own database below and generate from it. Every version is validated by running each tool on its initial state.`}
          />
          {dataPane}
        </>
      ) : (
        <>
          <Group gap="sm" align="flex-end">
            <TextInput
              label="What changed"
              placeholder="e.g. cancel_order checks the status"
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              w={420}
            />
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={onSave}
              disabled={!canCurate || !dirty || Boolean(schemaError)}
              loading={save.isPending}
              title="Validate every tool and save as a new version (Ctrl+S)"
            >
              Save as version {(env.data.versions[0]?.number ?? 0) + 1}
            </Button>
            <Text size="sm" c={schemaError ? 'red' : dirty ? 'orange' : 'dimmed'}>
              {schemaError ? `Schema is not valid JSON: ${schemaError}` : dirty ? 'Unsaved changes: saving validates every tool (Ctrl+S)' : 'Saved'}
            </Text>
          </Group>
          {/* The tab is in the URL (?tab=…): a link to a table's rows, or a reload, opens the same place. */}
          <Tabs value={place.tab} onChange={(t) => t && place.setTab(t as EnvironmentTab)} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="tools">Tools ({latest.content.tools.length})</Tabs.Tab>
              <Tabs.Tab value="schema">Schema ({plural(latest.content.schema.tables.length, 'table')})</Tabs.Tab>
              <Tabs.Tab value="versions">Versions ({env.data.versions.length})</Tabs.Tab>
              <Tabs.Tab value="data">Data</Tabs.Tab>
              <Tabs.Tab value="reference">Reference check</Tabs.Tab>
              <Tabs.Tab value="connect">Connect an agent</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="tools" pt="md">
              <ToolsPane
                domainId={domainId}
                version={latest}
                report={report ?? null}
                code={code}
                onCode={(name, c) => setCode((s) => ({ ...s, [name]: c }))}
                typings={env.data.typings}
                draftSchema={draftSchema}
              />
            </Tabs.Panel>
            <Tabs.Panel value="schema" pt="md">
              <SchemaPane
                text={schemaText}
                onText={setSchemaText}
                schema={latest.content.schema}
                view={place.schemaView}
                onView={place.setSchemaView}
                onOpenTable={place.openTable}
              />
            </Tabs.Panel>
            <Tabs.Panel value="versions" pt="md">
              <VersionsPane domainId={domainId} versions={env.data.versions} current={latest.id} dirty={dirty} />
            </Tabs.Panel>
            <Tabs.Panel value="data" pt="md">
              {dataPane}
            </Tabs.Panel>
            <Tabs.Panel value="reference" pt="md">
              <ReferenceCheckPane versionId={latest.id} />
            </Tabs.Panel>
            <Tabs.Panel value="connect" pt="md">
              <ConnectPane versionId={latest.id} domainId={domainId} domainName={domain.name} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
