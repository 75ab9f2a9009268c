import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../components/QueryState.tsx';
import { useSetupStatus } from './setup-api.ts';

/** Until the first administrator exists, every address leads to the first-run wizard. */
export function SetupGate() {
  const status = useSetupStatus();
  const { pathname } = useLocation();
  if (status.isPending)
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  if (status.isError)
    return (
      <Center mih="100vh" p="md">
        <ErrorState
          error={status.error}
          onRetry={() => status.refetch()}
          title="Could not reach Stepping Stones"
        />
      </Center>
    );
  const onSetup = pathname === '/setup';
  if (status.data.needed && !onSetup) return <Navigate to="/setup" replace />;
  if (!status.data.needed && onSetup)
    return <Navigate to="/login" replace state={{ setupDone: status.data.justCompleted === true }} />;
  return <Outlet />;
}
