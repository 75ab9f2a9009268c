import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { DateTime } from '../../components/DateTime.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { DeliveryBody } from './WebhookBody.tsx';
import { useDeliveries } from './webhooks-api.ts';

/** The delivery log of one webhook, newest first (refreshed every few seconds). */
export function WebhookDeliveries({ id }: { id: number }) {
  const deliveries = useDeliveries(id);
  /** The log line whose body is open (one at a time). */
  const [open, setOpen] = useState<number | null>(null);
  if (deliveries.isPending) return <LoadingState />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />;
  if (deliveries.data.results.length === 0)
    return (
      <Text size="sm" c="dimmed" p="sm">
        Nothing delivered yet. Use Test to send a dummy message now.
      </Text>
    );
  return (
    <Table verticalSpacing={4} fz="sm" data-testid={`deliveries-${id}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Message</Table.Th>
          <Table.Th>Result</Table.Th>
          <Table.Th>Latency</Table.Th>
          <Table.Th>Attempt</Table.Th>
          <Table.Th>Delivery id</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deliveries.data.results.map((d) => (
          <Fragment key={d.id}>
            <Table.Tr>
              <Table.Td className="nowrap">
                <DateTime value={d.created_at} seconds />
              </Table.Td>
              <Table.Td>{d.type}</Table.Td>
              <Table.Td>
                <Text size="sm">{d.message ?? '—'}</Text>
                {d.event_id !== null && (
                  <Anchor component={Link} to={`/events/${d.event_id}`} size="xs">
                    Open event {d.event_id}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={d.ok ? 'green' : 'red'} variant="light">
                  {d.status_code ?? 'no answer'}
                </Badge>
                {d.error && (
                  <Text size="xs" c="red.7">
                    {d.error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{d.latency_ms === null ? '—' : `${d.latency_ms} ms`}</Table.Td>
              <Table.Td>{d.attempt}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {d.delivery_id}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setOpen(open === d.id ? null : d.id)}
                  aria-expanded={open === d.id}
                >
                  {open === d.id ? 'Hide body' : 'Body'}
                </Button>
              </Table.Td>
            </Table.Tr>
            {open === d.id && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <DeliveryBody id={id} deliveryId={d.delivery_id} test={d.domain_event_id === null} />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}
