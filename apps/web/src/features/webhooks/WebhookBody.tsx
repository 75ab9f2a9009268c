import { Code, Stack, Text } from '@mantine/core';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { useDeliveryBody, useExampleBodies } from './webhooks-api.ts';

/** A body as it goes out is one line of JSON; indented here for reading (same keys, same order). */
const readable = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

function JsonBlock({ body, label }: { body: string; label: string }) {
  return (
    <Code block aria-label={label} data-testid="json-body" style={{ whiteSpace: 'pre-wrap' }}>
      {readable(body)}
    </Code>
  );
}

/** The body one delivery POSTed, byte for byte (indented for reading). */
export function DeliveryBody({ id, deliveryId, test }: { id: number; deliveryId: string; test: boolean }) {
  const body = useDeliveryBody(id, deliveryId);
  if (body.isPending) return <LoadingState />;
  if (body.isError) return <ErrorState error={body.error} onRetry={() => body.refetch()} />;
  if (body.data.body === null)
    return (
      <Text size="sm" c="dimmed">
        {test
          ? 'A Test message is sent at once, not queued, so its body is not kept: it is the “new beacon” example (Example body, when the webhook takes new beacons), with the time of the test.'
          : 'The body of this delivery is no longer kept (finished deliveries are pruned); the message above is what it said.'}
      </Text>
    );
  return <JsonBlock body={body.data.body} label={`Body of delivery ${deliveryId}`} />;
}

/** What this webhook would receive for each type it subscribes to, as the sender builds it. */
export function ExampleBodies({ id }: { id: number }) {
  const examples = useExampleBodies(id, true);
  if (examples.isPending) return <LoadingState />;
  if (examples.isError) return <ErrorState error={examples.error} onRetry={() => examples.refetch()} />;
  return (
    <Stack gap="xs" mt="sm" data-testid={`example-bodies-${id}`}>
      <Text size="sm" c="dimmed">
        The JSON body POSTed for each type this webhook subscribes to, built by the same code that sends it
        (sent on one line; ids, names and times here are examples). With a secret, the
        X-SteppingStones-Signature header signs exactly this text.
      </Text>
      {examples.data.results.map((e) => (
        <Stack gap={4} key={e.type}>
          <Text size="sm" fw={600}>
            {e.type}
          </Text>
          <JsonBlock body={e.body} label={`Example body: ${e.type}`} />
        </Stack>
      ))}
    </Stack>
  );
}
