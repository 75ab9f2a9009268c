import { notifications } from '@mantine/notifications';
import type { BulkEditResult } from '@steppingstones/shared/bulk-edit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { api } from '../../lib/api-client.ts';
import { errorMessage, isApiError } from '../../lib/api-error.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { eventsLabel } from './BulkEditDialog.tsx';
import { bulkTargetRequest } from './bulk-request.ts';

/**
 * "Star / unstar all N matching the filter", after a confirmation naming the count. The request
 * carries the filter and that count, so the server refuses if the matching events changed meanwhile.
 */
export function StarAllDialog({
  starred,
  opened,
  onClose,
  engagement,
  filterQuery,
  count,
  filtered,
}: {
  /** true: star them; false: unstar them. */
  starred: boolean;
  opened: boolean;
  onClose: () => void;
  engagement: string;
  filterQuery: string;
  count: number;
  filtered: boolean;
}) {
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: () =>
      api<BulkEditResult>('/events/bulk/', {
        method: 'POST',
        body: bulkTargetRequest(engagement, { filterQuery }, count, { starred }),
      }),
    onSuccess: async (r) => {
      onClose();
      notifications.show({
        color: 'green',
        message: `${eventsLabel(r.changed)} ${starred ? 'starred' : 'unstarred'}.`,
      });
      await client.invalidateQueries({ queryKey: EVENTS_KEY });
    },
    onError: (error) => {
      if (isApiError(error, 409)) void client.invalidateQueries({ queryKey: EVENTS_KEY });
    },
  });
  const { reset } = run;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);
  const verb = starred ? 'Star' : 'Unstar';
  const where = filtered ? 'matching the filter' : `in ${engagement}`;
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      onConfirm={() => run.mutate()}
      title={`${verb} all ${eventsLabel(count)}?`}
      confirmLabel={`${verb} ${eventsLabel(count)}`}
      color={starred ? 'yellow' : 'gray'}
      loading={run.isPending}
      error={run.error ? errorMessage(run.error) : null}
    >
      {starred
        ? `Stars every one of the ${eventsLabel(count)} ${where}, including those not scrolled into view yet.`
        : `Removes the star from every one of the ${eventsLabel(count)} ${where}.`}{' '}
      Stars are markers: the events' history and versions do not change.
    </ConfirmModal>
  );
}
