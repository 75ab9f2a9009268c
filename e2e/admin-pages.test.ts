import fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminSession, DEFAULT_SETUP, exactLabel, loginViaUi, logoutViaUi, snap } from './support/index.ts';

/** A Mantine Select's input: a combobox, or a textbox when it is searchable. */
function selectInput(scope: Locator, name: string): Locator {
  return scope
    .getByRole('combobox', { name, exact: true })
    .or(scope.getByRole('textbox', { name, exact: true }));
}

/** The error shown under a labelled field, once there is one (Mantine names it after the input). */
async function fieldError(scope: Locator, label: string): Promise<string> {
  const id = await scope.getByLabel(exactLabel(label)).getAttribute('id');
  const error = scope.locator(`[id="${id}-error"]`);
  await error.waitFor();
  return (await error.innerText()).trim();
}

/** What an administrator does in the admin pages, checked by what the affected users then see. */
describe('the admin pages', { timeout: 180_000 }, () => {
  const session = adminSession();
  const { admin, engagement } = DEFAULT_SETUP;
  const operator = { username: 'op.one', password: 'first operator passphrase' };

  it('creates an operator with a role in an engagement', async () => {
    const { page } = session.t;
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel(exactLabel('Username')).fill(operator.username);
    await dialog.getByLabel(exactLabel('Display name')).fill('Olivia Operator');
    await dialog.getByLabel(exactLabel('Password')).fill(operator.password);
    await dialog.getByLabel(exactLabel('Password again')).fill(operator.password);
    // A membership: the engagement first, then the role the operator holds in it.
    await selectInput(dialog, 'Add an engagement').click();
    await page.getByRole('option', { name: new RegExp(engagement.code) }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await selectInput(dialog, `Role in ${engagement.code}`).click();
    await page.getByRole('option', { name: 'Red Team Operators' }).click();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId(`user-row-${operator.username}`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Red Team Operators');
    expect(text).toContain(engagement.code);
    await snap(page, '20-users');
  });

  it("edits a user's display name, keeping their engagements and roles", async () => {
    const { page } = session.t;
    await page.getByRole('button', { name: `Actions for ${operator.username}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${operator.username}` });
    const name = dialog.getByLabel(exactLabel('Display name'));
    expect(await name.inputValue()).toBe('Olivia Operator');
    await name.fill('Olivia O.');
    await dialog.getByRole('button', { name: 'Save user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId(`user-row-${operator.username}`);
    await row.getByText('Olivia O.').waitFor();
    expect(await row.innerText()).toContain('Red Team Operators');
  });

  it("checks a new user's password before sending, by the server's own rules", async () => {
    const { page } = session.t;
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel(exactLabel('Username')).fill('op.two');
    await dialog.getByLabel(exactLabel('Password')).fill('short one');
    await dialog.getByLabel(exactLabel('Password again')).fill('short one');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    // The shared rule (10 characters, as the server says), shown under the field; nothing was created.
    expect(await fieldError(dialog, 'Password')).toBe('Must be at least 10 characters long.');
    await dialog.getByLabel(exactLabel('Password')).fill('long enough passphrase');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    expect(await fieldError(dialog, 'Password again')).toBe("The two passwords don't match.");
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('user-row-op.two').count()).toBe(0);
  });

  it('shows a password rejected by the server next to the field', async () => {
    const { page } = session.t;
    await page.getByRole('button', { name: `Actions for ${operator.username}` }).click();
    await page.getByRole('menuitem', { name: 'Reset password' }).click();
    const dialog = page.getByRole('dialog', { name: `Reset the password of ${operator.username}` });
    await dialog.getByLabel(exactLabel('New password')).fill('123');
    await dialog.getByLabel(exactLabel('New password again')).fill('123');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    // The rule the browser knows is checked before sending...
    expect(await fieldError(dialog, 'New password')).toBe('Must be at least 10 characters long.');
    // ...and the one only the server knows comes back in its own words (a 400), beside the same field.
    session.t.expectConsoleErrors(/status of 400/);
    await dialog.getByLabel(exactLabel('New password')).fill('password123');
    await dialog.getByLabel(exactLabel('New password again')).fill('password123');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await dialog.locator('.mantine-InputWrapper-error').first().waitFor();
    expect(await fieldError(dialog, 'New password')).toBe('Is too common; choose another.');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates a personal token, shows it once, then revokes it', async () => {
    const { page } = session.t;
    await page.goto('/tokens');
    await page.getByText('You have no personal tokens.').waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(exactLabel('Name')).fill('C2 log shipper');
    await dialog.getByRole('combobox', { name: 'Permissions' }).click();
    await page.getByRole('option', { name: 'event.add', exact: true }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secret = await dialog.getByTestId('token-secret').innerText();
    expect(secret.trim().length).toBeGreaterThan(20);
    await snap(page, '21-token-created');
    // The secret works as a bearer token.
    const me = await fetch(`${session.app.url}/api/v1/engagements/`, {
      headers: { authorization: `Bearer ${secret.trim()}` },
    });
    expect(me.status).toBe(200);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Listed without the secret.
    const row = page.getByRole('row', { name: /C2 log shipper/ });
    expect(await row.innerText()).not.toContain(secret.trim());

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Token C2 log shipper revoked.').waitFor();
    const after = await fetch(`${session.app.url}/api/v1/engagements/`, {
      headers: { authorization: `Bearer ${secret.trim()}` },
    });
    expect(after.status).toBe(401);
  });

  it('records it all in the audit log', async () => {
    const { page } = session.t;
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const table = await page.getByRole('table').innerText();
    expect(table).toContain(operator.username);
    expect(table).toMatch(/token/i);
    await snap(page, '22-audit');
  });

  it('downloads a backup after asking the password again', async () => {
    const { page } = session.t;
    await page.goto('/admin/backup');
    // The wrong password answers 400, which Chromium logs.
    session.t.expectConsoleErrors(/status of 400/);
    await page.getByLabel(exactLabel('Your password')).fill('not my password');
    await page.getByRole('button', { name: 'Download backup' }).click();
    await page.getByRole('alert').waitFor();

    await page.getByLabel(exactLabel('Your password')).fill(admin.password);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download backup' }).click(),
    ]);
    const file = await download.path();
    // A SQLite database file starts with this header.
    expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    await page.getByText(/Backup saved as/).waitFor();
  });

  it('archives an engagement: it shows as archived, read-only, to its members', async () => {
    const { page } = session.t;
    await page.goto(`/admin/engagements/${engagement.code}`);
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await page.getByText('Archived: read-only').first().waitFor();
    await snap(page, '23-engagement-archived');

    await logoutViaUi(page);
    await loginViaUi(page, operator.username, operator.password);
    await page.getByTestId('current-engagement').getByText('Archived: read-only').waitFor();
    expect(await page.getByTestId('archived-banner').innerText()).toContain('everything in it is read-only');
    // A user created by an admin has not chosen a timezone yet: the browser's is offered.
    const prompt = page.getByRole('dialog', { name: 'Choose your timezone' });
    await prompt.getByRole('button', { name: 'Save timezone' }).click();
    await prompt.waitFor({ state: 'hidden' });
  });

  it('lets a user change their own password and keep working in this browser', async () => {
    const { page } = session.t;
    const newPassword = 'a brand new operator passphrase';
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    await page.getByLabel(exactLabel('Current password')).fill(operator.password);
    await page.getByLabel(exactLabel('New password')).fill(newPassword);
    await page.getByLabel(exactLabel('New password again')).fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed.').waitFor();
    // The session was re-issued with a new CSRF token: a write from this page still goes through.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Preferences' }).click();
    await page.getByText('Light', { exact: true }).click();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    // And the old password is gone.
    const old = await fetch(`${session.app.url}/api/v1/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: operator.username, password: operator.password }),
    });
    expect(old.status).toBe(401);
  });

  it('reported no console error, uncaught exception or CSP violation on the way', () => {
    expect(session.t.problems).toEqual([]);
  });
});
