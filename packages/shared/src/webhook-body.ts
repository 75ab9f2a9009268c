import { z } from 'zod';

/** The exact body of one delivery, as it was POSTed (the webhook page's "Body" of a log line). */
export const webhookBodySchema = z.object({
  delivery_id: z.string(),
  type: z.string(),
  body: z
    .string()
    .nullable()
    .describe(
      'The JSON text POSTed, byte for byte (every retry of a delivery sends the same). Null once the finished delivery job has been pruned: the log keeps only the message text.',
    ),
  kept: z.boolean().describe('Whether the body is still kept.'),
});
export type WebhookBodyDto = z.infer<typeof webhookBodySchema>;

/** The body a webhook would receive for one of its types, built by the sender's own code. */
export const webhookExampleSchema = z.object({
  type: z.string(),
  body: z.string().describe('The JSON text as it would be POSTed (ids, names and times are examples).'),
});
export type WebhookExampleDto = z.infer<typeof webhookExampleSchema>;
