'use client';
import { Alert, Badge, Grid, Group, Loader, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useState } from 'react';
import type { EnvironmentSchema, ToolCheck, ValidationReport } from '@/server/pipeline/environment/model';
import { CodeEditor } from '../editor/CodeEditor';
import { BreakableName } from '../ui/BreakableName';
import type { RouterOutputs } from '../trpc';
import { TryPanel } from './TryPanel';
import { useLiveCheck, type LiveCheck } from './useLiveCheck';

type EnvironmentVersionRow = RouterOutputs['environments']['version'];

type ToolsPaneProps = {
  domainId: string;
  version: EnvironmentVersionRow;
  report: ValidationReport | null;
  code: Record<string, string>;
  onCode: (name: string, code: string) => void;
  typings: string;
  /** The edited schema when it differs from the saved one (and parses): live checks use it. */
  draftSchema: EnvironmentSchema | null;
};

/**
 * The tool list with validation status, the selected tool's code in Monaco (checked in the sandbox
 * as it is typed), and its try panel.
 */
export function ToolsPane({ domainId, version, report, code, onCode, typings, draftSchema }: ToolsPaneProps) {
  const tools = version.content.tools;
  const [selected, setSelected] = useState(tools[0]?.name ?? '');
  const tool = tools.find((t) => t.name === selected) ?? tools[0];
  const checks = new Map((report?.tools ?? []).map((c) => [c.name, c]));
  const live = useLiveCheck({
    domainId,
    tool: tool?.name ?? '',
    code: tool ? (code[tool.name] ?? tool.code) : '',
    saved: tool?.code ?? '',
    schema: draftSchema,
  });
  if (!tool) return <Text c="dimmed">This version has no tools.</Text>;
  const check = checks.get(tool.name);

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
                      {c ? (
                        c.ok ? (
                          <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-label="passes" />
                        ) : (
                          <IconCircleX size={16} color="var(--mantine-color-red-6)" aria-label="fails" />
                        )
                      ) : null}
                      <Badge size="xs" variant="light" color={t.op === 'write' ? 'orange' : 'blue'} w={58} style={{ flexShrink: 0 }}>
                        {t.op}
                      </Badge>
                      <Text size="sm" ff="monospace" title={t.name} style={{ overflowWrap: 'anywhere' }}>
                        <BreakableName name={t.name} />
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
          {live.status === 'saved' ? (
            check && (
              <Alert color={check.ok ? 'teal' : 'red'} title={check.ok ? 'Passes validation' : 'Fails validation'} data-testid="tool-check" p="xs">
                <Text size="sm">{check.detail}</Text>
              </Alert>
            )
          ) : (
            <LiveCheckAlert live={live} saved={check} />
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
          <TryPanel
            key={`try-${version.id}-${tool.name}`}
            version={version}
            tool={tool}
            code={code[tool.name] ?? tool.code}
            initialArgs={(check?.args as Record<string, unknown> | undefined) ?? {}}
          />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** What the sandbox says of the edit now in the editor; announced to screen readers as it changes. */
function LiveCheckAlert({ live, saved }: { live: Exclude<LiveCheck, { status: 'saved' }>; saved: ToolCheck | undefined }) {
  const savedLine = saved && (
    <Text size="xs" c="dimmed">
      The saved version {saved.ok ? 'passes' : 'fails'}.
    </Text>
  );
  const common = {
    'data-testid': 'live-check',
    'data-status': live.status === 'done' ? (live.check.ok ? 'pass' : 'fail') : live.status,
    'aria-live': 'polite' as const,
    p: 'xs',
  };
  if (live.status === 'checking')
    return (
      <Alert {...common} color="gray" title="Checking your edit…" icon={<Loader size={16} />}>
        <Text size="sm">It runs in the sandbox once you pause typing, as saving would validate it.</Text>
        {savedLine}
      </Alert>
    );
  if (live.status === 'error')
    return (
      <Alert {...common} color="red" title="Your edit could not be checked">
        <Text size="sm">{live.message}</Text>
        {savedLine}
      </Alert>
    );
  return (
    <Alert {...common} color={live.check.ok ? 'teal' : 'red'} title={live.check.ok ? 'Your edit passes validation' : 'Your edit fails validation'}>
      <Text size="sm">{live.check.detail}</Text>
      {savedLine}
    </Alert>
  );
}
