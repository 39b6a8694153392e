'use client';
import { Alert, Button, Group, Paper, Progress, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconClipboardText, IconFileUpload, IconUpload, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { plural } from '@/lib/text/plural';
import { useTRPC } from '../trpc';
import { ImportJobs, type StartedImport } from './ImportJobs';
import { PreviewCard, type Choice } from './PreviewCard';
import { pastedFile, uploadFiles, type UploadPreview } from './upload';

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Upload, preview, import: files (dropped, picked or pasted) are sent and read once to show their
 * format, tool count and warnings or their located error; only then does the user import them.
 */
export function UploadPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [previews, setPreviews] = useState<UploadPreview[]>([]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [started, setStarted] = useState<StartedImport[]>([]);
  const [pasted, setPasted] = useState('');
  const [pasteCount, setPasteCount] = useState(1);
  /** The pasted text last sent for a preview: kept in the box to edit, not previewed twice. */
  const [previewedText, setPreviewedText] = useState<string | null>(null);

  /** Uploads and previews the files; false when the upload itself failed. */
  const send = async (files: File[]): Promise<boolean> => {
    setUploadError(null);
    setProgress(0);
    try {
      const result = await uploadFiles(files, setProgress);
      setPreviews((prev) => [...prev, ...result]);
      setChoices((prev) => ({
        ...prev,
        ...Object.fromEntries(
          result.map((r) => [r.uploadId, { include: r.preview !== null, name: r.preview?.title ?? r.file, duplicates: 'replace' as const }]),
        ),
      }));
      return true;
    } catch (e) {
      setUploadError((e as Error).message);
      return false;
    } finally {
      setProgress(null);
    }
  };

  const start = useMutation(trpc.collections.import.mutationOptions());
  const discard = useMutation(trpc.collections.discardUploads.mutationOptions());
  const chosen = previews.filter((p) => p.preview && choices[p.uploadId]?.include);

  const importChosen = async () => {
    const jobs: StartedImport[] = [];
    for (const p of chosen) {
      const c = choices[p.uploadId]!;
      const job = await start.mutateAsync({
        uploadIds: [p.uploadId],
        name: c.name.trim() || undefined,
        duplicates: p.duplicates.length ? c.duplicates : 'keep',
      });
      jobs.push({ jobId: job.id, file: p.file });
    }
    const rest = previews.filter((p) => !chosen.includes(p)).map((p) => p.uploadId);
    if (rest.length) discard.mutate({ ids: rest });
    setStarted((s) => [...jobs, ...s]);
    setPreviews([]);
    setChoices({});
    setPreviewedText(null);
  };

  const clear = () => {
    discard.mutate({ ids: previews.map((p) => p.uploadId) });
    setPreviews([]);
    setChoices({});
    setPreviewedText(null);
  };
  const alreadyPreviewed = previewedText !== null && pasted === previewedText;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Tabs defaultValue="files">
          <Tabs.List mb="md">
            <Tabs.Tab value="files" leftSection={<IconFileUpload size={16} />}>
              Files
            </Tabs.Tab>
            <Tabs.Tab value="paste" leftSection={<IconClipboardText size={16} />}>
              Paste
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="files">
            <Dropzone
              onDrop={(files) => void send(files)}
              maxSize={MAX_BYTES}
              multiple
              loading={progress !== null}
              onReject={(r) => setUploadError(r.map((f) => `${f.file.name}: ${f.errors.map((e) => e.message).join(', ')}`).join('; '))}
              data-testid="dropzone"
            >
              <Group justify="center" gap="lg" mih={110} style={{ pointerEvents: 'none' }}>
                <Dropzone.Accept>
                  <IconUpload size={44} stroke={1.5} />
                </Dropzone.Accept>
                <Dropzone.Reject>
                  <IconX size={44} stroke={1.5} />
                </Dropzone.Reject>
                <Dropzone.Idle>
                  <IconFileUpload size={44} stroke={1.5} />
                </Dropzone.Idle>
                <div>
                  <Text size="lg">Drop collection files here, or click to choose</Text>
                  <Text size="sm" c="dimmed">
                    OpenAPI 3 / Swagger 2 (JSON or YAML), Postman v2, ToolBench, OpenAI or MCP tool lists, BFCL / ACEBench JSON Lines. Up to 64 MB each.
                  </Text>
                </div>
              </Group>
            </Dropzone>
          </Tabs.Panel>
          <Tabs.Panel value="paste">
            <Stack gap="xs">
              <Textarea
                value={pasted}
                onChange={(e) => setPasted(e.currentTarget.value)}
                placeholder="Paste a JSON or YAML document: an OpenAPI spec, a list of OpenAI tools, …"
                autosize
                minRows={6}
                maxRows={16}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                aria-label="Pasted collection"
              />
              <Group justify="flex-end" gap="sm">
                {alreadyPreviewed && (
                  <Text size="xs" c="dimmed" data-testid="paste-previewed">
                    Previewed below; edit the text to preview it again.
                  </Text>
                )}
                <Button variant="default" disabled={!pasted} onClick={() => setPasted('')}>
                  Clear text
                </Button>
                <Button
                  disabled={!pasted.trim() || alreadyPreviewed}
                  loading={progress !== null}
                  onClick={() => {
                    const text = pasted;
                    setPasteCount((n) => n + 1);
                    setPreviewedText(text);
                    void send([pastedFile(text, pasteCount)]).then((sent) => !sent && setPreviewedText(null));
                  }}
                >
                  Preview
                </Button>
              </Group>
            </Stack>
          </Tabs.Panel>
        </Tabs>
        {progress !== null && (
          <Stack gap={4} mt="sm">
            <Progress value={progress * 100} animated aria-label="Upload progress" />
            <Text size="xs" c="dimmed">
              {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Reading the files…'}
            </Text>
          </Stack>
        )}
        {uploadError && (
          <Alert color="red" mt="sm" title="Upload failed" withCloseButton onClose={() => setUploadError(null)}>
            {uploadError}
          </Alert>
        )}
      </Paper>

      {previews.length > 0 && (
        <Stack gap="sm" data-testid="upload-previews">
          {previews.map((p) => (
            <PreviewCard key={p.uploadId} item={p} choice={choices[p.uploadId]!} onChange={(c) => setChoices((s) => ({ ...s, [p.uploadId]: c }))} />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={clear}>
              Clear
            </Button>
            <Button onClick={importChosen} disabled={chosen.length === 0} loading={start.isPending}>
              Import {plural(chosen.length, 'collection')}
            </Button>
          </Group>
          {start.isError && <Alert color="red">{start.error.message}</Alert>}
        </Stack>
      )}

      <ImportJobs
        started={started}
        onFinished={() => {
          void queryClient.invalidateQueries({ queryKey: trpc.collections.list.queryKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.tools.list.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.tools.count.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.tools.formats.queryKey() });
        }}
        onDismiss={(jobId) => setStarted((s) => s.filter((j) => j.jobId !== jobId))}
      />
    </Stack>
  );
}
