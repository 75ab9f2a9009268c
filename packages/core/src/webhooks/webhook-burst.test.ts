import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { createEvent, patchEvent } from '../events/index.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { listDeliveries } from './webhook.queries.ts';
import { createWebhook } from './webhook.service.ts';
import { BURST_THRESHOLD, BURST_WINDOW_MS } from './webhook-burst.ts';
import { recordDelivery } from './webhook-delivery.ts';
import { fanOutWebhooks } from './webhook-fanout.ts';

interface Queued {
  webhookId: number;
  deliveryId: string;
  body: string;
}

describe.each(testDialects())('webhook messages of a burst on %s', { timeout: 180_000 }, (dialect) => {
  let ctx: TestContext;
  let op: Principal;
  let hookId: number;
  let seenJobs = 0;
  const clock = fixedClock('2026-03-02T14:00:00.500Z');
  beforeEach(async () => {
    clock.set(new Date('2026-03-02T14:00:00.500Z').getTime());
    ctx = await createTestContext(dialect, {}, { clock });
    ({ principal: op } = await arrangeOperator(ctx.services(), ['BURST']));
    await ctx.database.db.updateTable('engagement').set({ name: 'Acme internal test' }).execute();
    hookId = (
      await createWebhook(ctx.services(), {
        url: 'https://hooks.example.test/in',
        types: ['event created', 'event updated', 'detection changed'],
      })
    ).id;
    seenJobs = 0;
  });
  afterEach(() => ctx.dispose());

  const newEvent = (description: string) =>
    createEvent(ctx.services(op), op, {
      engagement: 'BURST',
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description,
    });
  const queued = async () => {
    await fanOutWebhooks(ctx.services(), { batchSize: 1000 });
    const jobs = await ctx.database.db.selectFrom('job').select('payload').orderBy('id').execute();
    const fresh = jobs.slice(seenJobs).map((j) => JSON.parse(j.payload) as Queued);
    seenJobs = jobs.length;
    return fresh;
  };
  const bodies = (jobs: Queued[]) => jobs.map((j) => JSON.parse(j.body) as Record<string, unknown>);

  it(`sends up to ${BURST_THRESHOLD} creates one by one, and a larger burst as one message per window`, async () => {
    for (let i = 0; i < BURST_THRESHOLD; i++) await newEvent(`one by one ${i}`);
    expect(bodies(await queued())).toHaveLength(BURST_THRESHOLD);

    // The next window: 150 creates in one go.
    clock.advance(BURST_WINDOW_MS);
    const ids: number[] = [];
    for (let i = 0; i < 150; i++) ids.push((await newEvent(`import ${i}`)).id);
    // The window is still open: the burst waits so it goes out whole.
    expect(await queued()).toHaveLength(0);
    clock.advance(BURST_WINDOW_MS);
    const sent = bodies(await queued());
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'event created',
      grouped: true,
      count: 150,
      engagement: 'BURST',
      event_ids: ids,
      actor: 'alice',
    });
    expect(sent[0]!.message).toBe('150 events created in Acme internal test within 5 seconds');
    // Nothing left over.
    expect(await queued()).toHaveLength(0);
  });

  it('uses labels, not codes, in the text, and the delivery log shows the text and the event', async () => {
    const e = await newEvent('Dumped LSASS');
    await patchEvent(ctx.services(op), op, e.id, { detected: 'FUL', prevented: 'NEG' });
    const jobs = await queued();
    const sent = bodies(jobs);
    expect(sent.map((m) => m.message)).toEqual([
      `Event ${e.id} created in Acme internal test: Dumped LSASS`,
      `Event ${e.id} updated in Acme internal test: Dumped LSASS`,
      `Detection of event ${e.id} in Acme internal test changed: detected: Alert Raised, prevented: Not Prevented`,
    ]);
    expect(sent[0]).toMatchObject({ engagement: 'BURST', engagement_name: 'Acme internal test' });

    const first = jobs[0]!;
    await recordDelivery(
      ctx.services(),
      { ...first, domainEventId: null, type: 'event created', attempt: 1 },
      { ok: true, statusCode: 204, latencyMs: 3, error: null },
    );
    const log = await listDeliveries(ctx.database.db, hookId);
    expect(log.results[0]).toMatchObject({
      message: `Event ${e.id} created in Acme internal test: Dumped LSASS`,
      event_id: e.id,
    });
  });
});
