import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { engagementCreateSchema } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormError } from '../../components/QueryState.tsx';
import { useSchemaForm } from '../../lib/form.ts';
import { ME_KEY } from '../auth/use-me.ts';
import { EngagementFields, type EngagementValues } from './EngagementFields.tsx';
import { createEngagement, ENGAGEMENTS_KEY } from './engagements-api.ts';

const EMPTY: EngagementValues = { code: '', name: '', description: '', start_date: '', end_date: '' };

export function CreateEngagementModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useSchemaForm(engagementCreateSchema, EMPTY);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (values: EngagementValues) => createEngagement(engagementCreateSchema.parse(values)),
    onSuccess: (engagement) => {
      queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY });
      // The creator's engagement list (header switcher) changes too.
      queryClient.invalidateQueries({ queryKey: ME_KEY });
      notifications.show({ color: 'teal', message: `Engagement ${engagement.name} created.` });
      form.reset();
      onClose();
    },
    onError: (error) => form.showError(error),
  });

  return (
    <Modal opened={opened} onClose={onClose} title="New engagement" size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack gap="md">
          <EngagementFields form={form} autoFocus />
          <FormError message={form.formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create engagement
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
