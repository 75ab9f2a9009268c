import { Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { EventHistoryPanel } from './EventHistoryPanel.tsx';

/** `/events/{id}/history`: the revisions of one event at their own link. */
export function EventHistoryPage() {
  const id = Number(useParams().id);
  const me = useMe();
  return (
    <Stack gap={0} maw={900}>
      <Anchor component={Link} to={`/events/${id}`} size="sm">
        ← Event {id}
      </Anchor>
      <PageHeader
        title={`History of event ${id}`}
        description="Every version of this event: who changed what, and when. Restoring an earlier version adds a new one."
      />
      <EventHistoryPanel eventId={id} canRestore={can(me, 'event.change')} />
    </Stack>
  );
}
