'use client';
import { Alert, Anchor, Badge, Code, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PolicyInfo, RolloutStatus } from '@/server/pipeline/rollout/model';
import type { Verdict } from '@/server/pipeline/verify/model';
import { ROLLOUT_COLOR, ROLLOUT_LABEL } from '../runs/format';

/** What the panel shows of a trajectory row (the rest of the row may come along). */
type Shown = {
  verdict: Verdict;
  status: RolloutStatus;
  error: string | null;
  policies: { user: PolicyInfo; agent: PolicyInfo };
  noiseApplied: string[];
  seed: number;
  environmentVersionId: string;
  domainId: string | null;
  domainName: string;
  turns: number;
  calls: number;
  ms: number;
};

const policyText = (p: PolicyInfo) =>
  [
    p.kind === 'llm' ? `${p.model ?? 'LLM'}${p.temperature !== undefined ? ` (t ${p.temperature})` : ''}` : p.kind,
    p.baseUrl ? `at ${p.baseUrl}` : '',
    p.noise?.length ? `noise switches: ${p.noise.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');

/** The verdict: the three filters in order, each with its reason; then how the rollout ran. */
export function VerdictPanel({ trajectory: p }: { trajectory: Shown }) {
  const v = p.verdict;
  const filters = [
    { key: 'validity', label: '1. Validity', r: v.validity, note: '' },
    { key: 'state', label: '2. State alignment', r: v.state, note: '' },
    { key: 'exact', label: '3. Exact match', r: v.exact, note: v.exact.decisive ? 'decisive: read-only task' : 'informative' },
  ] as const;
  return (
    <Paper withBorder radius="md" p="md" data-testid="verdict" data-passed={v.passed}>
      <Stack gap="sm">
        <Group gap="xs">
          <Badge size="lg" variant="filled" color={v.passed ? 'teal' : 'red'} data-testid="verdict-badge">
            {v.passed ? 'passed' : 'failed'}
          </Badge>
          <Badge size="lg" variant="light" color={ROLLOUT_COLOR[p.status]} data-testid="rollout-status">
            {ROLLOUT_LABEL[p.status]}
          </Badge>
          {v.tags.map((t) => (
            <Badge key={t} size="lg" variant="outline" color="grape">
              {t}
            </Badge>
          ))}
        </Group>
        {p.error && (
          <Alert color="red" p="xs" title="Error" data-testid="rollout-error">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {p.error}
            </Text>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          {filters.map((f) => (
            <Paper
              key={f.key}
              withBorder
              radius="sm"
              p="sm"
              data-testid={`filter-${f.key}`}
              data-pass={f.r.pass}
              bg={f.r.pass ? 'var(--mantine-color-teal-light)' : 'var(--mantine-color-red-light)'}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <ThemeIcon size="sm" radius="xl" color={f.r.pass ? 'teal' : 'red'} aria-label={f.r.pass ? 'pass' : 'fail'}>
                  {f.r.pass ? <IconCheck size={14} /> : <IconX size={14} />}
                </ThemeIcon>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={700}>
                    {f.label}: {f.r.pass ? 'pass' : 'fail'}
                    {f.note && (
                      <Text span size="xs" c="dimmed" fw={400}>
                        {' '}
                        ({f.note})
                      </Text>
                    )}
                  </Text>
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {f.r.reason}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          ))}
        </SimpleGrid>
        <Group gap="lg" wrap="wrap">
          <Fact label="Agent">{policyText(p.policies.agent)}</Fact>
          <Fact label="User">{policyText(p.policies.user)}</Fact>
          <Fact label="Noise applied">{p.noiseApplied.length ? p.noiseApplied.join(', ') : 'none'}</Fact>
          <Fact label="Seed">{p.seed}</Fact>
          <Fact label="Environment">
            {p.domainId ? (
              <Anchor component={Link} href={`/environments/${p.domainId}`} size="sm">
                {p.domainName}
              </Anchor>
            ) : (
              p.domainName
            )}{' '}
            <Code title={p.environmentVersionId}>{p.environmentVersionId.slice(0, 8)}</Code>
          </Fact>
          <Fact label="Size">
            {p.turns} turn{p.turns === 1 ? '' : 's'} · {p.calls} call{p.calls === 1 ? '' : 's'} · {p.ms < 1000 ? `${p.ms} ms` : `${(p.ms / 1000).toFixed(1)} s`}
          </Fact>
        </Group>
      </Stack>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
