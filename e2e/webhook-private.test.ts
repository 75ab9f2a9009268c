import { describe, expect, it } from 'vitest';
import { adminSession, exactLabel } from './support/index.ts';

/** An instance that keeps webhooks off its internal network says so when one is saved, not at delivery. */
describe('saving a webhook to a private address', { timeout: 180_000 }, () => {
  const session = adminSession();

  it('is refused in the form, with the reason and how to allow it', async () => {
    const { page } = session.t;
    session.t.expectConsoleErrors(/status of 400/);
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add webhook' });
    await dialog.getByLabel(exactLabel('URL')).fill('http://10.1.2.3/hook');
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog
      .getByText(/10\.1\.2\.3 is a private, loopback or link-local address/)
      .first()
      .waitFor();
    expect(await dialog.innerText()).toContain('WEBHOOK_ALLOW_PRIVATE=true');
    // Nothing was saved.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('[data-testid^="webhook-"]').filter({ hasText: '10.1.2.3' }).count()).toBe(0);
  });
});
