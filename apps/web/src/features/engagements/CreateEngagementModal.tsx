import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormError } from '../../components/QueryState.tsx';
import { useFormState } from '../../lib/use-form-state.ts';
import { ME_KEY } from '../auth/use-me.ts';
import { EngagementFields } from './EngagementFields.tsx';
import { type EngagementInput, validateEngagement } from './engagement-types.ts';
import { createEngagement, ENGAGEMENTS_KEY } from './engagements-api.ts';

const EMPTY: EngagementInput = { code: '', name: '', description: '', start_date: '', end_date: '' };

export function CreateEngagementModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useFormState<EngagementInput & Record<string, string>>({ ...EMPTY });
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      createEngagement({ ...form.values, code: form.values.code.trim(), name: form.values.name.trim() }),
    onSuccess: (engagement) => {
      queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY });
      // The creator's engagement list (header switcher) changes too.
      queryClient.invalidateQueries({ queryKey: ME_KEY });
      notifications.show({ color: 'teal', message: `Engagement ${engagement.name} created.` });
      form.reset({ ...EMPTY });
      onClose();
    },
    onError: (error) => form.showError(error),
  });

  return (
    <Modal opened={opened} onClose={onClose} title="New engagement" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const errors = validateEngagement(form.values);
          form.setErrors(errors);
          if (Object.keys(errors).length === 0) create.mutate();
        }}
        noValidate
      >
        <Stack gap="md">
          <EngagementFields values={form.values} errors={form.errors} onChange={form.setField} autoFocus />
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
