import { Drawer } from '@mantine/core';
import { EventHistoryPanel } from './EventHistoryPanel.tsx';

/** The history panel in a right-hand drawer over the grid (opened from a row's menu). */
export function EventHistoryDrawer({
  eventId,
  canRestore,
  onClose,
}: {
  eventId: number | null;
  canRestore: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={eventId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={eventId === null ? 'History' : `History of event ${eventId}`}
    >
      {eventId !== null && <EventHistoryPanel eventId={eventId} canRestore={canRestore} />}
    </Drawer>
  );
}
