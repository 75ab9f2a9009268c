import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../components/QueryState.tsx';
import { ThemeSync } from '../preferences/ThemeSync.tsx';
import { consumeLoggedOut } from './auth-api.ts';
import { useMeQuery } from './use-me.ts';

/** The signed-in part of the app: anyone else goes to the login page, and comes back afterwards. */
export function RequireAuth() {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending)
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  if (me.isError)
    return (
      <Center mih="100vh" p="md">
        <ErrorState error={me.error} onRetry={() => me.refetch()} title="Could not reach Stepping Stones" />
      </Center>
    );
  if (!me.data) {
    // After "Log out" the login page says so; after an expired session it returns here once signed in.
    const state = consumeLoggedOut() ? { loggedOut: true } : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return (
    <>
      <ThemeSync />
      <Outlet />
    </>
  );
}
