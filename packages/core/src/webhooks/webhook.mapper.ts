import type { WebhookDeliveryTable, WebhookTable } from '@steppingstones/db';
import { toIsoUtc, type WebhookDeliveryDto, type WebhookDto } from '@steppingstones/shared';
import type { Selectable } from 'kysely';

export type WebhookRow = Selectable<WebhookTable>;

export function parseTypes(text: string): string[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The secret never leaves the server: the API says only whether there is one. */
export function toWebhookDto(row: WebhookRow & { engagement_code?: string | null }): WebhookDto {
  return {
    id: Number(row.id),
    url: row.url,
    engagement: row.engagement_code ?? null,
    has_secret: row.secret !== '',
    types: parseTypes(row.types),
    enabled: row.enabled === 1,
    created_at: toIsoUtc(Number(row.created_at)),
    updated_at: toIsoUtc(Number(row.updated_at)),
  };
}

export function toDeliveryDto(row: Selectable<WebhookDeliveryTable>): WebhookDeliveryDto {
  return {
    id: Number(row.id),
    delivery_id: row.delivery_id,
    domain_event_id: row.domain_event_id === null ? null : Number(row.domain_event_id),
    type: row.type,
    status_code: row.status_code,
    latency_ms: row.latency_ms,
    attempt: row.attempt,
    error: row.error,
    message: row.message,
    event_id: row.event_id === null ? null : Number(row.event_id),
    ok: row.error === null && row.status_code !== null && row.status_code >= 200 && row.status_code < 300,
    created_at: toIsoUtc(Number(row.created_at)),
  };
}
