'use client';
import { Group, Stack, Text } from '@mantine/core';
import { FILTERS, pct, rate, type RunCounts } from './format';

const color = (n: number, done: number) => (done === 0 ? 'dimmed' : pct(n, done) >= 90 ? 'teal.8' : pct(n, done) >= 60 ? 'yellow.8' : 'red.7');

/** How many finished trajectories pass each filter, and the verdict: "n of done (x%)". */
export function PassRates({ counts, compact = false }: { counts: RunCounts; compact?: boolean }) {
  return (
    <Group gap={compact ? 'md' : 'xl'} wrap="wrap" data-testid="pass-rates">
      {FILTERS.map((f) => (
        <Stack key={f.key} gap={0} data-testid={`rate-${f.key}`} data-pass={counts[f.key]} data-done={counts.done}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {f.label}
          </Text>
          <Text size={compact ? 'sm' : 'md'} fw={f.key === 'passed' ? 700 : 500} c={color(counts[f.key], counts.done)}>
            {counts.done ? rate(counts[f.key], counts.done) : '—'}
          </Text>
        </Stack>
      ))}
    </Group>
  );
}
