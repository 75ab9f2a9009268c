import { describe, expect, it } from 'vitest';
import { browserSession, exactLabel, loginViaUi, logoutViaUi, snap } from './support/index.ts';

/**
 * The first hour of a new instance, as its administrator lives it: setup token → wizard → sign in →
 * a second engagement → switch to it → preferences → log out. One app and one page for the whole
 * story; every step asserts what the user sees, and any console error or CSP violation fails it.
 */
describe('first run, as the administrator', { timeout: 180_000 }, () => {
  const session = browserSession({ page: { timezoneId: 'Europe/Berlin' } });
  const admin = { username: 'alice', password: 'a long and unusual passphrase 42' };

  it('sends every address to the setup wizard, which refuses a wrong token on step 1', async () => {
    const { page } = session.t;
    await page.goto('/admin/users');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: "Welcome: let's set up Stepping Stones" }).waitFor();
    await snap(page, '01-setup-token');

    await page.getByLabel(exactLabel('Setup token')).fill('not-the-token');
    await page.getByRole('button', { name: 'Next' }).click();
    // Said at once, on the token's own step (and without a failed request in the console).
    await page.getByText('This is not the setup token.', { exact: false }).waitFor();
    expect(await page.getByLabel(exactLabel('Code')).count()).toBe(0);
    expect(await page.getByLabel(exactLabel('Setup token')).inputValue()).toBe('not-the-token');
  });

  it('shows the password rules up front and names the field by its label when one bites', async () => {
    const { page } = session.t;
    await page.getByLabel(exactLabel('Setup token')).fill(session.app.setupToken());
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel(exactLabel('Code')).fill('ACME-2026');
    await page.getByLabel(exactLabel('Name')).fill('ACME Corp red team');
    await page.getByLabel(exactLabel('Start date')).fill('2026-11-02');
    await page.getByLabel(exactLabel('Start date')).press('Tab');
    await page.getByLabel(exactLabel('End date')).fill('2026-12-18');
    await page.getByLabel(exactLabel('End date')).press('Tab');
    await page.getByRole('button', { name: 'Next' }).click();
    // The rules are on screen before anything is typed, with the length the server enforces.
    await page
      .getByText(/At least 10 characters, not only digits, not a common password and not like the username/)
      .waitFor();
    // A password like the username passes the browser's checks and is refused by the server.
    session.t.expectConsoleErrors(/status of 400/);
    await page.getByLabel(exactLabel('Username')).fill(admin.username);
    await page.getByLabel(exactLabel('Password')).fill('alice-alice-alice');
    await page.getByLabel(exactLabel('Password again')).fill('alice-alice-alice');
    await page.getByRole('button', { name: 'Create engagement and administrator' }).click();
    await page.getByText('Password is too similar to the username.').first().waitFor();
    expect(await page.locator('body').innerText()).not.toContain('user.password');
  });

  it('creates the engagement and the administrator, with the browser timezone pre-selected', async () => {
    const { page } = session.t;
    expect(await page.getByRole('combobox', { name: 'Timezone' }).inputValue()).toContain('Europe/Berlin');
    await page.getByLabel(exactLabel('Password')).fill(admin.password);
    await page.getByLabel(exactLabel('Password again')).fill(admin.password);
    await snap(page, '02-setup-admin');
    await page.getByRole('button', { name: 'Create engagement and administrator' }).click();

    await page.waitForURL('**/login');
    await page.getByText('Sign in with the administrator account you just created.').waitFor();
    // Setup is over: the wizard is gone for good.
    await page.goto('/setup');
    await page.waitForURL('**/login');
  });

  it('refuses a wrong password with the server message, then signs in', async () => {
    const { page } = session.t;
    session.t.expectConsoleErrors(/status of 401/);
    await page.getByLabel(exactLabel('Username')).fill(admin.username);
    await page.getByLabel(exactLabel('Password')).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText("Your username and password didn't match. Please try again.").waitFor();

    await loginViaUi(page, admin.username, admin.password);
    await page.getByRole('heading', { name: `Welcome, ${admin.username}` }).waitFor();
    const current = page.getByTestId('current-engagement');
    expect(await current.innerText()).toContain('ACME Corp red team');
    // The administrator sees every admin area.
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const area of ['Users & groups', 'Engagements', 'Audit log', 'Backup'])
      await nav.getByRole('link', { name: area }).waitFor();
    // The timezone was chosen in the wizard, so nobody asks again.
    expect(await page.getByText('Choose your timezone').count()).toBe(0);
    await snap(page, '03-home-admin');
  });

  it('creates a second engagement from the admin page', async () => {
    const { page } = session.t;
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Engagements' })
      .click();
    await page.getByRole('button', { name: 'New engagement' }).click();
    const dialog = page.getByRole('dialog', { name: 'New engagement' });
    await dialog.getByLabel(exactLabel('Code')).fill('GLOBEX-Q1');
    await dialog.getByLabel(exactLabel('Name')).fill('Globex assumed breach');
    await dialog.getByLabel(exactLabel('Start date')).fill('2027-01-10');
    await dialog.getByLabel(exactLabel('Start date')).press('Tab');
    await dialog.getByLabel(exactLabel('End date')).fill('2027-01-05');
    await dialog.getByLabel(exactLabel('End date')).press('Tab');
    await dialog.getByRole('button', { name: 'Create engagement' }).click();
    // Checked before sending: the end can't precede the start.
    await dialog.getByText('End date can not be before the start date.').waitFor();
    await dialog.getByLabel(exactLabel('End date')).fill('2027-02-26');
    await dialog.getByLabel(exactLabel('End date')).press('Tab');
    await dialog.getByRole('button', { name: 'Create engagement' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'GLOBEX-Q1' }).waitFor();
    expect(await page.getByRole('row', { name: /GLOBEX-Q1/ }).innerText()).toContain('Globex assumed breach');
    await snap(page, '04-engagements');
  });

  it('switches the current engagement, and the choice survives a reload', async () => {
    const { page } = session.t;
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('combobox', { name: 'Current engagement' }).click();
    await page.getByRole('option', { name: /Globex assumed breach/ }).click();
    await page.getByText('Now working in Globex assumed breach.').waitFor();
    await page.getByTestId('current-engagement').getByText('Globex assumed breach').waitFor();

    await page.reload();
    await page.getByTestId('current-engagement').getByText('Globex assumed breach').waitFor();
    expect(await page.getByRole('combobox', { name: 'Current engagement' }).inputValue()).toBe(
      'Globex assumed breach',
    );
  });

  it('saves the timezone and the dark theme in the preferences', async () => {
    const { page } = session.t;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Preferences' }).click();
    await page.getByRole('heading', { name: 'Preferences' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Timezone' }).inputValue()).toContain('Europe/Berlin');

    await page.getByRole('combobox', { name: 'Timezone' }).fill('Tokyo');
    await page.getByRole('option', { name: /Asia\/Tokyo/ }).click();
    await page.getByText('Dark', { exact: true }).click();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.mantineColorScheme === 'dark');
    await snap(page, '05-preferences-dark');

    await page.reload();
    await page.getByRole('heading', { name: 'Preferences' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Timezone' }).inputValue()).toContain('Asia/Tokyo');
    expect(await page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark');
  });

  it('purges an engagement only after its code is typed', async () => {
    const { page } = session.t;
    await page.goto('/admin/engagements/GLOBEX-Q1');
    await page.getByRole('button', { name: 'Purge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purge Globex assumed breach?' });
    const confirm = dialog.getByRole('button', { name: 'Delete everything' });
    await dialog.getByLabel('Engagement code').fill('GLOBEX');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Engagement code').fill('GLOBEX-Q1');
    await confirm.click();
    await page.waitForURL('**/admin/engagements');
    await page.getByRole('link', { name: 'ACME-2026' }).waitFor();
    expect(await page.getByRole('link', { name: 'GLOBEX-Q1' }).count()).toBe(0);
    // Gone from the switcher too.
    await page.getByRole('combobox', { name: 'Current engagement' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options.join(' ')).not.toContain('Globex');
    await page.keyboard.press('Escape');
  });

  it('logs out: the app is closed until the user signs in again', async () => {
    const { page } = session.t;
    await logoutViaUi(page);
    await page.getByText('You are logged out.').waitFor();
    await page.goto('/admin/engagements');
    await page.waitForURL('**/login');
    // The URL changes before the login page has rendered: wait for the form itself.
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('reported no console error, uncaught exception or CSP violation on the way', () => {
    expect(session.t.problems).toEqual([]);
  });
});
