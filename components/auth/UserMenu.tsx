'use client';
import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { ROLE_DESCRIPTIONS } from '@/lib/auth/roles';
import { authClient } from './auth-client';
import { useCan, useSessionUser } from './session';

/** Who is signed in, with what role, and the way out. */
export function UserMenu() {
  const user = useSessionUser();
  const isAdmin = useCan('admin');
  const queryClient = useQueryClient();
  if (!user) return null;
  const signOut = async () => {
    await authClient.signOut();
    await queryClient.resetQueries();
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${user.name} (${user.role})`} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="indigo">
              {user.name.slice(0, 1).toUpperCase()}
            </Avatar>
            <Text size="sm" visibleFrom="sm" maw={160} truncate>
              {user.name}
            </Text>
            <Badge variant="light" color="gray" size="sm" data-testid="user-role">
              {user.role}
            </Badge>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email}
          <br />
          {user.role}: {ROLE_DESCRIPTIONS[user.role]}
        </Menu.Label>
        {isAdmin && (
          <Menu.Item component={Link} href="/people" leftSection={<IconUsers size={16} />}>
            People and roles
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
