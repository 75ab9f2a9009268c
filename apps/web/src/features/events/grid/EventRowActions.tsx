import { ActionIcon, Group, Menu, Tooltip } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { IconCopy, IconDots, IconEdit, IconLateral, IconTrash } from '../ui/event-icons.tsx';

export interface RowPermissions {
  add: boolean;
  change: boolean;
  changeLimited: boolean;
  delete: boolean;
}

export type RowAction = 'edit' | 'limited' | 'clone' | 'lateral' | 'delete' | 'history';

/** Edit (full, or limited for the blue team), and a menu with Clone, Lateral move and Delete. */
export function EventRowActions({
  event,
  perms,
  onAction,
}: {
  event: EventDto;
  perms: RowPermissions;
  onAction: (action: RowAction, event: EventDto) => void;
}) {
  const editAction: RowAction | null = perms.change ? 'edit' : perms.changeLimited ? 'limited' : null;
  // Everyone who sees the row may read its history, so the menu is always there.
  const hasMenu = true;
  return (
    <Group gap={2} wrap="nowrap">
      {editAction && (
        <Tooltip label={editAction === 'edit' ? 'Edit' : 'Edit outcome and detection'}>
          <ActionIcon
            variant="subtle"
            aria-label={
              editAction === 'edit' ? `Edit event ${event.id}` : `Edit outcome of event ${event.id}`
            }
            onClick={() => onAction(editAction, event)}
          >
            <IconEdit />
          </ActionIcon>
        </Tooltip>
      )}
      {hasMenu && (
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`More actions for event ${event.id}`}>
              <IconDots />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onAction('history', event)}>History</Menu.Item>
            {perms.add && (
              <>
                <Menu.Item leftSection={<IconCopy />} onClick={() => onAction('clone', event)}>
                  Clone
                </Menu.Item>
                <Menu.Item leftSection={<IconLateral />} onClick={() => onAction('lateral', event)}>
                  Lateral move: new event from this target
                </Menu.Item>
              </>
            )}
            {perms.add && perms.delete && <Menu.Divider />}
            {perms.delete && (
              <Menu.Item color="red" leftSection={<IconTrash />} onClick={() => onAction('delete', event)}>
                Delete…
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
