import type { ListEnvelope } from '@steppingstones/shared';
import type { WebhookBodyDto, WebhookExampleDto } from '@steppingstones/shared/webhook-body';
import {
  WEBHOOK_TYPES,
  type WebhookCreate,
  type WebhookDeliveryDto,
  type WebhookDto,
  type WebhookTestResult,
  type WebhookUpdate,
} from '@steppingstones/shared/webhooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';

export const WEBHOOKS_KEY = ['webhooks'] as const;

/** The types a webhook subscribes to, in the order the form lists them. */
export const WEBHOOK_TYPE_OPTIONS = WEBHOOK_TYPES;
/** A new webhook is ticked for the event types; beacon messages are opted into (they can be many). */
export const DEFAULT_WEBHOOK_TYPES = WEBHOOK_TYPES.filter((t) => !t.includes('beacon'));

/** What the form sends: a create, or the changed fields of an update. */
export type WebhookInput = WebhookCreate;

export function useWebhooks() {
  return useQuery({ queryKey: WEBHOOKS_KEY, queryFn: () => api<ListEnvelope<WebhookDto>>('/webhooks/') });
}

export function useDeliveries(id: number) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'deliveries'],
    queryFn: () => api<ListEnvelope<WebhookDeliveryDto>>(`/webhooks/${id}/deliveries/?limit=50`),
    refetchInterval: 5000,
  });
}

export const createWebhook = (input: WebhookInput) =>
  api<WebhookDto>('/webhooks/', { method: 'POST', body: input });
export const updateWebhook = (id: number, input: WebhookUpdate) =>
  api<WebhookDto>(`/webhooks/${id}/`, { method: 'PATCH', body: input });
export const deleteWebhook = (id: number) => api<void>(`/webhooks/${id}/`, { method: 'DELETE' });
export const testWebhook = (id: number) =>
  api<WebhookTestResult>(`/webhooks/${id}/test/`, { method: 'POST' });

/** The exact body a delivery POSTed (null once its job was pruned). */
export function useDeliveryBody(id: number, deliveryId: string | null) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'body', deliveryId],
    queryFn: () => api<WebhookBodyDto>(`/webhooks/${id}/deliveries/${deliveryId}/body/`),
    enabled: deliveryId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** For each subscribed type, the body the webhook would receive. */
export function useExampleBodies(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'example'],
    queryFn: () => api<ListEnvelope<WebhookExampleDto>>(`/webhooks/${id}/example/`),
    enabled,
  });
}
