import { Alert, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { can } from '../../lib/permissions.ts';
import { C2CloneDrawer } from './C2CloneDrawer.tsx';
import { C2Tabs } from './C2Tabs.tsx';
import { fetchActions } from './c2-api.ts';
import { sessionLabel, when } from './c2-format.ts';
import { EventLinkOrClone } from './EventLinkOrClone.tsx';
import { useC2Engagement } from './use-c2-engagement.ts';

const FILE = /^file: ([0-9a-fA-F]{32}) (\d+) bytes (.+)$/;

/** Files put on targets: the `file:` indicators of operator actions; cloning clones the action. */
export function C2UploadsPage() {
  const { me, engagement, sessions } = useC2Engagement();
  const actions = useQuery({
    queryKey: ['c2-actions', engagement, 'uploads'],
    queryFn: () => fetchActions(engagement, { session: null, search: 'file:' }),
    enabled: engagement !== '',
  });
  /** The upload's action being cloned through the pre-filled event form. */
  const [cloning, setCloning] = useState<number | null>(null);
  if (!engagement) return <Alert color="blue">Choose an engagement to see its C2 uploads.</Alert>;
  const rows = (actions.data?.results ?? []).flatMap((a) =>
    a.indicators.flatMap((i, n) => {
      const m = FILE.exec(i.trim());
      return m
        ? [{ key: `${a.id}-${n}`, a, md5: m[1] as string, size: Number(m[2]), path: m[3] as string }]
        : [];
    }),
  );
  return (
    <Stack>
      {cloning !== null && <C2CloneDrawer kind="actions" id={cloning} onClose={() => setCloning(null)} />}
      <PageHeader title="C2 uploads" description="Files put on targets, from the actions' file indicators." />
      <C2Tabs />
      {actions.isPending ? (
        <LoadingState />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => actions.refetch()} />
      ) : (
        <Table striped aria-label="Uploads">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th>Path</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>MD5</Table.Th>
              <Table.Th>Event</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ key, a, md5, size, path }) => {
              const s = sessions.get(a.session);
              return (
                <Table.Tr key={key}>
                  <Table.Td>{when(a.start)}</Table.Td>
                  <Table.Td>{s ? sessionLabel(s) : a.session}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {path}
                    </Text>
                  </Table.Td>
                  <Table.Td>{size.toLocaleString()} bytes</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="xs">
                      {md5}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <EventLinkOrClone
                      event={a.event}
                      mayClone={can(me, 'event.add')}
                      label={`Clone upload ${path} to event`}
                      onClone={() => setCloning(a.id)}
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
