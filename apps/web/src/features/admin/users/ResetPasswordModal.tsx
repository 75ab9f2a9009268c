import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PASSWORD_RULES_TEXT, passwordResetSchema, passwordSchema } from '@steppingstones/shared';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { FormError } from '../../../components/QueryState.tsx';
import { useSchemaForm } from '../../../lib/form.ts';
import { resetPassword, type User } from './users-api.ts';

/** The server's reset body, with the password's rules checked here too, typed twice alike. */
const resetSchema = passwordResetSchema
  .extend({ new_password: passwordSchema, confirm: z.string() })
  .refine((v) => v.new_password === v.confirm, {
    message: "The two passwords don't match",
    path: ['confirm'],
  });

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
  const form = useSchemaForm(resetSchema, { new_password: '', confirm: '' });
  const reset = useMutation({
    mutationFn: (newPassword: string) => resetPassword(user.id, newPassword),
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
    <form onSubmit={form.onSubmit((values) => reset.mutate(values.new_password))} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The user is signed out everywhere and their API tokens stop working. Give them the new password
          through a safe channel.
        </Text>
        <PasswordInput
          label="New password"
          description={PASSWORD_RULES_TEXT}
          {...form.getInputProps('new_password')}
          required
          autoComplete="new-password"
          data-autofocus
        />
        <PasswordInput
          label="New password again"
          {...form.getInputProps('confirm')}
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
