import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { apiTokenCreateSchema, PERMISSION_CODES } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { FormError } from '../../../components/QueryState.tsx';
import { useSchemaForm } from '../../../lib/form.ts';
import { useMe } from '../../auth/use-me.ts';
import { type CreatedToken, createToken, TOKENS_KEY } from './tokens-api.ts';

const EXPIRY_OPTIONS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];

export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Token created' : 'New personal token'}
      size="lg"
      closeOnClickOutside={!created}
    >
      {opened && !created && <TokenForm onCreated={setCreated} onCancel={close} />}
      {created && <TokenSecret token={created} onDone={close} />}
    </Modal>
  );
}

/** The server's rules, plus what a useful token needs: at least one permission. */
const tokenFormSchema = apiTokenCreateSchema.pick({ name: true }).extend({
  permissions: apiTokenCreateSchema.shape.permissions.min(1, 'Pick at least one permission'),
  expiry: z.string(),
});

function TokenForm({ onCreated, onCancel }: { onCreated: (t: CreatedToken) => void; onCancel: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const form = useSchemaForm(tokenFormSchema, { name: '', permissions: [] as string[], expiry: '30' });
  // A token can only carry permissions its owner holds.
  const available = me.is_superuser ? PERMISSION_CODES : me.permissions;
  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      createToken({
        name: values.name.trim(),
        permissions: values.permissions,
        ...(values.expiry === 'never'
          ? {}
          : { expires_at: new Date(Date.now() + Number(values.expiry) * 86_400_000).toISOString() }),
      }),
    onSuccess: (token) => {
      queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      onCreated(token);
    },
    onError: (error) => form.showError(error),
  });

  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack gap="md">
        <TextInput
          label="Name"
          description="Where it is used, e.g. C2 log shipper."
          placeholder="C2 log shipper"
          {...form.getInputProps('name')}
          required
          data-autofocus
          autoComplete="off"
        />
        <MultiSelect
          label="Permissions"
          description="Give the token only what its job needs."
          data={available}
          {...form.getInputProps('permissions')}
          searchable
          required
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Expires after"
          data={EXPIRY_OPTIONS}
          value={form.values.expiry}
          onChange={(v) => v && form.setFieldValue('expiry', v)}
          allowDeselect={false}
          error={form.errors.expires_at}
          comboboxProps={{ withinPortal: true }}
        />
        <FormError message={form.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" title="Copy it now">
        This is the only time the token is shown. Store it in a password manager or your tool's secret store.
      </Alert>
      <Code block data-testid="token-secret">
        {token.token}
      </Code>
      <Text size="sm" c="dimmed">
        Send it as <Code>Authorization: Bearer &lt;token&gt;</Code>.
      </Text>
      <Group justify="flex-end">
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : 'indigo'} onClick={copy}>
              {copied ? 'Copied' : 'Copy token'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
