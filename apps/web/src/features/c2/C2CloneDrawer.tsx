import { Alert, Drawer, List } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EventDto } from '@steppingstones/shared/events';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { browserTimezone } from '../../lib/dates.ts';
import { useMe } from '../auth/use-me.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { draftFormValues } from '../events/form/draft-values.ts';
import { EventForm } from '../events/form/EventForm.tsx';
import { type C2CloneKind, cloneC2Record, fetchC2Draft } from './c2-api.ts';

const READING: Record<C2CloneKind, string> = {
  actions: 'Reading the action…',
  downloads: 'Reading the download…',
  sessions: 'Reading the session…',
};

/**
 * Clone to event from a C2 action, download or session: the event form pre-filled with the record's
 * mapping, for the operator to review. Nothing is created until Save (the contexts included); saving
 * links the new event to the record, which then shows it.
 */
export function C2CloneDrawer({ kind, id, onClose }: { kind: C2CloneKind; id: number; onClose: () => void }) {
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const client = useQueryClient();
  const draft = useQuery({
    queryKey: ['c2-draft', kind, id],
    queryFn: () => fetchC2Draft(kind, id),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const saved = async (e: EventDto) => {
    notifications.show({ color: 'teal', message: `Event ${e.id} created: ${e.description.slice(0, 60)}` });
    for (const key of ['c2-sessions', 'c2-actions', 'c2-downloads'])
      await client.invalidateQueries({ queryKey: [key] });
    await client.invalidateQueries({ queryKey: EVENTS_KEY });
    onClose();
  };
  let body: React.ReactNode;
  if (draft.isPending) body = <LoadingState label={READING[kind]} />;
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
          save={(fields) => cloneC2Record(kind, id, fields)}
          onSaved={(e) => void saved(e)}
          onCancel={onClose}
        />
      </>
    );
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="min(980px, 100vw)"
      title="Clone to event"
      padding="lg"
    >
      {body}
    </Drawer>
  );
}
