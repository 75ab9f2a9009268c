import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '@steppingstones/core/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeSetupViaApi,
  DEFAULT_SETUP,
  exactLabel,
  launchBrowser,
  loginViaUi,
  newPage,
  type RunningApp,
  START_TIMEOUT,
  startApp,
  type TestPage,
} from './support/index.ts';

/** Admin → Webhooks: an administrator adds a webhook and presses Test; the receiver gets a signed message. */
describe('the webhooks page', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let t: TestPage;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The receiver listens on 127.0.0.1: allow private targets for this instance.
    app = await startApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    await completeSetupViaApi(app);
    browser = await launchBrowser();
    t = await newPage(browser, app);
    await loginViaUi(t.page, DEFAULT_SETUP.admin.username, DEFAULT_SETUP.admin.password);
  }, START_TIMEOUT);

  afterAll(async () => {
    await t?.close();
    await browser?.close();
    await app?.stop();
    await receiver?.close();
  });

  it('adds a webhook and Test shows the status and latency of a real delivery', async () => {
    const { page } = t;
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
});
