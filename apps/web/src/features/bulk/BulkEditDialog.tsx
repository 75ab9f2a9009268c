import { Button, Checkbox, Group, Modal, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BulkEditResult } from '@steppingstones/shared/bulk-edit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { api } from '../../lib/api-client.ts';
import { errorMessage, isApiError } from '../../lib/api-error.ts';
import { plural } from '../../lib/plural.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { detectedOptions, preventedOptions } from '../events/ui/choices.ts';
import {
  type BulkForm,
  type BulkTarget,
  bulkTargetRequest,
  EMPTY_BULK_FORM,
  formChanges,
  hasChanges,
} from './bulk-request.ts';

/** "1 event", "12 starred events". */
export const eventsLabel = (n: number, kind = '') =>
  `${n.toLocaleString()} ${kind ? `${kind} ` : ''}event${n === 1 ? '' : 's'}`;

export interface BulkEditDialogProps {
  opened: boolean;
  onClose: () => void;
  engagement: string;
  target: BulkTarget;
  /** How many events the user is looking at; the server refuses if the target holds another number. */
  count: number;
  title: string;
  /** One sentence naming what the change applies to. */
  scope: string;
  /** Detected / Prevented only (a blue team "limited write" user). */
  limited: boolean;
  onDone?: () => void;
}

/**
 * Add or remove tags, set Detected / Prevented, optionally clear the stars, for a set of events (the
 * selection, the starred ones, everything the filter shows). One request, one transaction on the server.
 */
export function BulkEditDialog(props: BulkEditDialogProps) {
  const { opened, onClose, engagement, target, count, limited, onDone } = props;
  const client = useQueryClient();
  const [form, setForm] = useState<BulkForm>(EMPTY_BULK_FORM);
  const save = useMutation({
    mutationFn: () =>
      api<BulkEditResult>('/events/bulk/', {
        method: 'POST',
        body: bulkTargetRequest(engagement, target, count, formChanges(form)),
      }),
    onSuccess: async (r) => {
      onClose();
      notifications.show({
        color: 'green',
        message: `${r.changed.toLocaleString('en-US')} of ${plural(r.count, 'event')} changed.`,
      });
      onDone?.();
      await client.invalidateQueries({ queryKey: EVENTS_KEY });
    },
    // The rows changed since the user looked: show them the current ones (and the new count).
    onError: (error) => {
      if (isApiError(error, 409)) void client.invalidateQueries({ queryKey: EVENTS_KEY });
    },
  });
  const { reset } = save;
  useEffect(() => {
    if (!opened) return;
    setForm(EMPTY_BULK_FORM);
    reset();
  }, [opened, reset]);
  const set = (patch: Partial<BulkForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Modal opened={opened} onClose={onClose} title={props.title}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {props.scope} If the events changed since you looked, nothing is edited and you are asked to check
          again.
        </Text>
        {!limited && (
          <>
            <TagsInput label="Add tags" value={form.addTags} onChange={(addTags) => set({ addTags })} />
            <TagsInput
              label="Remove tags"
              value={form.removeTags}
              onChange={(removeTags) => set({ removeTags })}
            />
          </>
        )}
        <Group grow>
          <Select
            label="Set Detected"
            data={detectedOptions}
            value={form.detected}
            onChange={(detected) => set({ detected })}
            clearable
          />
          <Select
            label="Set Prevented"
            data={preventedOptions}
            value={form.prevented}
            onChange={(prevented) => set({ prevented })}
            clearable
          />
        </Group>
        {!limited && (
          <Checkbox
            label="Clear the stars afterwards"
            checked={form.clearStars}
            onChange={(e) => set({ clearStars: e.currentTarget.checked })}
          />
        )}
        <FormError message={save.error ? errorMessage(save.error) : null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!hasChanges(form) || count === 0}
          >
            Apply to {eventsLabel(count)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
