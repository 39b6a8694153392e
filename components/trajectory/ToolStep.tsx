'use client';
import { Alert, Badge, Box, Code, Group, Paper, Stack, Text } from '@mantine/core';
import type { ChatToolCall, StepRecord } from '@/server/pipeline/rollout/model';
import { StateDiff } from '../environments/StateDiff';
import { JsonBlock, pretty } from '../tasks/JsonBlock';
import { LongText } from './LongText';

/** The arguments as sent, pretty when they are a JSON object; raw and marked when they are not. */
function Arguments({ raw, parsed }: { raw: string; parsed: Record<string, unknown> | null }) {
  if (parsed) return <JsonBlock value={parsed} maxHeight={220} label="Arguments" />;
  return (
    <Stack gap={2} data-testid="malformed-arguments">
      <Text size="xs" c="red.7" fw={600}>
        Malformed arguments: not a JSON object
      </Text>
      <Code
        block
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', background: 'var(--mantine-color-red-light)', border: '1px solid var(--mantine-color-red-4)' }}
      >
        {raw || '(empty)'}
      </Code>
    </Stack>
  );
}

/** A failed call's kind (sandbox/outcomes.mjs, rollout/loop.ts) as a badge says it: a bare "tool" read as a tag, not a failure. */
const ERROR_LABELS: Record<string, string> = {
  tool: 'refused by the tool',
  internal: 'internal error',
  timeout: 'timed out',
  memory: 'out of memory',
  stack: 'stack overflow',
  output: 'result too large',
  unknown_tool: 'unknown tool',
  bad_arguments: 'bad arguments',
};
const errorLabel = (kind: string | undefined) => (kind ? (ERROR_LABELS[kind] ?? kind.replaceAll('_', ' ')) : 'error');

const parseRaw = (raw: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** One tool call: what the agent sent, what came back, and the rows it changed. */
export function ToolStep({
  call,
  step,
  number,
  answer,
}: {
  call: ChatToolCall;
  step: StepRecord | undefined;
  number: number | null;
  answer: string | undefined;
}) {
  const ok = step?.ok ?? !answer?.startsWith('Error');
  const result = step ? (step.ok ? pretty(step.result) : (step.error ?? 'error')) : (answer ?? '');
  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      data-testid="step"
      data-name={call.function.name}
      data-ok={ok}
      data-changes={step?.diff.length ?? 0}
      style={{ borderLeft: `3px solid var(--mantine-color-${ok ? 'gray' : 'red'}-5)` }}
    >
      <Stack gap={6}>
        <Group gap="xs">
          <Badge size="sm" variant="light" color="gray">
            {number !== null ? `call ${number}` : 'call'}
          </Badge>
          <Text size="sm" ff="monospace" fw={700}>
            {call.function.name}
          </Text>
          <Badge size="sm" variant="light" color={ok ? 'teal' : 'red'} title={ok ? undefined : step?.errorKind}>
            {ok ? 'ok' : errorLabel(step?.errorKind)}
          </Badge>
          {step && (
            <Text size="xs" c="dimmed">
              {step.ms.toFixed(1)} ms
            </Text>
          )}
        </Group>
        <Arguments raw={call.function.arguments} parsed={step ? step.arguments : parseRaw(call.function.arguments)} />
        <Text size="xs" fw={600} c="dimmed">
          {ok ? 'Result' : 'Error'}
        </Text>
        {ok ? (
          <LongText text={result}>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {result}
            </Code>
          </LongText>
        ) : (
          <Alert color="red" p="xs" data-testid="step-error">
            <LongText text={result}>
              <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {result}
              </Text>
            </LongText>
          </Alert>
        )}
        <Text size="xs" fw={600} c="dimmed">
          Database changes
        </Text>
        {step ? (
          // A diff wider than the step scrolls inside it rather than widening the page.
          <Box style={{ overflowX: 'auto' }}>
            <StateDiff changes={step.diff} />
          </Box>
        ) : (
          <Text size="sm" c="dimmed">
            Not executed: no record of this call.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
