import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from '../../components/DateTime.tsx';
import { api } from '../../lib/api-client.ts';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { LINES_KEY, type LinePage } from './eventstream-api.ts';

/** On an event cloned from EventStream: the line it came from (for those who may see the lines). */
export function SourceLineNote({ eventId, engagement }: { eventId: number; engagement: string }) {
  const me = useMe();
  const allowed = can(me, 'eventstream.view') && engagement !== '';
  const lines = useQuery({
    queryKey: [...LINES_KEY, 'of-event', engagement, eventId],
    queryFn: () =>
      api<LinePage>(
        `/eventstream/lines/?engagement=${encodeURIComponent(engagement)}&event=${eventId}&page_size=5`,
      ),
    enabled: allowed,
  });
  const line = lines.data?.results[0];
  if (!line) return null;
  return (
    <Alert color="gray" variant="light" mb="md" title="Cloned from an EventStream line">
      <Text size="sm">
        <DateTime value={line.timestamp} seconds /> — {line.description || line.raw_evidence?.split('\n')[0]}{' '}
        (imported by {line.imported_by})
      </Text>
    </Alert>
  );
}
