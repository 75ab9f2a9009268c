import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { canIn } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { CREDENTIALS_KEY, fetchEventCredentials } from './credentials-api.ts';
import { FoundCredentialsTable } from './FoundCredentialsTable.tsx';

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
        <FoundCredentialsTable results={results} />
      </Stack>
    </Paper>
  );
}
