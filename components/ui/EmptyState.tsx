'use client';
import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import Link from 'next/link';

export function EmptyState({ icon: IconC, title, body, next }: { icon: Icon; title: string; body: string; next?: { label: string; href: string } }) {
  return (
    <Paper withBorder p="xl" radius="md" data-testid="empty-state">
      <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconC size={30} stroke={1.5} />
        </ThemeIcon>
        <Title order={3}>{title}</Title>
        <Text c="dimmed">{body}</Text>
        {next && (
          <Button component={Link} href={next.href} variant="light" mt="xs">
            {next.label}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
