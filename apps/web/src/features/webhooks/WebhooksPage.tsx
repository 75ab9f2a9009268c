import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { WebhookDto, WebhookTestResult } from '@steppingstones/shared/webhooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { ExampleBodies } from './WebhookBody.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookFormModal } from './WebhookFormModal.tsx';
import { deleteWebhook, testWebhook, useWebhooks, WEBHOOKS_KEY } from './webhooks-api.ts';

function TestResult({ result }: { result: WebhookTestResult }) {
  return (
    <Text size="sm" c={result.ok ? 'green.8' : 'red.7'} data-testid="webhook-test-result">
      {result.ok ? 'Delivered' : 'Not delivered'}
      {result.status_code !== null && ` · HTTP ${result.status_code}`}
      {result.latency_ms !== null && ` · ${result.latency_ms} ms`}
      {result.error && ` · ${result.error}`}
    </Text>
  );
}

function WebhookCard({ webhook, onEdit }: { webhook: WebhookDto; onEdit: () => void }) {
  const queryClient = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [showBody, setShowBody] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const test = useMutation({
    mutationFn: () => testWebhook(webhook.id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [...WEBHOOKS_KEY, webhook.id] }),
  });
  const remove = useMutation({
    mutationFn: () => deleteWebhook(webhook.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  });
  return (
    <Paper withBorder p="md" data-testid={`webhook-${webhook.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} ff="monospace" style={{ wordBreak: 'break-all' }}>
              {webhook.url}
            </Text>
            <Badge color={webhook.enabled ? 'green' : 'gray'} variant="light">
              {webhook.enabled ? 'enabled' : 'disabled'}
            </Badge>
            {webhook.has_secret && (
              <Badge color="indigo" variant="outline">
                signed
              </Badge>
            )}
          </Group>
          <Group gap={4}>
            {webhook.types.map((t) => (
              <Badge key={t} size="sm" variant="default">
                {t}
              </Badge>
            ))}
          </Group>
          {test.data && <TestResult result={test.data} />}
          {test.isError && (
            <Text size="sm" c="red.7">
              {errorMessage(test.error)}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" onClick={() => test.mutate()} loading={test.isPending}>
            Test
          </Button>
          <Button size="xs" variant="default" onClick={() => setShowBody((v) => !v)} aria-expanded={showBody}>
            {showBody ? 'Hide example body' : 'Example body'}
          </Button>
          <Button size="xs" variant="default" onClick={() => setShowLog((v) => !v)}>
            {showLog ? 'Hide log' : 'Delivery log'}
          </Button>
          <Button size="xs" variant="default" onClick={onEdit}>
            Edit
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
            Remove
          </Button>
        </Group>
      </Group>
      {showBody && <ExampleBodies id={webhook.id} />}
      {showLog && <WebhookDeliveries id={webhook.id} />}
      <ConfirmModal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate()}
        title="Remove webhook"
        confirmLabel="Remove"
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      >
        Stop sending to <b>{webhook.url}</b> and delete its delivery log? Messages already queued for it are
        dropped.
      </ConfirmModal>
    </Paper>
  );
}

/** Admin → Webhooks: where Stepping Stones POSTs event and beacon notifications. */
export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [editing, setEditing] = useState<WebhookDto | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Stepping Stones POSTs a JSON message (Body shows it exactly) to each enabled webhook for the types it subscribes to, within seconds of the change, retrying until the receiver answers 2xx. Use them with chat tools, make.com or IFTTT."
        actions={<Button onClick={() => setEditing('new')}>Add webhook</Button>}
      />
      {webhooks.isPending && <LoadingState />}
      {webhooks.isError && <ErrorState error={webhooks.error} onRetry={() => webhooks.refetch()} />}
      {webhooks.data && (
        <Stack gap="sm">
          {webhooks.data.results.map((w) => (
            <WebhookCard key={w.id} webhook={w} onEdit={() => setEditing(w)} />
          ))}
          {webhooks.data.results.length === 0 && (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                No webhooks yet. Add one to be told when events are created, changed or deleted, when
                detection changes, or when a beacon arrives.
              </Text>
            </Paper>
          )}
        </Stack>
      )}
      <WebhookFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        webhook={editing && editing !== 'new' ? editing : undefined}
      />
    </>
  );
}
