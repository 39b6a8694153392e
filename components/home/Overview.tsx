'use client';
import { Allowed } from '../auth/session';
import { Anchor, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import Link from 'next/link';
import { PageHeader } from '../ui/PageHeader';
import { LoadDemo } from './LoadDemo';
import { PIPELINE } from '../ui/sections';

export function Overview() {
  return (
    <>
      <PageHeader
        title="From API collections to verified trajectories"
        summary="The AgentScaler pipeline: tools become domains, domains become executable environments, environments yield tasks, and simulated rollouts become reviewed training data."
      />
      <Allowed to="curate">
        <LoadDemo />
      </Allowed>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {PIPELINE.map((s, i) => (
          <Card key={s.href} withBorder padding="lg" component={Link} href={s.href} data-testid="stage-card">
            <Group gap="sm" mb="xs" wrap="nowrap">
              <ThemeIcon variant="light" size="lg">
                <s.icon size={20} stroke={1.6} />
              </ThemeIcon>
              <div>
                <Text size="xs" c="dimmed">
                  Step {i + 1}
                </Text>
                <Text fw={600}>{s.label}</Text>
              </div>
            </Group>
            <Text size="sm" c="dimmed">
              {s.summary}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="xl">
        Every stage works offline. Long work runs as{' '}
        <Anchor component={Link} href="/jobs">
          jobs
        </Anchor>
        ; the effective configuration is under{' '}
        <Anchor component={Link} href="/settings">
          Settings
        </Anchor>
        .
      </Text>
    </>
  );
}
