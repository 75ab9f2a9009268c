import { Alert, Drawer, List } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EventDto } from '@steppingstones/shared/events';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { browserTimezone } from '../../lib/dates.ts';
import { useMe } from '../auth/use-me.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { draftFormValues } from '../events/form/draft-values.ts';
import { EventForm } from '../events/form/EventForm.tsx';
import { cloneLine, fetchDraft, LINES_KEY } from './eventstream-api.ts';

/**
 * Clone to event: the event form pre-filled from the line. Nothing is created until Save (the
 * contexts included); saving links the new event to the line, which then offers "Edit event".
 */
export function CloneDrawer() {
  const { lineId } = useParams();
  const id = Number(lineId);
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const navigate = useNavigate();
  const client = useQueryClient();
  const draft = useQuery({
    queryKey: ['eventstream-draft', id],
    queryFn: () => fetchDraft(id),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const close = () => navigate('/eventstream');
  const saved = async (e: EventDto) => {
    notifications.show({ color: 'green', message: `Event created: ${e.description.slice(0, 60)}` });
    await client.invalidateQueries({ queryKey: LINES_KEY });
    await client.invalidateQueries({ queryKey: EVENTS_KEY });
    close();
  };
  let body: React.ReactNode;
  if (draft.isPending) body = <LoadingState label="Reading the line…" />;
  else if (draft.isError) body = <ErrorState error={draft.error} onRetry={() => draft.refetch()} />;
  else
    body = (
      <>
        {draft.data.warnings.length > 0 && (
          <Alert color="yellow" mb="md" title="Check before saving">
            <List size="sm">
              {draft.data.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <EventForm
          mode="new"
          event={null}
          engagement={draft.data.fields.engagement}
          me={me}
          zone={zone}
          initial={draftFormValues(draft.data.fields, me, zone)}
          save={(fields) => cloneLine(id, fields)}
          onSaved={(e) => void saved(e)}
          onCancel={close}
        />
      </>
    );
  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size="min(980px, 100vw)"
      title="Clone to event"
      padding="lg"
    >
      {body}
    </Drawer>
  );
}
