'use client';
import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { GoldCall } from '@/server/pipeline/tasks/model';
import { Disclosure } from './Disclosure';
import { JsonBlock } from './JsonBlock';
import { BreakableName } from '../ui/BreakableName';

/** Arguments on one line, cut short: the header of a call. */
export function argumentsLine(args: unknown, max = 90) {
  const text = JSON.stringify(args) ?? '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The calls a perfect agent makes, in order; each opens to its arguments and what it returned. `compact`: no arguments in the header (narrow columns). */
export function GoldCalls({ calls, compact = false }: { calls: GoldCall[]; compact?: boolean }) {
  if (calls.length === 0) return <Text c="dimmed">No calls.</Text>;
  return (
    <Stack gap={2} data-testid="gold-calls">
      {calls.map((c, i) => (
        <Disclosure
          key={`${i}-${c.name}`}
          testId="gold-call"
          title={
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <Text size="sm" c="dimmed" w={20} ta="right" style={{ flexShrink: 0 }}>
                {i + 1}.
              </Text>
              {/* Narrow (beside a trajectory), a long name wraps after its underscores instead of being cut. */}
              <Text
                size="sm"
                ff="monospace"
                fw={600}
                truncate={!compact}
                title={c.name}
                style={{ flexShrink: compact ? 1 : 0, minWidth: 0, maxWidth: compact ? undefined : '60%' }}
              >
                {compact ? <BreakableName name={c.name} /> : c.name}
              </Text>
              <Badge size="xs" variant="light" color={c.op === 'write' ? 'orange' : 'blue'} style={{ flexShrink: 0 }}>
                {c.op}
              </Badge>
              {!compact && (
                <Text size="xs" ff="monospace" c="dimmed" truncate>
                  {argumentsLine(c.arguments)}
                </Text>
              )}
            </Group>
          }
        >
          <Stack gap={6} pb="xs">
            <Text size="xs" fw={600}>
              Arguments
              {c.derived?.length ? (
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  · taken from earlier results:{' '}
                  {c.derived.map((d, j) => (
                    <span key={d}>
                      {j ? ', ' : ''}
                      <Code>{d}</Code>
                    </span>
                  ))}
                </Text>
              ) : null}
            </Text>
            <JsonBlock value={c.arguments} maxHeight={200} label={`Arguments of ${c.name}`} />
            <Text size="xs" fw={600}>
              Result
            </Text>
            <JsonBlock value={c.result} maxHeight={240} label={`Result of ${c.name}`} />
          </Stack>
        </Disclosure>
      ))}
    </Stack>
  );
}
