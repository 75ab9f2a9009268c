export { isPrivateAddress } from './ssrf-guard.ts';
export { requireWebhookAccess, webhookEngagementId, webhookScope } from './webhook.policy.ts';
export { getWebhook, listDeliveries, listWebhooks } from './webhook.queries.ts';
export { createWebhook, deleteWebhook, updateWebhook } from './webhook.service.ts';
export { deliveryBody, exampleBodies } from './webhook-body.ts';
export { BURST_THRESHOLD, BURST_WINDOW_MS } from './webhook-burst.ts';
export { type DeliveryPayload, deliverOnce, deliveryPayloadSchema, testWebhook } from './webhook-delivery.ts';
export {
  DELIVER_MAX_ATTEMPTS,
  DELIVER_TASK,
  fanOutWebhooks,
  OUTBOX_CURSOR_KEY,
} from './webhook-fanout.ts';
export { postWebhook, signatureHeader, WEBHOOK_TIMEOUT_MS, type WebhookPostResult } from './webhook-http.ts';
export { buildWebhookMessage, OUTBOX_TO_WEBHOOK_TYPE, type WebhookMessage } from './webhook-message.ts';
export { checkWebhookTarget } from './webhook-target.ts';
