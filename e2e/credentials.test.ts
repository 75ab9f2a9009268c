import { describe, expect, it } from 'vitest';
import { adminSession, createUserViaCli, DEFAULT_SETUP, signedInPage } from './support/index.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const BOB = '8846f7eaee8fb117ad06bdd830b7586c';
const DUMP = [
  'Impacket v0.12.0 - Copyright Fortra, LLC and its affiliated companies',
  '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
  `CORP\\bob:1104:${LM0}:${BOB}:::`,
  `CORP\\alice:1105:${LM0}:${'1'.repeat(32)}:::`,
  `CORP\\WS01$:1106:${LM0}:${'2'.repeat(32)}:::`,
  'this is not a dump line',
].join('\n');

/** The vault in a browser: import a dump, paste cracks, and watch the list change. */
describe('the credential vault page', { timeout: 240_000 }, () => {
  const session = adminSession({ page: { timezoneId: 'UTC' } });

  it('imports a dump by file, then pasted cracks fill the secret, revealed on demand', async () => {
    const { page } = session.t;
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Credentials' })
      .click();
    await page.getByRole('heading', { name: 'Credentials' }).waitFor();
    await page.getByText('No credentials yet').waitFor();

    await page.getByRole('button', { name: 'Import dump' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a credential dump' });
    await dialog
      .getByLabel('Dump file')
      .setInputFiles({ name: 'ntds.txt', mimeType: 'text/plain', buffer: Buffer.from(DUMP) });
    const result = dialog.getByLabel('Import result');
    await result.getByText('3 new hashes').waitFor();
    await result.getByText('line 6: is not a secretsdump line', { exact: false }).waitFor();
    await result.getByRole('button', { name: 'Download rejected lines' }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const grid = page.getByTestId('credential-grid');
    await grid.getByText('WS01$').waitFor();
    expect(await page.getByLabel('Credential count').innerText()).toBe('3 credentials');
    expect(await grid.getByText('NTLM not cracked').count()).toBe(3);

    await page.getByRole('button', { name: 'Import cracked hashes' }).click();
    const cracks = page.getByRole('dialog', { name: 'Import cracked hashes' });
    await cracks.getByLabel('Cracked hashes').fill(`${BOB.toUpperCase()}:Password1\n`);
    await cracks.getByRole('button', { name: 'Import pasted cracks' }).click();
    await cracks.getByText('1 hash cracked, 1 credential filled in').waitFor();
    await cracks.getByRole('button', { name: 'Done' }).click();

    // Mantine draws the segment's label over a visually hidden radio: click what the user sees.
    await page.locator('label', { hasText: /^Cracked$/ }).click();
    await page.getByLabel('Credential count').getByText('1 credential').waitFor();
    await grid.getByRole('button', { name: 'Reveal the secret of bob' }).click();
    expect(await grid.getByTestId('revealed-secret').innerText()).toBe('Password1');
    expect(session.t.problems).toEqual([]);
  });

  it('is not there for the blue team: no menu entry, and the address shows the 403 page', async () => {
    const blue = { username: 'blue.vault', password: 'blue team passphrase 2026' };
    await createUserViaCli(session.app, {
      ...blue,
      groups: ['Client Blue Team - Read Only'],
      engagements: [DEFAULT_SETUP.engagement.code],
    });
    const { page, problems } = await signedInPage(session.browser, session.app, blue, {
      timezonePrompt: 'later',
    });
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Home', exact: true }).waitFor();
    expect(await nav.innerText()).not.toContain('Credentials');
    await page.goto('/credentials');
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
