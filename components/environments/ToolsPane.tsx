'use client';
import { Alert, Badge, Grid, Group, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useState } from 'react';
import type { EnvironmentVersionRow } from '@/server/db/queries/environments';
import type { ValidationReport } from '@/server/pipeline/environment/model';
import { CodeEditor } from '../editor/CodeEditor';
import { TryPanel } from './TryPanel';

/** The tool list with validation status, the selected tool's code in Monaco, and its try panel. */
export function ToolsPane({ version, report, code, onCode, typings }: { version: EnvironmentVersionRow; report: ValidationReport | null; code: Record<string, string>; onCode: (name: string, code: string) => void; typings: string }) {
  const tools = version.content.tools;
  const [selected, setSelected] = useState(tools[0]?.name ?? '');
  const tool = tools.find((t) => t.name === selected) ?? tools[0];
  const checks = new Map((report?.tools ?? []).map((c) => [c.name, c]));
  if (!tool) return <Text c="dimmed">This version has no tools.</Text>;
  const check = checks.get(tool.name);
  const edited = (code[tool.name] ?? tool.code) !== tool.code;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Paper withBorder radius="md" p={4}>
          <ScrollArea h={640} type="auto">
            <Stack gap={2} role="listbox" aria-label="Tools of this environment">
              {tools.map((t) => {
                const c = checks.get(t.name);
                const active = t.name === tool.name;
                return (
                  <UnstyledButton
                    key={t.name}
                    role="option"
                    aria-selected={active}
                    onClick={() => setSelected(t.name)}
                    p={6}
                    style={{ borderRadius: 6, background: active ? 'var(--mantine-color-blue-light)' : undefined }}
                    data-testid="env-tool"
                    data-status={c ? (c.ok ? 'pass' : 'fail') : 'unknown'}
                  >
                    <Group gap={6} wrap="nowrap">
                      {c ? c.ok ? <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-label="passes" /> : <IconCircleX size={16} color="var(--mantine-color-red-6)" aria-label="fails" /> : null}
                      <Badge size="xs" variant="light" color={t.op === 'write' ? 'orange' : 'blue'} w={58} style={{ flexShrink: 0 }}>
                        {t.op}
                      </Badge>
                      <Text size="sm" ff="monospace" truncate title={t.name}>
                        {t.name}
                        {(code[t.name] ?? t.code) !== t.code ? ' •' : ''}
                      </Text>
                    </Group>
                  </UnstyledButton>
                );
              })}
            </Stack>
          </ScrollArea>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        <Stack gap="sm">
          {check && (
            <Alert color={check.ok ? 'teal' : 'red'} title={check.ok ? 'Passes validation' : 'Fails validation'} data-testid="tool-check" p="xs">
              <Text size="sm">{check.detail}</Text>
              {edited && <Text size="xs" c="dimmed">This is the saved version&apos;s result; save to validate your edit.</Text>}
            </Alert>
          )}
          <CodeEditor
            key={`code-${version.id}-${tool.name}`}
            value={code[tool.name] ?? tool.code}
            onChange={(v) => onCode(tool.name, v ?? '')}
            language="javascript"
            height={340}
            path={`env-${version.id}/${tool.name}.js`}
            extraLib={{ path: `file:///env-${version.id}.d.ts`, content: typings }}
          />
          <TryPanel key={`try-${version.id}-${tool.name}`} version={version} tool={tool} code={code[tool.name] ?? tool.code} initialArgs={(check?.args as Record<string, unknown> | undefined) ?? {}} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
