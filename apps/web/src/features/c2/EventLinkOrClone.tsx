import { ActionIcon, Button, Tooltip } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';

/**
 * A C2 record's event cell: a link to the event it was cloned to, or, while it has none, the button
 * that opens the pre-filled event form (only for those who may add events: `mayClone`).
 */
export function EventLinkOrClone({
  event,
  mayClone,
  label,
  onClone,
}: {
  event: number | null;
  mayClone: boolean;
  /** The clone button's accessible name, e.g. "Clone download loot.zip to event". */
  label: string;
  onClone: () => void;
}) {
  if (event !== null)
    return (
      <Button size="compact-xs" variant="subtle" component={Link} to={`/events/${event}`}>
        Event {event}
      </Button>
    );
  if (!mayClone) return null;
  return (
    <Tooltip label="Clone to event">
      <ActionIcon variant="subtle" aria-label={label} onClick={onClone}>
        <IconCopy size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
