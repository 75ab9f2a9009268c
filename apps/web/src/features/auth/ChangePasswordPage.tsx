import { Alert, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FormError } from '../../components/QueryState.tsx';
import { useFormState } from '../../lib/use-form-state.ts';
import { changePassword } from './auth-api.ts';
import { ME_KEY } from './use-me.ts';

const EMPTY = { current_password: '', new_password: '', confirm: '' };

export function ChangePasswordPage() {
  const form = useFormState(EMPTY);
  const { values } = form;
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => changePassword(values.current_password, values.new_password),
    onSuccess: () => {
      // The server re-issued this browser's session with a new CSRF token: fetch it.
      queryClient.invalidateQueries({ queryKey: ME_KEY });
      form.reset(EMPTY);
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
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (values.new_password !== values.confirm) {
              form.setErrors({ confirm: "The two passwords don't match." });
              return;
            }
            mutation.mutate();
          }}
        >
          <Stack gap="md">
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={values.current_password}
              onChange={(e) => form.setField('current_password', e.currentTarget.value)}
              error={form.errors.current_password}
              required
              autoFocus
            />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              value={values.new_password}
              onChange={(e) => form.setField('new_password', e.currentTarget.value)}
              error={form.errors.new_password}
              required
            />
            <PasswordInput
              label="New password again"
              autoComplete="new-password"
              value={values.confirm}
              onChange={(e) => form.setField('confirm', e.currentTarget.value)}
              error={form.errors.confirm}
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
