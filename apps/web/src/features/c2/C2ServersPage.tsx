import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { C2Tabs } from './C2Tabs.tsx';
import { fetchServers } from './c2-api.ts';
import { when } from './c2-format.ts';
import { useC2Engagement } from './use-c2-engagement.ts';

/** Team servers and imported archives, with the `c2 follow` health. No password is ever stored. */
export function C2ServersPage() {
  const { engagement } = useC2Engagement();
  const servers = useQuery({
    queryKey: ['c2-servers', engagement],
    queryFn: () => fetchServers(engagement),
    enabled: engagement !== '',
    refetchInterval: 30_000,
  });
  if (!engagement) return <Alert color="blue">Choose an engagement to see its C2 servers.</Alert>;
  return (
    <Stack>
      <PageHeader title="C2 servers" description="Team servers and imported log archives." />
      <C2Tabs />
      {servers.isPending ? (
        <LoadingState />
      ) : servers.isError ? (
        <ErrorState error={servers.error} onRetry={() => servers.refetch()} />
      ) : (
        <Table striped aria-label="Servers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Added</Table.Th>
              <Table.Th>Follower</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {servers.data.results.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{s.kind}</Badge>
                </Table.Td>
                <Table.Td>{when(s.created_at)}</Table.Td>
                <Table.Td>
                  {s.follower ? (
                    <Text size="sm">
                      last batch {when(s.follower.last_batch)}, lag {Math.round(s.follower.lag_ms / 1000)} s
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      not followed (imported)
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
