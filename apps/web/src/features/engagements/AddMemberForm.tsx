import { Button, Checkbox, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLE_NAMES, ROLE_SLUGS, type RoleSlug } from '@steppingstones/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage, isApiError } from '../../lib/api-error.ts';
import { addMember } from './engagements-api.ts';

const ROLE_OPTIONS = ROLE_SLUGS.map((slug) => ({ value: slug, label: ROLE_NAMES[slug] }));

/** Adds an existing user by username, or creates a user who belongs to this engagement only. */
export function AddMemberForm({ code, onAdded }: { code: string; onAdded: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<RoleSlug>('blue-read-only');
  const [create, setCreate] = useState(false);
  const [password, setPassword] = useState('');
  const add = useMutation({
    mutationFn: () => addMember(code, { username: username.trim(), role, ...(create ? { password } : {}) }),
    onSuccess: (m) => {
      onAdded();
      notifications.show({
        color: 'teal',
        message: `${m.username} ${create ? 'was created and ' : ''}joined ${code} as ${ROLE_NAMES[m.role]}.`,
      });
      setUsername('');
      setPassword('');
      setCreate(false);
    },
  });
  const errors: Record<string, string> = isApiError(add.error) ? add.error.fieldMap() : {};
  return (
    <form
      aria-label="Add a member"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.username}
            required
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            allowDeselect={false}
            onChange={(v) => v && setRole(v as RoleSlug)}
            comboboxProps={{ withinPortal: true }}
          />
          {create && (
            <PasswordInput
              label="Password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              required
            />
          )}
          <Button type="submit" loading={add.isPending} disabled={!username.trim()}>
            {create ? 'Create and add' : 'Add member'}
          </Button>
        </Group>
        <Checkbox
          label="Create a new account (it will belong to this engagement only)"
          checked={create}
          onChange={(e) => setCreate(e.currentTarget.checked)}
        />
        <FormError message={add.isError && !Object.keys(errors).length ? errorMessage(add.error) : null} />
      </Stack>
    </form>
  );
}
