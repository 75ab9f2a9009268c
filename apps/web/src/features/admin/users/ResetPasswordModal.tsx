import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { FormError } from '../../../components/QueryState.tsx';
import { useFormState } from '../../../lib/use-form-state.ts';
import { resetPassword, type User } from './users-api.ts';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? `Reset the password of ${user.username}` : ''}
    >
      {user && <ResetForm user={user} onDone={onClose} />}
    </Modal>
  );
}

function ResetForm({ user, onDone }: { user: User; onDone: () => void }) {
  const form = useFormState({ new_password: '', confirm: '' });
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id, form.values.new_password),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: `Password of ${user.username} reset. Their sessions and tokens ended.`,
      });
      onDone();
    },
    onError: (error) => form.showError(error),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (form.values.new_password !== form.values.confirm) {
          form.setErrors({ confirm: "The two passwords don't match." });
          return;
        }
        reset.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The user is signed out everywhere and their API tokens stop working. Give them the new password
          through a safe channel.
        </Text>
        <PasswordInput
          label="New password"
          value={form.values.new_password}
          onChange={(e) => form.setField('new_password', e.currentTarget.value)}
          error={form.errors.new_password}
          required
          autoComplete="new-password"
          data-autofocus
        />
        <PasswordInput
          label="New password again"
          value={form.values.confirm}
          onChange={(e) => form.setField('confirm', e.currentTarget.value)}
          error={form.errors.confirm}
          required
          autoComplete="new-password"
        />
        <FormError message={form.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="orange" loading={reset.isPending}>
            Reset password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
