import { Box, Drawer } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PermissionCode } from '@steppingstones/shared';
import type { EventDto } from '@steppingstones/shared/events';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { browserTimezone } from '../../lib/dates.ts';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { CommentThread } from '../comments/CommentThread.tsx';
import { EventCredentialsPanel } from '../credentials/EventCredentialsPanel.tsx';
import { useEngagements } from '../engagements/engagements-api.ts';
import { SourceLineNote } from '../eventstream/SourceLineNote.tsx';
import { useLiveChanges } from '../live/use-live-changes.ts';
import { EVENTS_KEY, fetchEvent } from './api/events-api.ts';
import { DiscardChangesModal } from './form/draft/DiscardChangesModal.tsx';
import { clearDraft, draftKey } from './form/draft/draft-store.ts';
import { EditingNotice } from './form/draft/FormNotices.tsx';
import { EventForm } from './form/EventForm.tsx';
import { engagementDatesSentence, outsideEngagementDates } from './form/engagement-dates.ts';
import type { FormMode } from './form/form-values.ts';
import { LimitedEventForm } from './form/LimitedEventForm.tsx';
import { invalidateEventLists } from './grid/use-event-pages.ts';
import { useEditingPresence } from './presence/use-editing-presence.ts';
import { usePresenceHeartbeat } from './presence/use-presence-heartbeat.ts';
import { utcToWallTime } from './time/wall-time.ts';

type DrawerMode = FormMode | 'limited';
const MODES: DrawerMode[] = ['edit', 'clone', 'lateral', 'limited'];

const TITLES: Record<DrawerMode, string> = {
  new: 'New event',
  edit: 'Edit event',
  clone: 'Clone event',
  lateral: 'Lateral move: new event from this target',
  limited: 'Outcome and detection',
};

const PERMISSION: Record<DrawerMode, PermissionCode> = {
  new: 'event.add',
  edit: 'event.change',
  clone: 'event.add',
  lateral: 'event.add',
  limited: 'event.change_limited',
};

/** The form drawer over the grid, one route per mode (`/events/new`, `/events/12/clone`…); the filter stays in the URL. */
export function EventFormDrawer() {
  const params = useParams();
  const mode: DrawerMode = params.id
    ? ((MODES.includes(params.mode as DrawerMode) ? params.mode : 'edit') as DrawerMode)
    : 'new';
  const id = params.id ? Number(params.id) : null;
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  // Loaded once per opening: the form keeps the version it started from, and a newer one reaches the
  // user only through the merge view after a refused save (a refetch must never replace their edits).
  const event = useQuery({
    queryKey: [...EVENTS_KEY, 'one', id],
    queryFn: () => fetchEvent(id as number),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const close = () => navigate({ pathname: '/events', search: location.search });
  // Esc, a click outside, the close button and Cancel all come here: unsaved changes are asked about.
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  // The prompt opens after the Esc that asked for it has finished: opened during its dispatch, the
  // prompt's own Esc listener would receive the same key press and close it again at once.
  const requestClose = () => (dirty ? window.setTimeout(() => setAsking(true), 0) : close());
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);
  const editsExisting = (mode === 'edit' || mode === 'limited') && id !== null;
  usePresenceHeartbeat(editsExisting ? id : null);
  // A teammate's save reaches the open form at once (the form decides how to show it).
  const latest = useQuery({
    queryKey: [...EVENTS_KEY, 'latest', id],
    queryFn: () => fetchEvent(id as number),
    enabled: false,
    gcTime: 0,
  });
  useLiveChanges(editsExisting ? (event.data?.engagement ?? me.current_engagement) : null, (change) => {
    if (change === null || change.ids.includes(id as number)) void latest.refetch();
  });
  const engagements = useEngagements();
  const saved = async (e: EventDto) => {
    const found = engagements.data?.find((g) => g.code === e.engagement);
    const day = utcToWallTime(e.timestamp, zone).slice(0, 10);
    const outside = found !== undefined && outsideEngagementDates(day, found);
    notifications.show({
      color: outside ? 'yellow' : 'green',
      title: outside ? `Saved outside the engagement’s dates: ${engagementDatesSentence(found)}` : undefined,
      message:
        mode === 'edit' || mode === 'limited'
          ? 'Event saved.'
          : `Event created: ${e.description.slice(0, 60)}`,
    });
    await invalidateEventLists(queryClient);
    close();
  };
  const engagement = me.current_engagement ?? event.data?.engagement ?? '';
  const allowed = can(me, PERMISSION[mode]);
  const editing = useEditingPresence(editsExisting ? engagement : null, me.username);
  const others = id !== null ? (editing.get(id) ?? []) : [];
  // Discarding drops the draft: the form remounts under a fresh key and starts from the stored values.
  const key = draftKey(me.id, engagement, mode, id);

  let body: React.ReactNode;
  if (!allowed)
    body = <ErrorState error={new Error('You do not have permission to do this.')} title="Not allowed" />;
  else if (id !== null && event.isPending) body = <LoadingState label="Loading the event…" />;
  else if (id !== null && event.isError)
    body = <ErrorState error={event.error} onRetry={() => event.refetch()} />;
  else if (mode === 'limited' && event.data)
    body = (
      <LimitedEventForm
        key={event.data.id}
        event={event.data}
        zone={zone}
        draftKey={discarding ? undefined : key}
        onDirtyChange={onDirtyChange}
        onSaved={saved}
        onCancel={requestClose}
      />
    );
  else
    body = (
      <>
        {mode === 'edit' && id !== null && (
          <>
            <SourceLineNote eventId={id} engagement={event.data?.engagement ?? engagement} />
            <EventCredentialsPanel eventId={id} engagement={event.data?.engagement ?? engagement} />
          </>
        )}
        <EditingNotice names={others} />
        <EventForm
          key={`${mode}-${event.data?.id ?? 'new'}`}
          draftKey={discarding ? undefined : key}
          onDirtyChange={onDirtyChange}
          latest={latest.data ?? null}
          mode={mode as FormMode}
          event={event.data ?? null}
          engagement={engagement}
          me={me}
          zone={zone}
          onSaved={saved}
          onCancel={requestClose}
        />
      </>
    );

  return (
    <Drawer
      opened
      onClose={requestClose}
      position="right"
      size="min(980px, 100vw)"
      title={TITLES[mode]}
      padding="lg"
      closeButtonProps={{ 'aria-label': 'Close the form' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {body}
      {/* The conversation stays beside the form of an existing event (its page has it too). */}
      {allowed && id !== null && event.data && (mode === 'edit' || mode === 'limited') && (
        <Box mt="xl">
          <CommentThread eventId={id} engagement={event.data.engagement} />
        </Box>
      )}
      <DiscardChangesModal
        opened={asking}
        onKeepEditing={() => setAsking(false)}
        onKeepDraft={() => {
          setAsking(false);
          close();
        }}
        onDiscard={() => {
          clearDraft(key);
          setDiscarding(true);
          setAsking(false);
          close();
        }}
      />
    </Drawer>
  );
}
