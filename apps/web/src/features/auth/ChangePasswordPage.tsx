import { Alert, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PASSWORD_RULES_TEXT, passwordSchema } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FormError } from '../../components/QueryState.tsx';
import { useSchemaForm } from '../../lib/form.ts';
import { changePassword } from './auth-api.ts';
import { ME_KEY } from './use-me.ts';

const EMPTY = { current_password: '', new_password: '', confirm: '' };

/** The new password follows the server's rules; the repeat must match it. */
const changeSchema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password'),
    new_password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.new_password === v.confirm, {
    message: "The two passwords don't match",
    path: ['confirm'],
  });

export function ChangePasswordPage() {
  const form = useSchemaForm(changeSchema, EMPTY);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (values: typeof EMPTY) => changePassword(values.current_password, values.new_password),
    onSuccess: () => {
      // The server re-issued this browser's session with a new CSRF token: fetch it.
      queryClient.invalidateQueries({ queryKey: ME_KEY });
      form.reset();
      notifications.show({
        color: 'teal',
        title: 'Password changed',
        message: 'Your other sessions and API tokens were ended.',
      });
    },
    onError: (error) => form.showError(error),
  });

  return (
    <>
      <PageHeader
        title="Change password"
        description="Changing your password signs you out everywhere else and revokes your API tokens."
      />
      <Paper withBorder p="lg" maw={520}>
        <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
          <Stack gap="md">
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              {...form.getInputProps('current_password')}
              required
              autoFocus
            />
            <PasswordInput
              label="New password"
              description={PASSWORD_RULES_TEXT}
              autoComplete="new-password"
              {...form.getInputProps('new_password')}
              required
            />
            <PasswordInput
              label="New password again"
              autoComplete="new-password"
              {...form.getInputProps('confirm')}
              required
            />
            {mutation.isSuccess && (
              <Alert color="teal" variant="light">
                Your password was changed.
              </Alert>
            )}
            <FormError message={form.formError} />
            <Group justify="flex-end">
              <Button type="submit" loading={mutation.isPending}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
