import type { WebhookDeliveryDto, WebhookDto, WebhookTestResult } from '@steppingstones/shared/webhooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';
import type { ListEnvelope } from '../../lib/lists.ts';

export const WEBHOOKS_KEY = ['webhooks'] as const;

// Mirrors WEBHOOK_TYPES in packages/shared/src/webhooks.ts (kept here so the page loads no zod).
export const WEBHOOK_TYPE_OPTIONS = [
  'event created',
  'event updated',
  'event deleted',
  'detection changed',
  'new beacon',
  'respawned beacon',
  'returned beacon',
] as const;

export interface WebhookInput {
  url: string;
  secret?: string;
  types: string[];
  enabled: boolean;
}

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
export const updateWebhook = (id: number, input: Partial<WebhookInput>) =>
  api<WebhookDto>(`/webhooks/${id}/`, { method: 'PATCH', body: input });
export const deleteWebhook = (id: number) => api<void>(`/webhooks/${id}/`, { method: 'DELETE' });
export const testWebhook = (id: number) =>
  api<WebhookTestResult>(`/webhooks/${id}/test/`, { method: 'POST' });
