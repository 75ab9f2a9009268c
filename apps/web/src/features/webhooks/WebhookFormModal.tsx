import { Button, Checkbox, Group, Modal, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { type WebhookDto, type WebhookType, webhookCreateSchema } from '@steppingstones/shared/webhooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormError } from '../../components/QueryState.tsx';
import { useSchemaForm } from '../../lib/form.ts';
import {
  createWebhook,
  DEFAULT_WEBHOOK_TYPES,
  updateWebhook,
  WEBHOOK_TYPE_OPTIONS,
  WEBHOOKS_KEY,
  type WebhookInput,
} from './webhooks-api.ts';

/** Create (no `webhook`) or edit a webhook. The secret is write-only: blank keeps the current one. */
export function WebhookFormModal({
  opened,
  onClose,
  webhook,
}: {
  opened: boolean;
  onClose: () => void;
  webhook?: WebhookDto;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={webhook ? 'Edit webhook' : 'Add webhook'} size="lg">
      {opened && <WebhookForm webhook={webhook} onDone={onClose} />}
    </Modal>
  );
}

function WebhookForm({ webhook, onDone }: { webhook?: WebhookDto; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm(webhookCreateSchema, {
    url: webhook?.url ?? '',
    secret: '',
    removeSecret: false,
    types: (webhook?.types ?? [...DEFAULT_WEBHOOK_TYPES]) as WebhookType[],
    enabled: webhook?.enabled ?? true,
  });
  const { values, setFieldValue: setField, errors } = form;
  type Values = typeof values;
  const save = useMutation({
    mutationFn: (values: Values) => {
      const input: WebhookInput = { url: values.url.trim(), types: values.types, enabled: values.enabled };
      if (values.removeSecret) input.secret = '';
      else if (values.secret) input.secret = values.secret;
      return webhook ? updateWebhook(webhook.id, input) : createWebhook(input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
      onDone();
    },
    onError: (error) => form.showError(error, { 'types.0': 'types' }),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="md">
        <FormError message={form.formError} />
        <TextInput
          label="URL"
          description="Where to POST the JSON messages (http:// or https://)."
          placeholder="https://hooks.example.com/steppingstones"
          required
          value={values.url}
          onChange={(e) => setField('url', e.currentTarget.value)}
          error={errors.url}
          data-autofocus
        />
        <PasswordInput
          label="Secret"
          description={
            webhook?.has_secret
              ? 'A secret is set (it is never shown). Type a new one to replace it, or leave blank to keep it.'
              : 'Optional. With a secret, each message carries X-SteppingStones-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">.'
          }
          value={values.secret}
          disabled={values.removeSecret}
          onChange={(e) => setField('secret', e.currentTarget.value)}
          error={errors.secret}
          autoComplete="new-password"
        />
        {webhook?.has_secret && (
          <Checkbox
            label="Remove the secret (send unsigned messages)"
            checked={values.removeSecret}
            onChange={(e) => setField('removeSecret', e.currentTarget.checked)}
          />
        )}
        <Checkbox.Group
          label="Send these types"
          value={values.types}
          onChange={(v) => setField('types', v as WebhookType[])}
          error={errors.types}
        >
          <Group mt="xs" gap="md">
            {WEBHOOK_TYPE_OPTIONS.map((t) => (
              <Checkbox key={t} value={t} label={t} />
            ))}
          </Group>
        </Checkbox.Group>
        <Switch
          label="Enabled"
          checked={values.enabled}
          onChange={(e) => setField('enabled', e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed">
          Loopback and private addresses are refused unless the instance sets WEBHOOK_ALLOW_PRIVATE=true.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {webhook ? 'Save' : 'Add webhook'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
