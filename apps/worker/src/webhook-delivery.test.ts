import { inTransaction } from '@steppingstones/core';
import { appendDomainEvent } from '@steppingstones/core/outbox';
import {
  createTestContext,
  startWebhookReceiver,
  type TestContext,
  verifySignature,
  type WebhookReceiver,
} from '@steppingstones/core/testing';
import { createWebhook, listDeliveries } from '@steppingstones/core/webhooks';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningWorker } from './main.ts';
import { testResolver } from './testing/test-tasks.ts';
import { startTestWorker, waitFor } from './testing/worker-harness.ts';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

describe.each(testDialects())('webhook delivery by the worker on %s', (dialect) => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;
  let worker: RunningWorker | undefined;
  beforeEach(async () => {
    ctx = await createTestContext(dialect, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await worker?.stop(200);
    worker = undefined;
    await receiver.close();
    await ctx.dispose();
  });

  it('delivers an outbox event, signed, retries after a 500, and logs both attempts', async () => {
    receiver.statuses.push(500);
    const hook = await createWebhook(ctx.services(), {
      url: receiver.url,
      secret: 'hush',
      types: ['event deleted'],
    });
    worker = await startTestWorker(ctx, testResolver());
    await writeTransaction(ctx.database.db, (tx) =>
      appendDomainEvent(inTransaction(ctx.services(), tx), {
        type: 'event.deleted',
        engagementId: null,
        payload: { eventId: 12 },
      }),
    );
    await waitFor(() => receiver.received.length >= 2, 'the retried delivery', 60_000);
    const [first, second] = receiver.received;
    expect(second!.json).toMatchObject({
      type: 'event deleted',
      message: 'Event 12 deleted from no engagement',
    });
    // The same message, the same delivery id: receivers can de-duplicate at-least-once deliveries.
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['x-steppingstones-delivery']).toBe(first!.headers['x-steppingstones-delivery']);
    expect(
      verifySignature(second!.headers['x-steppingstones-signature'] as string, 'hush', second!.body),
    ).toBe(true);
    const log = await waitFor(async () => {
      const page = await listDeliveries(ctx.database.db, hook.id);
      return page.results.length === 2 ? page.results : undefined;
    }, 'the delivery log');
    expect(log.map((d) => [d.attempt, d.status_code, d.ok])).toEqual([
      [2, 200, true],
      [1, 500, false],
    ]);
    // The worker marks the job after the task's delivery is logged: wait for that second write.
    const job = await waitFor(async () => {
      const row = await ctx.database.db
        .selectFrom('job')
        .selectAll()
        .where('task', '=', 'core:webhook.deliver')
        .executeTakeFirstOrThrow();
      return row.status === 'running' || row.status === 'queued' ? undefined : row;
    }, 'the job to finish');
    expect(job.status).toBe('succeeded');
  });
});
