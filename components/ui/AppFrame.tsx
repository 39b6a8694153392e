'use client';
import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useCan } from '../auth/session';
import { UserMenu } from '../auth/UserMenu';
import { useTRPC } from '../trpc';
import { PIPELINE, STUDIO_PAGES, type Section } from './sections';

/** Screens without a navigation entry of their own, and the stage they belong to. */
const NESTED: Record<string, string> = { tools: '/collections', trajectories: '/runs' };

export function AppFrame({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = usePathname();
  const isAdmin = useCan('admin');
  const link = (s: Section, index?: number) => (
    <NavLink
      key={s.href}
      component={Link}
      href={s.href}
      label={s.label}
      description={index !== undefined ? `Step ${index + 1}` : undefined}
      leftSection={<s.icon size={18} stroke={1.6} />}
      active={pathname === s.href || pathname.startsWith(`${s.href}/`) || NESTED[pathname.split('/')[1] ?? ''] === s.href}
      onClick={close}
    />
  );
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link href="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Title order={4}>Environment Studio</Title>
            </Link>
          </Group>
          <Group gap="md" wrap="nowrap">
            <DatabaseBadge />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>
            Pipeline
          </Text>
          {PIPELINE.map((s, i) => link(s, i))}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>
            Studio
          </Text>
          {STUDIO_PAGES.filter((s) => isAdmin || !s.adminOnly).map((s) => link(s))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

function DatabaseBadge() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 10_000 }));
  if (status.isError) {
    return (
      <Tooltip label={status.error.message}>
        <Badge color="red" variant="light">
          database unreachable
        </Badge>
      </Tooltip>
    );
  }
  if (!status.data)
    return (
      <Badge variant="light" color="gray">
        connecting…
      </Badge>
    );
  const running = status.data.jobs.running + status.data.jobs.queued;
  return (
    <Group gap="xs">
      {running > 0 && (
        <Badge component={Link} href="/jobs" variant="light" color="blue" style={{ cursor: 'pointer' }}>
          {running} job{running === 1 ? '' : 's'} active
        </Badge>
      )}
      <Tooltip label={`migration ${status.data.migration}`}>
        <Badge variant="light" color={status.data.database === 'pglite' ? 'teal' : 'grape'} data-testid="database-kind">
          {status.data.database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}
        </Badge>
      </Tooltip>
    </Group>
  );
}
