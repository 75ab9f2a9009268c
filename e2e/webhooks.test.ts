import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '@steppingstones/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, exactLabel } from './support/index.ts';

/** Admin → Webhooks: an administrator adds a webhook and presses Test; the receiver gets a signed message. */
describe('the webhooks page', { timeout: 180_000 }, () => {
  // The receiver listens on 127.0.0.1: allow private targets for this instance.
  const session = adminSession({ start: { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } } });
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('adds a webhook and Test shows the status and latency of a real delivery', async () => {
    const { page } = session.t;
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add webhook' });
    await dialog.getByLabel(exactLabel('URL')).fill(receiver.url);
    await dialog.getByLabel(exactLabel('Secret')).fill('shared-secret');
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const card = page.locator('[data-testid^="webhook-"]').filter({ hasText: receiver.url });
    // A webhook with a secret is marked as signed.
    await card.getByText('signed', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Test' }).click();
    const result = card.getByTestId('webhook-test-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^Delivered · HTTP 200 · \d+ ms$/);

    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.json.type).toBe('new beacon');
    expect(
      verifySignature(got.headers['x-steppingstones-signature'] as string, 'shared-secret', got.body),
    ).toBe(true);

    receiver.statuses.push(503);
    await card.getByRole('button', { name: 'Test' }).click();
    await page.getByText(/^Not delivered · HTTP 503 · \d+ ms/).waitFor();

    await card.getByRole('button', { name: 'Delivery log' }).click();
    const log = card.locator('[data-testid^="deliveries-"]');
    await log.waitFor();
    const text = await log.innerText();
    expect(text).toContain('503');
    expect(text).toContain('200');
    expect(text).toContain('new beacon');
  });

  it('shows the exact body each subscribed type sends, and a delivery’s body from the log', async () => {
    const { page } = session.t;
    const card = page.locator('[data-testid^="webhook-"]').filter({ hasText: receiver.url });
    await card.getByRole('button', { name: 'Example body', exact: true }).click();
    // The new webhook is ticked for the event types: each shows the JSON as the sender builds it.
    const created = card.getByLabel('Example body: event created');
    await created.waitFor();
    const body = JSON.parse(await created.innerText()) as Record<string, unknown>;
    expect(Object.keys(body).slice(0, 3)).toEqual(['type', 'message', 'event_id']);
    expect(body.type).toBe('event created');
    expect(String(body.message)).toMatch(/^Event 1042 created in .+: Kerberoasted svc_sql from WS042$/);
    expect(await card.getByLabel('Example body: new beacon').count()).toBe(0);

    // A Test delivery's body is the example's shape, sent at once; the log says so.
    const log = card.locator('[data-testid^="deliveries-"]');
    // Still open from the test before when run together.
    if ((await log.count()) === 0) await card.getByRole('button', { name: 'Delivery log' }).click();
    await log.getByRole('button', { name: 'Body', exact: true }).first().click();
    await log.getByText(/A Test message is sent at once/).waitFor();
  });
});
