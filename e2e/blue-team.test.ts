import { describe, expect, it } from 'vitest';
import {
  browserSession,
  completeSetupViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  loginViaUi,
  snap,
} from './support/index.ts';

/**
 * The client's blue team gets read-only access: they must never see administration or credentials,
 * and an admin address they guess shows the 403 page.
 */
describe('a blue team user (Client Blue Team - Read Only)', { timeout: 180_000 }, () => {
  const blue = { username: 'blue.analyst', password: 'blue team passphrase 2026' };
  // Not signed in yet: signing in is the first thing checked.
  const session = browserSession({
    prepare: async (app) => {
      await completeSetupViaApi(app);
      await createUserViaCli(app, {
        ...blue,
        groups: ['Client Blue Team - Read Only'],
        engagements: [DEFAULT_SETUP.engagement.code],
      });
    },
    page: { timezoneId: 'America/New_York' },
  });

  it('is asked for a timezone on first login, with the browser zone pre-selected, and may answer later', async () => {
    const { page } = session.t;
    await loginViaUi(page, blue.username, blue.password);
    const dialog = page.getByRole('dialog', { name: 'Choose your timezone' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Timezone' }).inputValue()).toContain(
      'America/New York',
    );
    await snap(page, '10-blue-timezone-prompt');
    await dialog.getByRole('button', { name: 'Later' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Not answering never blocks the app.
    await page.getByTestId('current-engagement').getByText(DEFAULT_SETUP.engagement.name).waitFor();
  });

  it('sees no administration and no credential area', async () => {
    const { page } = session.t;
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Home', exact: true }).waitFor();
    const navText = await nav.innerText();
    for (const hidden of [
      'Administration',
      'Users & groups',
      'Engagements',
      'Audit log',
      'Backup',
      'Credentials',
    ])
      expect(navText).not.toContain(hidden);
    const main = await page.getByRole('main').innerText();
    expect(main).not.toMatch(/credential|users & groups|audit log|backup/i);
    // Only the engagements they belong to are offered.
    await page.getByRole('combobox', { name: 'Current engagement' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options.map((o) => o.trim())).toEqual([expect.stringContaining(DEFAULT_SETUP.engagement.name)]);
    await page.keyboard.press('Escape');
    await snap(page, '11-blue-home');
  });

  it('gets the 403 page at an admin address', async () => {
    const { page } = session.t;
    for (const path of ['/admin/users', '/admin/engagements', '/admin/audit', '/admin/backup']) {
      await page.goto(path);
      await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    }
    await snap(page, '12-blue-403');
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });

  it('still has their own preferences, password and tokens in the user menu', async () => {
    const { page } = session.t;
    await page.getByTestId('user-menu').click();
    const items = (await page.getByRole('menuitem').allInnerTexts()).map((s) => s.trim());
    expect(items).toEqual(['Preferences', 'Change password', 'Personal tokens', 'Log out']);
    await page.keyboard.press('Escape');
  });

  it('follows the OS light or dark setting while the theme preference is left on its default', async () => {
    const { page } = session.t;
    await page.goto('/');
    await page.getByTestId('user-menu').waitFor();
    const scheme = () => page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
    expect(await scheme()).toBe('light');
    // The OS switches to dark: the open page follows at once, without a reload.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(scheme).toBe('dark');
    await snap(page, '13-blue-home-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(scheme).toBe('light');
  });

  it('reported no console error, uncaught exception or CSP violation on the way', () => {
    expect(session.t.problems).toEqual([]);
  });
});
