import { appendDomainEvent } from '@steppingstones/core/outbox';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../service-context.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { createWebhook } from './webhook.service.ts';
import { fanOutWebhooks } from './webhook-fanout.ts';

/**
 * An engagement's webhook hears only that engagement (its lead made it; another engagement's messages
 * would leak to them); an instance webhook hears every engagement. Each delivery job carries the
 * engagement it concerns, so the Jobs page of a lead never shows another engagement's payloads.
 */
describe.each(testDialects())('webhook scope on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(() => ctx.dispose());

  it('delivers an engagement webhook only its engagement’s messages, an instance webhook all', async () => {
    const { engagementIds } = await arrangeOperator(ctx.services(), ['ALPHA', 'BRAVO']);
    const [alpha, bravo] = engagementIds as [number, number];
    const types = ['event created' as const];
    const alphaHook = await createWebhook(
      ctx.services(),
      { url: 'https://a.example/h', types },
      { userId: null },
      alpha,
    );
    const bravoHook = await createWebhook(
      ctx.services(),
      { url: 'https://b.example/h', types },
      { userId: null },
      bravo,
    );
    const instanceHook = await createWebhook(ctx.services(), { url: 'https://i.example/h', types });
    await writeTransaction(ctx.database.db, async (tx) => {
      for (const [engagementId, eventId] of [
        [alpha, 1],
        [bravo, 2],
      ] as const)
        await appendDomainEvent(inTransaction(ctx.services(), tx), {
          type: 'event.created',
          engagementId,
          payload: { eventId, description: `secret plan ${eventId}` },
        });
    });
    await fanOutWebhooks(ctx.services());
    const jobs = await ctx.database.db
      .selectFrom('job')
      .select(['payload', 'engagement_id'])
      .orderBy('id')
      .execute();
    const deliveries = jobs.map((j) => {
      const p = JSON.parse(j.payload) as { webhookId: number; body: string };
      return [p.webhookId, Number(j.engagement_id), JSON.parse(p.body).engagement];
    });
    expect(deliveries.sort()).toEqual(
      [
        [alphaHook.id, alpha, 'ALPHA'],
        [instanceHook.id, alpha, 'ALPHA'],
        [bravoHook.id, bravo, 'BRAVO'],
        [instanceHook.id, bravo, 'BRAVO'],
      ].sort(),
    );
  });
});
