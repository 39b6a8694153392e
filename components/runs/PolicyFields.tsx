'use client';
import { Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';

export type PolicyForm = { kind: 'offline' | 'llm'; model: string; baseUrl: string; temperature: number };

export const isUrl = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

/** What the form holds, as the run settings take it (LLM fields only for an LLM). */
export function policySpecOf(p: PolicyForm) {
  if (p.kind === 'offline') return { kind: 'offline' as const };
  return { kind: 'llm' as const, model: p.model.trim(), temperature: p.temperature, ...(p.baseUrl.trim() ? { baseUrl: p.baseUrl.trim() } : {}) };
}

export function policyProblem(p: PolicyForm, role: string): string | null {
  if (p.kind === 'offline') return null;
  if (!p.model.trim()) return `The ${role} needs a model name.`;
  if (p.baseUrl.trim() && !isUrl(p.baseUrl.trim())) return `The ${role}'s base URL is not a URL.`;
  return null;
}

/** One role's policy: offline (scripted user / oracle agent) or an OpenAI-compatible model. */
export function PolicyFields({
  role,
  offlineLabel,
  value,
  onChange,
}: {
  role: string;
  offlineLabel: string;
  value: PolicyForm;
  onChange: (p: PolicyForm) => void;
}) {
  const labelId = useId();
  const set = <K extends keyof PolicyForm>(k: K, v: PolicyForm[K]) => onChange({ ...value, [k]: v });
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id={labelId}>
        {role[0]!.toUpperCase() + role.slice(1)} policy
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value.kind}
        onChange={(v) => set('kind', v as PolicyForm['kind'])}
        data={[
          { value: 'offline', label: offlineLabel },
          { value: 'llm', label: 'LLM' },
        ]}
      />
      {value.kind === 'llm' && (
        <Group grow align="flex-start" gap="xs">
          <TextInput
            label="Model"
            size="xs"
            value={value.model}
            onChange={(e) => set('model', e.currentTarget.value)}
            required
            error={!value.model.trim() ? 'required' : undefined}
          />
          <TextInput
            label="Base URL"
            size="xs"
            placeholder="the configured endpoint"
            value={value.baseUrl}
            onChange={(e) => set('baseUrl', e.currentTarget.value)}
            error={value.baseUrl.trim() && !isUrl(value.baseUrl.trim()) ? 'not a URL' : undefined}
          />
          <NumberInput
            label="Temperature"
            size="xs"
            value={value.temperature}
            onChange={(v) => set('temperature', typeof v === 'number' ? v : Number(v) || 0)}
            min={0}
            max={2}
            step={0.1}
            decimalScale={2}
            maw={110}
          />
        </Group>
      )}
    </Stack>
  );
}
