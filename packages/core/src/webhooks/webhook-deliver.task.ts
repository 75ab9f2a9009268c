import { PermanentTaskError, type TaskRunContext } from '../jobs/task-definition.ts';
import { type DeliveryPayload, deliverOnce } from './webhook-delivery.ts';

/**
 * The `core:webhook.deliver` task, run in a worker thread. A non-2xx answer or a network error
 * throws, so the job retries with back-off; a refused target fails at once (retrying can not help).
 */
export async function deliverWebhookTask(ctx: TaskRunContext): Promise<unknown> {
  const payload = ctx.payload as DeliveryPayload;
  const result = await deliverOnce(await ctx.services(), ctx.config, payload, ctx.job.attempt);
  if (!result) return { skipped: 'The webhook was deleted or disabled.' };
  if (result.ok) return { status: result.statusCode, latencyMs: result.latencyMs };
  if (result.statusCode === null && result.latencyMs === null)
    throw new PermanentTaskError(result.error ?? 'Refused');
  throw new Error(result.error ?? `HTTP ${result.statusCode}`);
}
