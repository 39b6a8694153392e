'use client';
import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconRobot, IconTool, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ChatMessage, StepRecord } from '@/server/pipeline/rollout/model';
import { Disclosure } from '../tasks/Disclosure';
import { LongText } from './LongText';
import { ToolStep } from './ToolStep';

/** The user's token for "the task is done" (server/pipeline/rollout/policies.ts). */
const STOP = '###STOP###';

function Bubble({
  who,
  icon,
  color,
  children,
  testId,
  badge,
}: {
  who: string;
  icon: ReactNode;
  color: string;
  children: ReactNode;
  testId: string;
  badge?: ReactNode;
}) {
  return (
    <Box data-testid={testId}>
      <Group gap={6} mb={4}>
        {icon}
        <Text size="xs" fw={700} c={`${color}.8`} tt="uppercase">
          {who}
        </Text>
        {badge}
      </Group>
      {children}
    </Box>
  );
}

function Said({ text, color }: { text: string; color: string }) {
  return (
    <Paper radius="md" p="sm" bg={`var(--mantine-color-${color}-light)`}>
      <LongText text={text}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Text>
      </LongText>
    </Paper>
  );
}

/** What an export does with an agent message: trains on it, or keeps it as context (an injected mistake). */
function TrainedBadge({ trained }: { trained: boolean }) {
  return trained ? (
    <Badge
      size="xs"
      variant="light"
      color="teal"
      data-testid="trained-badge"
      data-trained="true"
      title="Exported with weight 1 (OpenAI) / loss mask 1 (ShareGPT)"
    >
      trained
    </Badge>
  ) : (
    <Badge
      size="xs"
      variant="light"
      color="orange"
      data-testid="trained-badge"
      data-trained="false"
      title="Exported as context with weight 0 / loss mask 0: the model does not learn to make this mistake"
    >
      not trained: injected mistake
    </Badge>
  );
}

/** The key to the badges on the agent's messages. */
export function TrainingLegend({ masked }: { masked: number }) {
  return (
    <Text size="xs" c="dimmed" mb="xs" data-testid="training-legend">
      Exports train on the agent&apos;s messages marked <b>trained</b>; those marked <b>not trained: injected mistake</b> carry a mistake the offline agent made
      on purpose and are kept only as context (weight 0, loss mask 0). User turns and tool results are context too, and the user&apos;s closing line is left
      out.
      {masked > 0 ? ` This trajectory has ${masked} masked message${masked === 1 ? '' : 's'}.` : ''}
    </Text>
  );
}

/**
 * The conversation in order: user and agent messages, each tool call with its result and the rows
 * it changed. Tool answers are shown with their call; one without a call is shown on its own. Each
 * agent message says whether exports train on it.
 */
export function Timeline({ messages, steps, masked = [] }: { messages: ChatMessage[]; steps: StepRecord[]; masked?: number[] }) {
  const stepOf = new Map(steps.map((s, i) => [s.callId, { step: s, number: i + 1 }]));
  const answers = new Map(messages.flatMap((m) => (m.role === 'tool' ? [[m.tool_call_id, m.content] as const] : [])));
  const called = new Set(messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => c.id) : [])));
  return (
    <Stack gap="md" data-testid="timeline">
      {messages.map((m, i) => {
        const key = `${i}-${m.role}`;
        if (m.role === 'system')
          return (
            <Disclosure
              key={key}
              title={
                <Text size="sm" c="dimmed">
                  System prompt
                </Text>
              }
            >
              <Said text={m.content} color="gray" />
            </Disclosure>
          );
        if (m.role === 'user') {
          const done = m.content.includes(STOP);
          const text = m.content.replace(STOP, '').trim();
          return (
            <Bubble key={key} who="User" icon={<IconUser size={16} />} color="blue" testId="message-user">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Box style={{ flex: 1 }}>
                  <Said text={text || '(empty)'} color="blue" />
                </Box>
                {done && (
                  <Badge variant="light" color="gray" title={`The user ended the conversation (${STOP})`}>
                    ends the task
                  </Badge>
                )}
              </Group>
            </Bubble>
          );
        }
        if (m.role === 'assistant')
          return (
            <Bubble
              key={key}
              who="Agent"
              icon={<IconRobot size={16} />}
              color="teal"
              testId="message-assistant"
              badge={<TrainedBadge trained={!masked.includes(i)} />}
            >
              <Stack gap="xs">
                {m.content ? <Said text={m.content} color="teal" /> : null}
                {(m.tool_calls ?? []).map((c, j) => {
                  const s = stepOf.get(c.id);
                  return <ToolStep key={`${c.id}-${j}`} call={c} step={s?.step} number={s?.number ?? null} answer={answers.get(c.id)} />;
                })}
                {!m.content && !m.tool_calls?.length && (
                  <Text size="sm" c="dimmed">
                    (empty message)
                  </Text>
                )}
              </Stack>
            </Bubble>
          );
        if (called.has(m.tool_call_id)) return null;
        return (
          <Bubble key={key} who={`Tool answer to ${m.tool_call_id}`} icon={<IconTool size={16} />} color="gray" testId="message-tool">
            <Said text={m.content} color="gray" />
          </Bubble>
        );
      })}
      {messages.length === 0 && <Text c="dimmed">No messages.</Text>}
    </Stack>
  );
}
