import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { ActionsTable } from './ActionsTable.tsx';
import { C2ImportPanel } from './C2ImportPanel.tsx';
import { C2Tabs } from './C2Tabs.tsx';
import { fetchActions, fetchSessions } from './c2-api.ts';
import { ExclusionsList } from './ExclusionsList.tsx';
import { SessionsTable } from './SessionsTable.tsx';

/** C2 sessions (beacons, SSH) and the operator actions run through them, searched on the server. */
export function C2Page() {
  const me = useMe();
  const engagement = me.current_engagement ?? '';
  const [session, setSession] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['c2-sessions', engagement],
    queryFn: () => fetchSessions(engagement),
    enabled: engagement !== '',
  });
  const actions = useQuery({
    queryKey: ['c2-actions', engagement, session, search],
    queryFn: () => fetchActions(engagement, { session, search }),
    enabled: engagement !== '',
    placeholderData: keepPreviousData,
  });
  if (!engagement)
    return <Alert color="blue">Choose an engagement (top of the page) to see its C2 activity.</Alert>;
  const byId = new Map((sessions.data?.results ?? []).map((s) => [s.id, s]));
  const mayClone = can(me, 'event.add');
  return (
    <Stack>
      <PageHeader title="C2" description="Sessions and operator actions imported from C2 logs." />
      <C2Tabs />
      {can(me, 'c2.add') && (
        <C2ImportPanel
          engagement={engagement}
          onDone={() => {
            client.invalidateQueries({ queryKey: ['c2-sessions'] });
            client.invalidateQueries({ queryKey: ['c2-actions'] });
          }}
        />
      )}
      <Title order={3}>Sessions</Title>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <SessionsTable
          engagement={engagement}
          sessions={sessions.data.results}
          selected={session}
          onSelect={setSession}
          mayChange={can(me, 'c2.change')}
          mayClone={mayClone}
        />
      )}
      <ExclusionsList engagement={engagement} mayChange={can(me, 'c2.change')} />
      <Group justify="space-between">
        <Title order={3}>Actions</Title>
        <Group>
          {session !== null && (
            <Button variant="subtle" onClick={() => setSession(null)}>
              All sessions
            </Button>
          )}
          <TextInput
            aria-label="Search actions"
            placeholder="Search every field"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
        </Group>
      </Group>
      {actions.isPending ? (
        <LoadingState />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => actions.refetch()} />
      ) : (
        <ActionsTable actions={actions.data.results} sessions={byId} mayClone={mayClone} />
      )}
    </Stack>
  );
}
