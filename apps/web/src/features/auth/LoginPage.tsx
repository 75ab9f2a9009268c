import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { CenteredCard } from '../../components/CenteredCard.tsx';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { SETUP_KEY } from '../setup/setup-api.ts';
import { login } from './auth-api.ts';
import { ME_KEY, useMeQuery } from './use-me.ts';

interface LoginState {
  from?: string;
  loggedOut?: boolean;
  setupDone?: boolean;
}

export function LoginPage() {
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const target = state.from && state.from !== '/login' ? state.from : '/';

  // Nothing of a previous session may linger in memory for the next user of this browser.
  useEffect(() => {
    queryClient.removeQueries({
      predicate: (q) => q.queryKey[0] !== ME_KEY[0] && q.queryKey[0] !== SETUP_KEY[0],
    });
  }, [queryClient]);

  const signIn = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (user) => {
      queryClient.setQueryData(ME_KEY, user);
      navigate(target, { replace: true });
    },
    onError: () => setPassword(''),
  });

  if (me.data) return <Navigate to={target} replace />;

  return (
    <CenteredCard title="Sign in" subtitle="Use the account your administrator gave you.">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate();
        }}
      >
        <Stack gap="md">
          {state.loggedOut && !signIn.isError && (
            <Alert color="teal" variant="light">
              You are logged out.
            </Alert>
          )}
          {state.setupDone && !signIn.isError && (
            <Alert color="teal" variant="light" title="Setup complete">
              Sign in with the administrator account you just created.
            </Alert>
          )}
          <TextInput
            label="Username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
            autoFocus
          />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
          />
          <FormError message={signIn.isError ? errorMessage(signIn.error) : null} />
          <Button type="submit" fullWidth loading={signIn.isPending} mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
