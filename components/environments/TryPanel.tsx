'use client';
import { Alert, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ToolCode } from '@/server/pipeline/environment/model';
import { useTRPC, type RouterOutputs } from '../trpc';
import { ArgsForm } from './ArgsForm';
import { StateDiff } from './StateDiff';

type EnvironmentVersionRow = RouterOutputs['environments']['version'];

/** Runs the tool as edited (saved or not) on the version's seed state: its result and what it changed. */
export function TryPanel({
  version,
  tool,
  code,
  initialArgs,
}: {
  version: EnvironmentVersionRow;
  tool: ToolCode;
  code: string;
  initialArgs?: Record<string, unknown>;
}) {
  const trpc = useTRPC();
  const [args, setArgs] = useState<Record<string, unknown>>(initialArgs ?? {});
  const run = useMutation(trpc.environments.tryTool.mutationOptions());
  const out = run.data?.outcome;
  return (
    <Paper withBorder radius="md" p="sm" aria-label="Try this tool">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Try {tool.name} on the seed state
          </Text>
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={14} />}
            loading={run.isPending}
            onClick={() => run.mutate({ versionId: version.id, toolName: tool.name, code, args, seed: 7 })}
          >
            Run
          </Button>
        </Group>
        <ArgsForm key={tool.name} schema={tool.parameters} values={args} onChange={setArgs} />
        {run.isError && <Alert color="red">{run.error.message}</Alert>}
        {out && (
          <Stack gap={4} data-testid="try-result" data-ok={out.ok}>
            {out.ok ? (
              <>
                <Text size="xs" c="dimmed">
                  Result ({out.ms.toFixed(1)} ms)
                </Text>
                <Code block style={{ maxHeight: 180, overflow: 'auto' }}>
                  {JSON.stringify(out.result, null, 2) ?? 'undefined'}
                </Code>
              </>
            ) : (
              <Alert color="red" p="xs" title={`Error (${out.error?.kind})`}>
                {out.error?.message}
              </Alert>
            )}
            <StateDiff changes={run.data!.diff} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
