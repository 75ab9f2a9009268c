import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../components/QueryState.tsx';
import { ThemeSync } from '../preferences/ThemeSync.tsx';
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
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <>
      <ThemeSync />
      <Outlet />
    </>
  );
}
