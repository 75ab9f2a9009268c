import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EventDto } from '@steppingstones/shared/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../lib/api-error.ts';
import { undeleteEvent } from '../../history/history-api.ts';
import { deleteEvent } from '../api/events-api.ts';
import { invalidateEventLists } from './use-event-pages.ts';

/** How long the Undo stays on screen; afterwards the event is still in the user's trash. */
const UNDO_MS = 10_000;

/**
 * Deleting an event: the toast offers Undo (the server gives an operator back what they deleted
 * themselves), and says where to find it later.
 */
export function useDeleteWithUndo(onDeleted: () => void) {
  const client = useQueryClient();
  const undo = async (e: EventDto, toastId: string) => {
    notifications.hide(toastId);
    try {
      await undeleteEvent(e.id);
      notifications.show({ color: 'green', message: 'The event is back in the event log.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not undo the delete', message: errorMessage(error) });
    }
    await invalidateEventLists(client);
  };
  return useMutation({
    mutationFn: (e: EventDto) => deleteEvent(e.id),
    onSuccess: async (_, e) => {
      onDeleted();
      const id = `deleted-${e.id}`;
      notifications.show({
        id,
        color: 'green',
        autoClose: UNDO_MS,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">Event deleted. It stays in Deleted events until you recover it.</Text>
            <Button size="compact-sm" variant="light" onClick={() => void undo(e, id)}>
              Undo
            </Button>
          </Group>
        ),
      });
      await invalidateEventLists(client);
    },
  });
}
