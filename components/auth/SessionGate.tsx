'use client';
import { Alert, Button, Center, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '../trpc';
import { authClient } from './auth-client';
import { SessionProvider } from './session';

/**
 * Nothing of the studio shows until someone is signed in. An empty studio asks its first visitor to
 * make the admin account; otherwise the sign-in form stands in for the page asked for, so the link
 * still works once signed in.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.account.status.queryOptions(undefined, { staleTime: 30_000 }));
  if (status.isError) {
    return (
      <Centered>
        <Alert color="red" title="The studio is not answering">
          {status.error.message}
        </Alert>
      </Centered>
    );
  }
  if (!status.data) {
    return (
      <Centered>
        <Loader aria-label="Checking your session" />
      </Centered>
    );
  }
  if (status.data.needsSetup) return <FirstRunForm />;
  if (!status.data.user) return <SignInForm />;
  return <SessionProvider user={status.data.user}>{children}</SessionProvider>;
}

function Centered({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        {children}
      </Paper>
    </Center>
  );
}

/** Signs in, then every query is asked again as the new person. */
function useSignIn() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const signIn = async (email: string, password: string) => {
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({ email, password });
    setPending(false);
    if (error) {
      setError(error.status === 429 ? 'Too many attempts: wait a minute and try again.' : (error.message ?? 'Sign-in failed.'));
      return false;
    }
    await queryClient.resetQueries();
    return true;
  };
  return { signIn, error, pending, setError };
}

function SignInForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { signIn, error, pending } = useSignIn();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(email.trim(), password);
  };
  return (
    <Centered>
      <form onSubmit={submit} aria-label="Sign in">
        <Stack>
          <div>
            <Title order={3}>Sign in to Environment Studio</Title>
            <Text size="sm" c="dimmed">
              Accounts are made by an admin of this studio.
            </Text>
          </div>
          <TextInput label="Email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={pending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </Centered>
  );
}

function FirstRunForm() {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { signIn, error: signInError, pending } = useSignIn();
  const setup = useMutation(trpc.account.setup.mutationOptions({ onSuccess: () => void signIn(email.trim(), password) }));
  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setup.mutate({ name: name.trim() || undefined, email: email.trim(), password });
  };
  return (
    <Centered>
      <form onSubmit={submit} aria-label="Create the admin account">
        <Stack>
          <div>
            <Title order={3}>Welcome to Environment Studio</Title>
            <Text size="sm" c="dimmed">
              This studio has no accounts yet. Create the first one: it is the admin, who adds everyone else and gives them a role.
            </Text>
          </div>
          <TextInput label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} autoFocus />
          <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput
            label="Password"
            description="At least 8 characters."
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password again"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? 'The two passwords differ.' : undefined}
          />
          {(setup.error ?? signInError) && (
            <Alert color="red" role="alert">
              {setup.error?.message ?? signInError}
            </Alert>
          )}
          <Button type="submit" loading={setup.isPending || pending} disabled={mismatch}>
            Create the admin account
          </Button>
        </Stack>
      </form>
    </Centered>
  );
}
