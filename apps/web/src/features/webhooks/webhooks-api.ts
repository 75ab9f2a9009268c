import type { ListEnvelope } from '@steppingstones/shared';
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
