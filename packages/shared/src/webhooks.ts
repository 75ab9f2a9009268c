import { z } from 'zod';

/** The webhook types, written as in the original (they are the `type` field of every payload). */
export const WEBHOOK_TYPES = [
  'event created',
  'event updated',
  'event deleted',
  'detection changed',
  'events bulk updated',
  'comment created',
  'new beacon',
  'respawned beacon',
  'returned beacon',
] as const;
export const webhookTypeSchema = z.enum(WEBHOOK_TYPES);
export type WebhookType = z.infer<typeof webhookTypeSchema>;

const url = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .url('must be a URL such as https://hooks.example.com/steppingstones')
  .refine((v) => /^https?:\/\//i.test(v), 'must start with http:// or https://');

export const webhookCreateSchema = z.object({
  url,
  /** The engagement whose messages it receives (required for leads); omitted = an instance webhook. */
  engagement: z.string().trim().min(1, 'is required').max(100).optional(),
  /** Optional HMAC key; write-only. */
  secret: z.string().max(500, 'must be at most 500 characters').default(''),
  types: z
    .array(webhookTypeSchema)
    .min(1, 'choose at least one type')
    .default([...WEBHOOK_TYPES]),
  enabled: z.boolean().default(true),
});
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.object({
  url: url.optional(),
  /** A new secret; `""` removes it; omit to keep the current one. */
  secret: z.string().max(500, 'must be at most 500 characters').optional(),
  types: z.array(webhookTypeSchema).min(1, 'choose at least one type').optional(),
  enabled: z.boolean().optional(),
});
export type WebhookUpdate = z.input<typeof webhookUpdateSchema>;

export const webhookSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  /** The engagement it belongs to; null = an instance webhook (every engagement's messages). */
  engagement: z.string().nullable(),
  has_secret: z.boolean(),
  types: z.array(z.string()),
  enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookDto = z.infer<typeof webhookSchema>;

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  delivery_id: z.string(),
  domain_event_id: z.number().int().nullable(),
  type: z.string(),
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int().nullable(),
  attempt: z.number().int(),
  /** What went wrong (refused target, timeout, non-2xx); null on success. */
  error: z.string().nullable(),
  /** The human text sent. */
  message: z.string().nullable(),
  /** The event the message is about (opened at /events/{id}). */
  event_id: z.number().int().nullable(),
  ok: z.boolean(),
  created_at: z.string(),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

/** The *Test* button's answer: delivered at once, with the receiver's status and the latency. */
export const webhookTestResultSchema = z.object({
  ok: z.boolean(),
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int().nullable(),
  error: z.string().nullable(),
  delivery_id: z.string(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
