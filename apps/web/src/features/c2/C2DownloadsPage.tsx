import { Alert, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { can } from '../../lib/permissions.ts';
import { C2CloneDrawer } from './C2CloneDrawer.tsx';
import { C2Tabs } from './C2Tabs.tsx';
import { fetchDownloads } from './c2-api.ts';
import { sessionLabel, when } from './c2-format.ts';
import { EventLinkOrClone } from './EventLinkOrClone.tsx';
import { useC2Engagement } from './use-c2-engagement.ts';

/** Files downloaded through C2 sessions, newest first, each clonable to an event. */
export function C2DownloadsPage() {
  const { me, engagement, sessions } = useC2Engagement();
  const downloads = useQuery({
    queryKey: ['c2-downloads', engagement],
    queryFn: () => fetchDownloads(engagement),
    enabled: engagement !== '',
  });
  /** The download being cloned through the pre-filled event form. */
  const [cloning, setCloning] = useState<number | null>(null);
  if (!engagement) return <Alert color="blue">Choose an engagement to see its C2 downloads.</Alert>;
  return (
    <Stack>
      {cloning !== null && <C2CloneDrawer kind="downloads" id={cloning} onClose={() => setCloning(null)} />}
      <PageHeader title="C2 downloads" description="Files taken from targets through C2 sessions." />
      <C2Tabs />
      {downloads.isPending ? (
        <LoadingState />
      ) : downloads.isError ? (
        <ErrorState error={downloads.error} onRetry={() => downloads.refetch()} />
      ) : (
        <Table striped aria-label="Downloads">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Source session</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Event</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {downloads.data.results.map((d) => {
              const s = sessions.get(d.session);
              return (
                <Table.Tr key={d.id}>
                  <Table.Td>{when(d.at)}</Table.Td>
                  <Table.Td>{s ? sessionLabel(s) : d.session}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {d.remote_path}
                      {d.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.size.toLocaleString()} bytes</Table.Td>
                  <Table.Td>
                    <EventLinkOrClone
                      event={d.event}
                      mayClone={can(me, 'event.add')}
                      label={`Clone download ${d.name} to event`}
                      onClone={() => setCloning(d.id)}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
