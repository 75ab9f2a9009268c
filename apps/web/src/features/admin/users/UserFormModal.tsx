import { Button, Group, Modal, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Membership } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormError } from '../../../components/QueryState.tsx';
import { useFormState } from '../../../lib/use-form-state.ts';
import { MembershipsField } from './MembershipsField.tsx';
import { createUser, USERS_KEY, type User, updateUser } from './users-api.ts';

interface Values {
  [key: string]: unknown;
  username: string;
  display_name: string;
  password: string;
  confirm: string;
  memberships: Membership[];
  is_active: boolean;
  is_superuser: boolean;
}

function initial(user: User | null): Values {
  return {
    username: user?.username ?? '',
    display_name: user?.display_name ?? '',
    password: '',
    confirm: '',
    memberships: user?.memberships ?? [],
    is_active: user?.is_active ?? true,
    is_superuser: user?.is_superuser ?? false,
  };
}

/** Create a user (user === null) or edit one's name, engagements with roles, active and superuser flags. */
export function UserFormModal({
  user,
  opened,
  onClose,
}: {
  user: User | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={user ? `Edit ${user.username}` : 'New user'} size="lg">
      {/* Mounted per opening, so the form starts from the user's current values. */}
      {opened && <UserForm user={user} onDone={onClose} />}
    </Modal>
  );
}

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const form = useFormState<Values>(initial(user));
  const { values: v } = form;
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      user
        ? updateUser(user.id, {
            display_name: v.display_name.trim(),
            memberships: v.memberships,
            is_active: v.is_active,
            is_superuser: v.is_superuser,
          })
        : createUser({
            username: v.username.trim(),
            display_name: v.display_name.trim(),
            password: v.password,
            memberships: v.memberships,
            is_superuser: v.is_superuser,
          }),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: USERS_KEY });
      notifications.show({
        color: 'teal',
        message: user ? `${saved.username} saved.` : `User ${saved.username} created.`,
      });
      onDone();
    },
    onError: (error) => form.showError(error),
  });

  const submit = () => {
    const errors: Record<string, string> = {};
    if (!user) {
      if (!v.username.trim()) errors.username = 'Choose a username.';
      if (v.password.length < 8) errors.password = 'Use at least 8 characters.';
      if (v.password !== v.confirm) errors.confirm = "The two passwords don't match.";
    }
    form.setErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <TextInput
          label="Username"
          value={v.username}
          onChange={(e) => form.setField('username', e.currentTarget.value)}
          error={form.errors.username}
          disabled={Boolean(user)}
          required
          autoComplete="off"
          data-autofocus={!user || undefined}
        />
        <TextInput
          label="Display name"
          description="Shown as the operator on events."
          value={v.display_name}
          onChange={(e) => form.setField('display_name', e.currentTarget.value)}
          error={form.errors.display_name}
          autoComplete="off"
          data-autofocus={user ? true : undefined}
        />
        {!user && (
          <Group grow align="flex-start">
            <PasswordInput
              label="Password"
              value={v.password}
              onChange={(e) => form.setField('password', e.currentTarget.value)}
              error={form.errors.password}
              required
              autoComplete="new-password"
            />
            <PasswordInput
              label="Password again"
              value={v.confirm}
              onChange={(e) => form.setField('confirm', e.currentTarget.value)}
              error={form.errors.confirm}
              required
              autoComplete="new-password"
            />
          </Group>
        )}
        <MembershipsField
          value={v.memberships}
          onChange={(value) => form.setField('memberships', value)}
          error={form.errors.memberships}
        />
        {user && (
          <Switch
            label="Active"
            description="An inactive user cannot sign in; their sessions and tokens end."
            checked={v.is_active}
            onChange={(e) => form.setField('is_active', e.currentTarget.checked)}
          />
        )}
        <Switch
          label="Superuser"
          description="Holds every permission and sees every engagement."
          color="red"
          checked={v.is_superuser}
          onChange={(e) => form.setField('is_superuser', e.currentTarget.checked)}
        />
        <FormError message={form.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? 'Save user' : 'Create user'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
