import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendDomainEvent } from '@steppingstones/core/outbox';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedEvents } from '../events/testing/index.ts';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { hashPassword, insertUser } from '../users/index.ts';
import { isPrivateAddress } from './ssrf-guard.ts';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from './testing/receiver.ts';
import { listDeliveries } from './webhook.queries.ts';
import { createWebhook, updateWebhook } from './webhook.service.ts';
import { testWebhook } from './webhook-delivery.ts';
import { fanOutWebhooks } from './webhook-fanout.ts';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from './webhook-http.ts';

/** A fixed send time: the signature's timestamp in these tests does not depend on the wall clock. */
const SENT_AT = Date.UTC(2026, 2, 1, 10);

describe('the SSRF guard', () => {
  it('refuses loopback, private, link-local and unique-local addresses, and allows public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '::127.0.0.1',
      '2002:7f00:1::1',
      '64:ff9b:1::a00:1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('does not connect to a loopback target unless private targets are allowed', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const post = { secret: '', body: '{}', deliveryId: crypto.randomUUID(), sentAt: SENT_AT };
      const literal = await postWebhook({ ...post, url: receiver.url, allowPrivate: false });
      expect(literal.ok).toBe(false);
      expect(literal.error).toContain('WEBHOOK_ALLOW_PRIVATE=true');
      // A name is resolved and every address checked before connecting.
      const named = await postWebhook({
        ...post,
        url: receiver.url.replace('127.0.0.1', 'localhost'),
        allowPrivate: false,
      });
      expect(named.ok).toBe(false);
      expect(named.error).toContain('resolves to');
      expect(receiver.received).toHaveLength(0);
      const allowed = await postWebhook({ ...post, url: receiver.url, allowPrivate: true });
      expect(allowed.ok).toBe(true);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});

describe('a webhook POST', () => {
  it('gives up on a receiver that never answers at its deadline (10 s unless told)', async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(10_000);
    // Accepts the connection, reads the request, never answers.
    const silent = http.createServer((req) => req.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const result = await postWebhook({
        url: `http://127.0.0.1:${port}/hook`,
        secret: '',
        body: '{}',
        deliveryId: crypto.randomUUID(),
        allowPrivate: true,
        sentAt: SENT_AT,
        timeoutMs: 300,
      });
      expect(result).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'No answer within 0.3 s (timed out).',
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe.each(testDialects())('webhooks on %s', (dialect) => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    ctx = await createTestContext(dialect, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await ctx.dispose();
  });

  it('never returns the secret, only whether there is one', async () => {
    const hook = await createWebhook(ctx.services(), {
      url: receiver.url,
      secret: 's3cret',
      types: ['event created'],
    });
    expect(hook).not.toHaveProperty('secret');
    expect(hook.has_secret).toBe(true);
    expect(JSON.stringify(hook)).not.toContain('s3cret');
    expect((await updateWebhook(ctx.services(), hook.id, { enabled: false })).has_secret).toBe(true);
    expect((await updateWebhook(ctx.services(), hook.id, { secret: '' })).has_secret).toBe(false);
  });

  it('Test delivers at once with a verifiable signature and logs status and latency', async () => {
    const hook = await createWebhook(ctx.services(), {
      url: receiver.url,
      secret: 's3cret',
      types: ['new beacon'],
    });
    const result = await testWebhook(ctx.services(), ctx.config, hook.id);
    expect(result).toMatchObject({ ok: true, status_code: 200, error: null });
    expect(result.latency_ms).toBeGreaterThanOrEqual(0);
    const [got] = receiver.received;
    expect(got!.json).toMatchObject({
      type: 'new beacon',
      message: 'New beacon for user on computer (process.exe) received on Dummy Team Server',
    });
    expect(got!.headers['x-steppingstones-delivery']).toBe(result.delivery_id);
    expect(verifySignature(got!.headers['x-steppingstones-signature'] as string, 's3cret', got!.body)).toBe(
      true,
    );
    expect(verifySignature(got!.headers['x-steppingstones-signature'] as string, 'wrong', got!.body)).toBe(
      false,
    );
    const log = await listDeliveries(ctx.database.db, hook.id);
    expect(log.results).toMatchObject([
      { status_code: 200, ok: true, attempt: 1, delivery_id: result.delivery_id },
    ]);
  });

  it('Test reports a refused target and a failing receiver', async () => {
    receiver.statuses.push(500);
    const hook = await createWebhook(ctx.services(), { url: receiver.url, types: ['new beacon'] });
    const failed = await testWebhook(ctx.services(), ctx.config, hook.id);
    expect(failed).toMatchObject({ ok: false, status_code: 500, error: 'The receiver answered HTTP 500.' });
    expect(receiver.received[0]!.headers['x-steppingstones-signature']).toBeUndefined();
    const refused = await testWebhook(ctx.services(), { webhookAllowPrivate: false }, hook.id);
    expect(refused.ok).toBe(false);
    expect(refused.status_code).toBeNull();
    expect(refused.error).toContain('WEBHOOK_ALLOW_PRIVATE');
  });

  it('queues one delivery per matching webhook and outbox event, once', async () => {
    const { id: engagementId } = await ctx.database.db
      .insertInto('engagement')
      .values({
        code: 'ACME',
        name: 'Acme',
        description: '',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
        archived: 0,
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await createWebhook(ctx.services(), { url: receiver.url, types: ['event created'] });
    const all = await createWebhook(ctx.services(), {
      url: `${receiver.url}?all`,
      types: ['event created', 'detection changed'],
    });
    await writeTransaction(ctx.database.db, async (tx) => {
      await appendDomainEvent(inTransaction(ctx.services(), tx), {
        type: 'event.created',
        engagementId: Number(engagementId),
        payload: { eventId: 7, description: 'Ran whoami\nmore' },
      });
      await appendDomainEvent(inTransaction(ctx.services(), tx), {
        type: 'engagement.updated',
        engagementId: Number(engagementId),
      });
      await appendDomainEvent(inTransaction(ctx.services(), tx), {
        type: 'event.detection_changed',
        engagementId: Number(engagementId),
        payload: { eventId: 7, from: 'N/A', to: 'FUL' },
      });
    });
    await fanOutWebhooks(ctx.services());
    await fanOutWebhooks(ctx.services());
    const jobs = await ctx.database.db.selectFrom('job').selectAll().orderBy('id').execute();
    const queued = jobs.map((j) => JSON.parse(j.payload) as { webhookId: number; body: string });
    expect(queued.map((q) => [q.webhookId, JSON.parse(q.body).type])).toEqual([
      [created.id, 'event created'],
      [all.id, 'event created'],
      [all.id, 'detection changed'],
    ]);
    const body = JSON.parse(queued[0]!.body);
    expect(body).toMatchObject({
      message: 'Event 7 created in Acme: Ran whoami',
      engagement: 'ACME',
      event_id: 7,
    });
    expect(body.time).toMatch(/Z$/);
    expect(JSON.parse(queued[2]!.body).message).toBe(
      'Detection of event 7 in Acme changed from Not Applicable to Alert Raised',
    );
  });

  it('masks credentials in the description a message carries (it leaves the app)', async () => {
    const { id: engagementId } = await ctx.database.db
      .insertInto('engagement')
      .values({
        code: 'ACME',
        name: 'Acme',
        description: '',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
        archived: 0,
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const operator = await writeTransaction(ctx.database.db, async (tx) =>
      insertUser(
        inTransaction(ctx.services(), tx),
        {
          username: 'op',
          password: 'a long enough password',
          memberships: [{ engagement: 'ACME', role: 'blue-read-only' }],
        },
        await hashPassword('a long enough password'),
      ),
    );
    const { ids } = await seedEvents(ctx.database, {
      engagementId: Number(engagementId),
      operatorUserId: Number(operator.id),
      count: 1,
    });
    await ctx.database.db
      .updateTable('event')
      .set({ description: 'Logged in to DC01 with password: Winter2026! as svc_sql' })
      .where('id', '=', ids[0])
      .execute();
    await createWebhook(ctx.services(), { url: receiver.url, types: ['event created'] });
    await writeTransaction(ctx.database.db, (tx) =>
      appendDomainEvent(inTransaction(ctx.services(), tx), {
        type: 'event.created',
        engagementId: Number(engagementId),
        payload: { eventId: ids[0] },
      }),
    );
    await fanOutWebhooks(ctx.services());
    const [job] = await ctx.database.db.selectFrom('job').select('payload').execute();
    const body = JSON.parse((JSON.parse(job!.payload) as { body: string }).body) as { message: string };
    expect(body.message).toContain('Logged in to DC01 with password');
    expect(body.message).not.toContain('Winter2026!');
    expect(body.message).toContain('«redacted»');
  });
});
