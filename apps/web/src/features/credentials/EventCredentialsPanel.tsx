import { Anchor, Badge, Code, CopyButton, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { canIn } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { CREDENTIALS_KEY, fetchEventCredentials } from './credentials-api.ts';

const short = (hash: string) => (hash.length > 40 ? `${hash.slice(0, 36)}…` : hash);

/**
 * The credentials an event produced (found in its tool output), for the event's drawer and page.
 * Renders nothing for the blue team (no `credential.view`: they never see the vault) and nothing
 * when the event produced none. Secrets stay masked here; the vault reveals them (audited).
 */
export function EventCredentialsPanel({ eventId, engagement }: { eventId: number; engagement: string }) {
  const me = useMe();
  const allowed = canIn(me, engagement, 'credential.view');
  const page = useQuery({
    queryKey: [...CREDENTIALS_KEY, 'event', eventId],
    queryFn: () => fetchEventCredentials(eventId),
    enabled: allowed,
    staleTime: 15_000,
  });
  if (!allowed || !page.data?.results.length) return null;
  const { results, count } = page.data;
  return (
    <Paper withBorder p="sm" radius="md" mb="md" aria-label="Credentials from this event">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Credentials from this event ({count})
          </Text>
          <Anchor component={Link} to={`/credentials?event=${eventId}`} size="sm">
            Open in the vault
          </Anchor>
        </Group>
        <Table striped withRowBorders={false} verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Hash</Table.Th>
              <Table.Th>Cracked</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.system ? `${c.system}\\${c.account}` : c.account}</Table.Td>
                <Table.Td>{c.hash_type_name ?? 'Cleartext'}</Table.Td>
                <Table.Td>
                  {c.hash ? (
                    <CopyButton value={c.hash}>
                      {({ copied, copy }) => (
                        <Tooltip label={copied ? 'Copied' : 'Copy the hash'}>
                          <Code component="button" onClick={copy} style={{ cursor: 'pointer', border: 0 }}>
                            {short(c.hash)}
                          </Code>
                        </Tooltip>
                      )}
                    </CopyButton>
                  ) : (
                    '-'
                  )}
                </Table.Td>
                <Table.Td>
                  {c.has_secret ? (
                    <Badge color="green" variant="light">
                      cracked
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      no
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
