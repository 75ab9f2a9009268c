import { Alert, Badge, Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { C2SessionDto } from '@steppingstones/shared/c2';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { C2ImportPanel } from './C2ImportPanel.tsx';
import { fetchActions, fetchSessions } from './c2-api.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '–');

function sessionLabel(s: C2SessionDto): string {
  return `${s.user}${s.is_admin ? ' *' : ''} on ${s.host} (${s.process}${s.pid === null ? '' : `, PID ${s.pid}`})`;
}

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
  return (
    <Stack>
      <PageHeader title="C2" description="Sessions and operator actions imported from C2 logs." />
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
        <Table striped highlightOnHover aria-label="Sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>First seen</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Expected</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th>Addresses</Table.Th>
              <Table.Th>OS</Table.Th>
              <Table.Th>Parent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.results.map((s) => (
              <Table.Tr
                key={s.id}
                onClick={() => setSession(session === s.id ? null : s.id)}
                bg={session === s.id ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <Table.Td>{when(s.first_seen)}</Table.Td>
                <Table.Td>{when(s.last_seen)}</Table.Td>
                <Table.Td>{when(s.next_checkin)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" mr="xs">
                    {s.kind}
                  </Badge>
                  {sessionLabel(s)}
                </Table.Td>
                <Table.Td>{[s.internal, s.external].filter(Boolean).join(' / ')}</Table.Td>
                <Table.Td>{s.os_name}</Table.Td>
                <Table.Td>{s.parent === null ? '' : (byId.get(s.parent)?.host ?? s.parent)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
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
        <Table aria-label="Actions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Operator</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Command</Table.Th>
              <Table.Th>ATT&amp;CK</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.data.results.map((a) => {
              const s = byId.get(a.session);
              return (
                <Table.Tr key={a.id}>
                  <Table.Td>{when(a.start)}</Table.Td>
                  <Table.Td>{a.operator}</Table.Td>
                  <Table.Td>{s ? sessionLabel(s) : a.session}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {a.input}
                    </Text>
                    {a.task && (
                      <Text size="xs" c="dimmed">
                        {a.task}
                      </Text>
                    )}
                    {(a.output || a.errors) && (
                      <details>
                        <summary>Output</summary>
                        <Code block>{[a.output, a.errors].filter(Boolean).join('\n')}</Code>
                      </details>
                    )}
                  </Table.Td>
                  <Table.Td>{a.attack_ids.join(', ')}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
