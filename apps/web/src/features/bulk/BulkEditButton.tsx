import { Button, Checkbox, Group, Modal, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BulkEditResult } from '@steppingstones/shared/bulk-edit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { api } from '../../lib/api-client.ts';
import { errorMessage } from '../../lib/api-error.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { detectedOptions, preventedOptions } from '../events/ui/choices.ts';
import { type BulkForm, bulkRequest, EMPTY_BULK_FORM, hasChanges } from './bulk-request.ts';

/**
 * "Edit the N events shown": add or remove tags, set Detected / Prevented, optionally clear the stars,
 * for every event matching the grid's filter (e.g. the starred ones). The server checks the count.
 */
export function BulkEditButton({
  engagement,
  filterQuery,
  count,
}: {
  engagement: string;
  filterQuery: string;
  count: number;
}) {
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [form, setForm] = useState<BulkForm>(EMPTY_BULK_FORM);
  const save = useMutation({
    mutationFn: () =>
      api<BulkEditResult>('/events/bulk/', {
        method: 'POST',
        body: bulkRequest(engagement, filterQuery, count, form),
      }),
    onSuccess: async (r) => {
      setOpened(false);
      setForm(EMPTY_BULK_FORM);
      notifications.show({ color: 'green', message: `${r.changed} of ${r.count} events changed.` });
      await client.invalidateQueries({ queryKey: EVENTS_KEY });
    },
  });
  const set = (patch: Partial<BulkForm>) => setForm((f) => ({ ...f, ...patch }));
  if (count === 0) return null;
  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          save.reset();
          setOpened(true);
        }}
      >
        Edit all {count.toLocaleString()}…
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Edit the ${count.toLocaleString()} events shown`}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Applies to every event matching the current filter. If the events changed since you looked,
            nothing is edited and you are asked to check again.
          </Text>
          <TagsInput label="Add tags" value={form.addTags} onChange={(addTags) => set({ addTags })} />
          <TagsInput
            label="Remove tags"
            value={form.removeTags}
            onChange={(removeTags) => set({ removeTags })}
          />
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
          <Checkbox
            label="Clear the stars afterwards"
            checked={form.clearStars}
            onChange={(e) => set({ clearStars: e.currentTarget.checked })}
          />
          <FormError message={save.error ? errorMessage(save.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)} disabled={save.isPending}>
              Cancel
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!hasChanges(form)}>
              Apply to {count.toLocaleString()} events
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
