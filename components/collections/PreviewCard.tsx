'use client';
import { Alert, Badge, Checkbox, Code, Collapse, Group, Paper, SegmentedControl, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconCopy, IconFileAlert } from '@tabler/icons-react';
import { useState } from 'react';
import { FORMAT_LABELS, formatBytes, locate, type UploadPreview } from './upload';
import { plural } from '@/lib/text/plural';

export type Choice = { include: boolean; name: string; duplicates: 'replace' | 'keep' };

/** One uploaded file before import: what was detected, or where it is broken. */
export function PreviewCard({ item, choice, onChange }: { item: UploadPreview; choice: Choice; onChange: (c: Choice) => void }) {
  const [showWarnings, setShowWarnings] = useState(false);
  const p = item.preview;
  return (
    <Paper withBorder p="md" radius="md" data-testid="upload-preview" data-file={item.file}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0}>
            {p && (
              <Checkbox
                checked={choice.include}
                onChange={(e) => onChange({ ...choice, include: e.currentTarget.checked })}
                aria-label={`Import ${item.file}`}
              />
            )}
            <Text fw={600} truncate title={item.file}>
              {item.file}
            </Text>
            <Text size="xs" c="dimmed">
              {formatBytes(item.size)}
            </Text>
          </Group>
          {p && (
            <Group gap={6} wrap="nowrap">
              <Badge variant="light">{FORMAT_LABELS[p.format] ?? p.format}</Badge>
              <Badge variant="outline" data-testid="preview-tool-count">
                {plural(p.tools, 'tool')}
              </Badge>
              <Badge variant="dot" color="blue">
                {p.reads} read
              </Badge>
              <Badge variant="dot" color="orange">
                {p.writes} write
              </Badge>
            </Group>
          )}
        </Group>

        {item.error && (
          <Alert color="red" icon={<IconFileAlert size={18} />} title="Cannot import this file" data-testid="upload-error">
            <Text size="sm" ff="monospace">
              {locate(item.error)}
            </Text>
            <Text size="sm">{item.error.message}</Text>
          </Alert>
        )}

        {p && (
          <>
            <TextInput
              label="Collection name"
              value={choice.name}
              onChange={(e) => onChange({ ...choice, name: e.currentTarget.value })}
              disabled={!choice.include}
            />
            {p.sample.length > 0 && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {p.sample.join(', ')}
                {p.tools > p.sample.length ? ', …' : ''}
              </Text>
            )}
          </>
        )}

        {p && item.duplicates.length > 0 && (
          <Alert color="yellow" icon={<IconCopy size={18} />} title={`Already imported as “${item.duplicates[0]!.name}”`}>
            <Group gap="sm">
              <Text size="sm">The same file was imported before.</Text>
              <SegmentedControl
                size="xs"
                value={choice.duplicates}
                onChange={(v) => onChange({ ...choice, duplicates: v as Choice['duplicates'] })}
                data={[
                  { value: 'replace', label: 'Replace it' },
                  { value: 'keep', label: 'Keep both' },
                ]}
                aria-label="What to do with the earlier import"
              />
            </Group>
          </Alert>
        )}

        {p && p.warnings.length > 0 && (
          <>
            <UnstyledButton onClick={() => setShowWarnings((s) => !s)} aria-expanded={showWarnings}>
              <Group gap={4}>
                {showWarnings ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                <IconAlertTriangle size={14} color="var(--mantine-color-yellow-7)" />
                <Text size="sm">
                  {p.warnings.length} warning{p.warnings.length === 1 ? '' : 's'}: what was skipped or repaired
                </Text>
              </Group>
            </UnstyledButton>
            <Collapse expanded={showWarnings}>
              <Stack gap={4} mah={240} style={{ overflow: 'auto' }}>
                {p.warnings.map((w, i) => (
                  <Text key={i} size="xs">
                    <Code>{w.pointer || '/'}</Code> {w.message}
                  </Text>
                ))}
              </Stack>
            </Collapse>
          </>
        )}
      </Stack>
    </Paper>
  );
}
