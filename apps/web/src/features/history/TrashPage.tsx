import { Alert, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { TRASH_PERMISSIONS } from '@steppingstones/shared/history';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateTime } from '../../components/DateTime.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { canAll } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { useLiveChanges } from '../live/use-live-changes.ts';
import { fetchTrash, HISTORY_KEY, type TrashItem, undeleteEvent } from './history-api.ts';

const TRASH_KEY = [...HISTORY_KEY, 'trash'] as const;

/** Deleted events of the current engagement, most recently deleted first, each recoverable. */
export function TrashPage() {
  const me = useMe();
  const engagement = me.current_engagement;
  const client = useQueryClient();
  const trash = useQuery({
    queryKey: [...TRASH_KEY, engagement],
    queryFn: () => fetchTrash(engagement as string),
    enabled: !!engagement,
  });
  // A teammate deleting or recovering an event shows up here too.
  useLiveChanges(engagement, () => void client.invalidateQueries({ queryKey: TRASH_KEY }));
  const [target, setTarget] = useState<TrashItem | null>(null);
  const recover = useMutation({
    mutationFn: (item: TrashItem) => undeleteEvent(item.id),
    onSuccess: async () => {
      setTarget(null);
      notifications.show({ color: 'green', message: 'The event is back in the event log.' });
      await Promise.all([
        client.invalidateQueries({ queryKey: TRASH_KEY }),
        client.invalidateQueries({ queryKey: EVENTS_KEY }),
      ]);
    },
  });

  const header = (
    <PageHeader
      title="Deleted events"
      description={`Events deleted from ${engagement ?? 'the engagement'}${canAll(me, TRASH_PERMISSIONS) ? '' : ' by you'}. Recovering one puts it back in the event log with its history intact.`}
    />
  );
  if (!engagement)
    return (
      <>
        {header}
        <Alert color="yellow">Choose an engagement from the switcher at the top of the page.</Alert>
      </>
    );
  return (
    <>
      {header}
      {trash.isPending ? (
        <LoadingState />
      ) : trash.isError ? (
        <ErrorState error={trash.error} onRetry={() => trash.refetch()} title="Could not load the trash" />
      ) : trash.data.length === 0 ? (
        <Text c="dimmed">The trash is empty.</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event time</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Deleted</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trash.data.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <DateTime value={item.timestamp} seconds />
                </Table.Td>
                <Table.Td>{item.description}</Table.Td>
                <Table.Td>
                  <DateTime value={item.deleted_at} />
                </Table.Td>
                <Table.Td>{item.deleted_by ?? '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      recover.reset();
                      setTarget(item);
                    }}
                  >
                    Recover
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        opened={target !== null}
        onClose={() => setTarget(null)}
        onConfirm={() => target && recover.mutate(target)}
        title="Recover this event?"
        confirmLabel="Recover"
        color="blue"
        loading={recover.isPending}
        error={recover.error ? errorMessage(recover.error) : null}
      >
        {target && (
          <>
            “{target.description}” goes back into the event log of {target.engagement}.
          </>
        )}
      </ConfirmModal>
    </>
  );
}
