import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminSession, createEventsViaApi, DEFAULT_SETUP } from './support/index.ts';

/**
 * A red teamer marks the attacker VPS as the team's own host in the event form's shared edit; the IOC
 * report then lists it under "Red team infrastructure" and no longer among the client's external hosts.
 */
describe('red team infrastructure in the IOC report', { timeout: 180_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const VPS = '139.59.1.2';
  const session = adminSession({
    prepare: (app) =>
      createEventsViaApi(app, [
        {
          timestamp: '2026-11-03T10:00:00Z',
          source: { host: VPS, user: 'op' },
          target: { host: 'WS-042' },
          description: 'Initial access from the VPS',
        },
      ]),
  });
  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const redTeamSection = async (page: Page) => {
    await page.goto(`/reports/markdown-reports/markdown-ioc-report?engagement=${ENG}`);
    const text = (await page.getByTestId('report-text').textContent()) ?? '';
    const part = (title: string) => text.split(`# ${title}`)[1]?.split('\n# ')[0] ?? '';
    return { red: part('Red team infrastructure'), external: part('External Infrastructure') };
  };

  it('marks a host with the shared edit and finds it under "Red team infrastructure"', async () => {
    const { page } = session.t;
    const before = await redTeamSection(page);
    expect(before.external).toContain(VPS);
    expect(before.red).toBe('');

    await page.goto('/events');
    await row(page, 'Initial access from the VPS')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    const form = page.getByRole('dialog', { name: 'Edit event' });
    await form.getByRole('button', { name: 'Edit shared…' }).first().click();
    const box = form.getByLabel(
      "Red team infrastructure: the source context's host (attacker VPS, cracking box)",
    );
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });

    const after = await redTeamSection(page);
    expect(after.red).toContain(VPS);
    expect(after.external).not.toContain(VPS);
  });
});
