import { describe, expect, it } from 'vitest';
import {
  browserSession,
  completeSetupViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  loginViaUi,
  signedInPage,
  snap,
} from './support/index.ts';

/**
 * An Engagement Lead runs their engagement's membership: they add an existing account as the client's
 * blue team, and that user then sees exactly that engagement (not the other one on the instance).
 */
describe('an Engagement Lead adds a blue team member', { timeout: 300_000 }, () => {
  const lead = { username: 'lena.lead', password: 'lead passphrase for acme 2026' };
  const client = { username: 'sam.client', password: 'client passphrase for acme 26' };
  const code = DEFAULT_SETUP.engagement.code;
  const session = browserSession({
    prepare: async (app) => {
      await completeSetupViaApi(app);
      const other = await app.cli(
        [
          'engagement',
          'create',
          '--code',
          'OTHER-2026',
          '--name',
          'Other client',
          '--start',
          '2026-01-01',
          '--end',
          '2026-12-31',
        ],
        '',
      );
      expect(other.code).toBe(0);
      await app.cli(
        [
          'createuser',
          '--username',
          lead.username,
          '--password-stdin',
          '--engagement',
          code,
          '--role',
          'lead',
        ],
        `${lead.password}\n`,
      );
      // An account of nowhere yet: the lead adds it by username.
      await createUserViaCli(app, client);
    },
    page: { timezoneId: 'UTC' },
  });

  it('the lead adds the user from the Members page with the Read Only role', async () => {
    const { page } = session.t;
    await loginViaUi(page, lead.username, lead.password);
    const prompt = page.getByRole('dialog', { name: 'Choose your timezone' });
    await prompt.getByRole('button', { name: 'Later' }).click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('heading', { name: `Members of ${code}` }).waitFor();

    const form = page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Username').fill(client.username);
    await form.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Client Blue Team - Read Only' }).click();
    await form.getByRole('button', { name: 'Add member' }).click();

    const row = page.locator(`[data-member="${client.username}"]`);
    await row.waitFor();
    expect(await row.getByRole('combobox', { name: `Role of ${client.username}` }).inputValue()).toBe(
      'Client Blue Team - Read Only',
    );
    await snap(page, '60-lead-members');
    // The lead administers nothing beyond their engagement.
    expect(await nav.innerText()).not.toMatch(/Plugins|Backup/);
  });

  it('the new member signs in and sees exactly that engagement', async () => {
    const t = await signedInPage(session.browser, session.app, client, { timezonePrompt: 'later' });
    try {
      const { page } = t;
      await page.getByRole('combobox', { name: 'Current engagement' }).click();
      const options = await page.getByRole('option').allInnerTexts();
      expect(options.map((o) => o.trim())).toEqual([expect.stringContaining(DEFAULT_SETUP.engagement.name)]);
      await page.keyboard.press('Escape');
      const me = await page.evaluate(async () => {
        const res = await fetch('/api/v1/auth/me/');
        return (await res.json()) as { user: { engagements: Array<{ code: string; role: string }> } };
      });
      expect(me.user.engagements).toEqual([expect.objectContaining({ code, role: 'blue-read-only' })]);
      const nav = await page.getByRole('navigation', { name: 'Main navigation' }).innerText();
      expect(nav).not.toMatch(/Members|Credentials|Users & groups/);
      await snap(page, '61-blue-member-home');
      expect(t.problems).toEqual([]);
    } finally {
      await t.close();
    }
    expect(session.t.problems).toEqual([]);
  });
});
