'use client';
import { Checkbox, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import type { Noise } from '@/server/pipeline/rollout/model';

/** Each switch of the oracle's noise, with what it does to a trajectory. */
export const NOISE_HELP = {
  wrong_argument: 'changes one argument of a write call (tasks without writes never get it)',
  skipped_step: 'leaves out the last write and says it was done: the state falls short of gold',
  extra_read: 'one read more than gold: right state, different calls',
  malformed_call: 'a call with arguments that are not JSON, then the right one',
  tool_error: 'a call the tool refuses, then the right one: kept as recovered, the refused call not trained on',
} as const satisfies Record<Noise, string>;

export const NOISE_NAMES = Object.keys(NOISE_HELP) as Noise[];

/** Noise switches of the offline oracle agent and the share of trajectories that get them. */
export function NoiseFields({
  value,
  onChange,
  rate,
  onRate,
  each,
  onEach,
  disabled,
}: {
  value: Noise[];
  onChange: (v: Noise[]) => void;
  rate: number;
  onRate: (r: number) => void;
  each: 'one' | 'all';
  onEach: (e: 'one' | 'all') => void;
  disabled: boolean;
}) {
  return (
    <Stack gap={6}>
      <Checkbox.Group
        label="Noise"
        description={
          disabled
            ? 'Noise is injected by the oracle agent only (an LLM agent makes its own mistakes).'
            : 'Mistakes the oracle agent makes on purpose, to test the filters.'
        }
        value={value}
        onChange={(v) => onChange(v as Noise[])}
      >
        <Stack gap={4} mt={6}>
          {NOISE_NAMES.map((n) => (
            <Checkbox
              key={n}
              value={n}
              disabled={disabled}
              size="xs"
              label={
                <Text size="xs" span>
                  <Text span ff="monospace" size="xs" fw={600}>
                    {n}
                  </Text>{' '}
                  <Text span c="dimmed" size="xs">
                    {NOISE_HELP[n]}
                  </Text>
                </Text>
              }
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Group>
        <NumberInput
          label="Noise rate"
          description="Share of trajectories that get noise; mistakes are never trained on"
          size="xs"
          value={Math.round(rate * 100)}
          onChange={(v) => onRate(Math.max(0, Math.min(100, typeof v === 'number' ? v : Number(v) || 0)) / 100)}
          min={0}
          max={100}
          suffix="%"
          disabled={disabled || value.length === 0}
          w={220}
        />
        <Stack gap={4}>
          <Text size="xs" fw={500}>
            Each noisy trajectory gets
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Each noisy trajectory gets"
            value={each}
            onChange={(v) => onEach(v === 'all' ? 'all' : 'one')}
            data={[
              { value: 'one', label: 'one switch' },
              { value: 'all', label: 'all switches' },
            ]}
            disabled={disabled || value.length < 2}
          />
        </Stack>
      </Group>
    </Stack>
  );
}
