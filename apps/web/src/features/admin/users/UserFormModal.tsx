import { Button, Group, Modal, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type Membership,
  PASSWORD_RULES_TEXT,
  passwordSchema,
  userCreateSchema,
  userUpdateSchema,
} from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { FormError } from '../../../components/QueryState.tsx';
import { useSchemaForm } from '../../../lib/form.ts';
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

/** A new user: the server's rules, with the password's rules checked here too, typed twice alike. */
const newUserSchema = userCreateSchema
  .extend({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The two passwords don't match", path: ['confirm'] });

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
  const form = useSchemaForm<Values>(user ? userUpdateSchema : newUserSchema, initial(user));
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) =>
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

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="md">
        <TextInput
          label="Username"
          {...form.getInputProps('username')}
          disabled={Boolean(user)}
          required
          autoComplete="off"
          data-autofocus={!user || undefined}
        />
        <TextInput
          label="Display name"
          description="Shown as the operator on events."
          {...form.getInputProps('display_name')}
          autoComplete="off"
          data-autofocus={user ? true : undefined}
        />
        {!user && (
          <Group grow align="flex-start">
            <PasswordInput
              label="Password"
              description={PASSWORD_RULES_TEXT}
              {...form.getInputProps('password')}
              required
              autoComplete="new-password"
            />
            <PasswordInput
              label="Password again"
              {...form.getInputProps('confirm')}
              required
              autoComplete="new-password"
            />
          </Group>
        )}
        <MembershipsField
          value={form.values.memberships}
          onChange={(value) => form.setFieldValue('memberships', value)}
          error={membershipsError(form.errors)}
        />
        {user && (
          <Switch
            label="Active"
            description="An inactive user cannot sign in; their sessions and tokens end."
            {...form.getInputProps('is_active', { type: 'checkbox' })}
          />
        )}
        <Switch
          label="Superuser"
          description="Holds every permission and sees every engagement."
          color="red"
          {...form.getInputProps('is_superuser', { type: 'checkbox' })}
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

/** The memberships' problems (the list's own, or one membership's, e.g. `memberships.0.role`), as one line. */
function membershipsError(errors: Record<string, unknown>): string | undefined {
  const messages = Object.entries(errors)
    .filter(([field, message]) => (field === 'memberships' || field.startsWith('memberships.')) && message)
    .map(([, message]) => String(message));
  return messages.length ? messages.join(' ') : undefined;
}
