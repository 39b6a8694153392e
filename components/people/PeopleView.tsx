'use client';
import { ActionIcon, Alert, Badge, Button, Group, Loader, Modal, PasswordInput, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLE_DESCRIPTIONS, ROLES, type Role } from '@/lib/auth/roles';
import { Allowed, useSessionUser } from '../auth/session';
import { Panel } from '../ui/Panel';
import { useTRPC, type RouterOutputs } from '../trpc';

type Person = RouterOutputs['users']['list'][number];

const roleOptions = ROLES.map((r) => ({ value: r, label: `${r}: ${ROLE_DESCRIPTIONS[r]}` }));

export function PeopleView() {
  return (
    <Allowed to="admin" otherwise={<Alert color="gray">Only admins manage people. Your role is shown in the menu at the top right.</Alert>}>
      <Stack gap="lg">
        <AddPerson />
        <PeopleTable />
      </Stack>
    </Allowed>
  );
}

function useRefreshPeople() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
}

function AddPerson() {
  const trpc = useTRPC();
  const refresh = useRefreshPeople();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [password, setPassword] = useState('');
  const add = useMutation(
    trpc.users.add.mutationOptions({
      onSuccess: (user) => {
        notifications.show({ color: 'green', message: `${user.email} can now sign in as ${user.role}. Give them their password.` });
        setEmail('');
        setName('');
        setPassword('');
        void refresh();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ email: email.trim(), name: name.trim() || undefined, role, password });
  };
  return (
    <Panel title="Add a person">
      <form onSubmit={submit} aria-label="Add a person">
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <TextInput label="Name" placeholder="from the email if empty" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          </Group>
          <Group grow align="flex-start">
            <Select label="Role" data={roleOptions} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} />
            <PasswordInput
              label="First password"
              description="At least 8 characters; they sign in with it."
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="new-password"
            />
          </Group>
          {add.error && (
            <Alert color="red" role="alert">
              {add.error.message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={add.isPending}>
              Add person
            </Button>
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}

function PeopleTable() {
  const trpc = useTRPC();
  const me = useSessionUser();
  const list = useQuery(trpc.users.list.queryOptions());
  const [removing, setRemoving] = useState<Person | null>(null);
  const [resetting, setResetting] = useState<Person | null>(null);
  if (list.isError) return <Alert color="red">{list.error.message}</Alert>;
  if (!list.data) return <Loader aria-label="Loading people" />;
  return (
    <Panel title={`${list.data.length} ${list.data.length === 1 ? 'person' : 'people'}`}>
      <Table striped highlightOnHover aria-label="People">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th w={220}>Role</Table.Th>
            <Table.Th>Since</Table.Th>
            <Table.Th w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((p) => (
            <Table.Tr key={p.id} data-testid={`person-${p.email}`}>
              <Table.Td>
                {p.name}{' '}
                {p.id === me?.id && (
                  <Badge size="xs" variant="light">
                    you
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{p.email}</Table.Td>
              <Table.Td>
                <RoleSelect person={p} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {p.createdAt.toLocaleDateString()}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Tooltip label="Set a new password">
                    <ActionIcon variant="subtle" aria-label={`Set a new password for ${p.email}`} onClick={() => setResetting(p)}>
                      <IconKey size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={p.id === me?.id ? 'You cannot remove yourself' : 'Remove'}>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${p.email}`} disabled={p.id === me?.id} onClick={() => setRemoving(p)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <RemoveDialog person={removing} onClose={() => setRemoving(null)} />
      <PasswordDialog person={resetting} onClose={() => setResetting(null)} />
    </Panel>
  );
}

function RoleSelect({ person }: { person: Person }) {
  const trpc = useTRPC();
  const refresh = useRefreshPeople();
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSuccess: (u) => notifications.show({ color: 'green', message: `${u.email} is now ${u.role}.` }),
      onError: (e) => notifications.show({ color: 'red', message: e.message }),
      onSettled: () => void refresh(),
    }),
  );
  return (
    <Select
      aria-label={`Role of ${person.email}`}
      size="xs"
      data={ROLES as unknown as string[]}
      value={person.role}
      allowDeselect={false}
      disabled={setRole.isPending}
      onChange={(v) => v && v !== person.role && setRole.mutate({ id: person.id, role: v as Role })}
    />
  );
}

function RemoveDialog({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshPeople();
  const remove = useMutation(
    trpc.users.remove.mutationOptions({
      onSuccess: (u) => {
        notifications.show({ message: `${u.email} was removed and signed out; their verdicts stay under their name.` });
        onClose();
        void refresh();
      },
    }),
  );
  return (
    <Modal opened={person !== null} onClose={onClose} title="Remove this person?">
      <Stack>
        <Text size="sm">{person?.email} will be signed out and can no longer sign in. The verdicts they gave stay, under their name.</Text>
        {remove.error && <Alert color="red">{remove.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => person && remove.mutate({ id: person.id })}>
            Remove {person?.email}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PasswordDialog({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const set = useMutation(
    trpc.users.setPassword.mutationOptions({
      onSuccess: () => {
        notifications.show({ color: 'green', message: `New password set for ${person?.email}; their sessions were ended.` });
        setPassword('');
        onClose();
      },
    }),
  );
  return (
    <Modal opened={person !== null} onClose={onClose} title={`New password for ${person?.email ?? ''}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (person) set.mutate({ id: person.id, password });
        }}
      >
        <Stack>
          <PasswordInput
            label="New password"
            description="At least 8 characters. They are signed out everywhere."
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
            required
          />
          {set.error && <Alert color="red">{set.error.message}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={set.isPending}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
