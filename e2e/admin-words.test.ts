import { startWebhookReceiver, type WebhookReceiver } from '@steppingstones/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, createEventsViaApi, exactLabel } from './support/index.ts';

/**
 * What an administrator reads on the webhook, jobs and audit pages: which types a new webhook sends,
 * what a delivery said and about which event, whether a delivered message can be resent, and an audit
 * log narrowed to what they look for.
 */
describe('webhooks, jobs and audit log, as an administrator reads them', { timeout: 240_000 }, () => {
  // The receiver listens on 127.0.0.1: allow private targets for this instance.
  // The worker runs, so a saved event really goes out through the outbox.
  const session = adminSession({ start: { env: { WEBHOOK_ALLOW_PRIVATE: 'true', WORKER: 'on' } } });
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('a new webhook ticks the event types; its delivery log shows the message and links the event', async () => {
    const { page } = session.t;
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add webhook' });
    expect(await dialog.getByRole('checkbox', { name: 'event created' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'detection changed' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'new beacon' }).isChecked()).toBe(false);
    await dialog.getByLabel(exactLabel('URL')).fill(receiver.url);
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await createEventsViaApi(session.app, [
      {
        timestamp: '2026-11-02T10:00:00Z',
        source: { host: 'kali' },
        target: { host: 'dc01' },
        description: 'Dumped LSASS on DC01',
      },
    ]);
    // The worker fans the change out and delivers it.
    await expect.poll(() => receiver.received.length, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    const sent = receiver.received[0]!.json as { message: string; event_id: number };
    expect(sent.message).toBe(`Event ${sent.event_id} created in ACME Corp red team: Dumped LSASS on DC01`);

    const card = page.locator('[data-testid^="webhook-"]').filter({ hasText: receiver.url });
    await card.getByRole('button', { name: 'Delivery log' }).click();
    const log = card.locator('[data-testid^="deliveries-"]');
    await log.getByText(sent.message).waitFor({ timeout: 30_000 });
    const link = log.getByRole('link', { name: `Open event ${sent.event_id}` });
    expect(await link.getAttribute('href')).toBe(`/events/${sent.event_id}`);
  });

  it('the jobs page offers no Retry on a delivered message and shows whole status words', async () => {
    const { page } = session.t;
    await page.goto('/admin/jobs');
    const row = page.locator('[data-testid^="job-"]').filter({ hasText: 'core:webhook.deliver' }).first();
    const badge = row.getByText('succeeded', { exact: true });
    await badge.waitFor();
    expect(await row.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    // The word is not cut off: its box is as wide as the text.
    const cut = await badge.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(cut).toBe(false);
  });

  it('the audit log filters by user, action, engagement and time, and says when nothing matches', async () => {
    const { page } = session.t;
    await page.goto('/admin/audit');
    const filters = page.getByTestId('audit-filters');
    await filters.getByLabel('Action').fill('webhook');
    await filters.getByLabel('User').fill('admin');
    await page.getByText('webhook.created', { exact: true }).waitFor();
    await page.getByText('Page 1 · 1 entry').waitFor();
    expect(await page.getByRole('cell', { name: receiver.url }).count()).toBe(1);

    await filters.getByLabel('From').fill('2099-01-01T00:00');
    await page.getByText('No entries match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByLabel('Engagement').fill('NOPE');
    await page.getByText('No entries match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // Details read as labelled lines, never as raw JSON.
    const setup = page.getByRole('row').filter({ hasText: 'setup.completed' });
    await setup.getByText('Engagement:').waitFor();
    expect(await setup.innerText()).toContain('ACME-2026');
    expect(await page.locator('table').innerText()).not.toContain('{"');
  });
});
