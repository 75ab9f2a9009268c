import { Alert, Drawer, List } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { browserTimezone } from '../../../lib/dates.ts';
import { useMe } from '../../auth/use-me.ts';
import { EVENTS_KEY } from '../api/events-api.ts';
import { draftFormValues } from './draft-values.ts';
import { EventForm } from './EventForm.tsx';

/** What a source answers for "clone to event": the event's fields and what could not be carried over. */
export interface CloneDraft {
  fields: EventFields & { engagement: string };
  warnings: string[];
}

export interface CloneDraftDrawerProps {
  /** The draft's cache key; it is read afresh each time the drawer opens. */
  queryKey: QueryKey;
  fetchDraft: () => Promise<CloneDraft>;
  /** Shown while the draft loads, e.g. "Reading the line…". */
  readingLabel: string;
  /** Creates the event and links it to its source; answers the new event. */
  save: (fields: EventFields) => Promise<EventDto>;
  /** The source's lists, refreshed after the save so they show the link (the events always are). */
  refresh: QueryKey[];
  onClose: () => void;
}

/**
 * Clone to event from any source (an EventStream line, a C2 action, download or session): the event
 * form pre-filled with the source's draft, for the operator to review. Nothing is created until Save
 * (the contexts included); saving links the new event to the source, which then shows it.
 */
export function CloneDraftDrawer({
  queryKey,
  fetchDraft,
  readingLabel,
  save,
  refresh,
  onClose,
}: CloneDraftDrawerProps) {
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const client = useQueryClient();
  const draft = useQuery({ queryKey, queryFn: fetchDraft, staleTime: Number.POSITIVE_INFINITY, gcTime: 0 });
  const saved = async (e: EventDto) => {
    notifications.show({ color: 'teal', message: `Event ${e.id} created: ${e.description.slice(0, 60)}` });
    for (const key of [...refresh, EVENTS_KEY]) await client.invalidateQueries({ queryKey: key });
    onClose();
  };
  let body: React.ReactNode;
  if (draft.isPending) body = <LoadingState label={readingLabel} />;
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
          save={save}
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
