import { describe, expect, it } from 'vitest';
import {
  adminAccessToken,
  adminSession,
  createEventsViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  signedInPage,
} from './support/index.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const HASH = '64f12cddaa88057e06a81b54e73b949b';

/** Credentials in the rest of the app: the event form's user fields and an event's own credentials. */
describe('credentials in the event form and per event', { timeout: 240_000 }, () => {
  const session = adminSession({ page: { timezoneId: 'UTC' } });

  let eventId: number | undefined;

  it('offers vault accounts in the form, and lists what an event’s output gave the vault', async () => {
    const { page, problems } = session.t;
    const code = DEFAULT_SETUP.engagement.code;
    await createEventsViaApi(session.app, [
      {
        timestamp: '2026-11-02T10:00:00Z',
        source: { host: 'kali' },
        target: { host: 'dc01' },
        description: 'secretsdump against DC01',
        raw_evidence: `CORP\\svc_backup:1107:${LM0}:${HASH}:::`,
      },
    ]);
    // Extraction normally runs in the worker; the command does the same for events already saved.
    const extracted = await session.app.cli(['credentials', 'extract', '--engagement', code, '--json']);
    expect(extracted.code).toBe(0);
    const token = await adminAccessToken(session.app);
    const events = (await (
      await fetch(`${session.app.url}/api/v1/events/?engagement=${code}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { results: Array<{ id: number }> };
    eventId = events.results[0]?.id;
    expect(eventId).toBeDefined();

    // The event's page lists what its output gave the vault, masked.
    await page.goto(`/events/${eventId}`);
    const panel = page.getByLabel('Credentials from this event');
    await panel.getByText('CORP\\svc_backup').waitFor();
    expect(await panel.getByText('Credentials from this event (1)').count()).toBe(1);
    expect(await panel.innerText()).not.toContain('Password');

    await page.goto(`/credentials?event=${eventId}`);
    await page.getByText(`From event #${eventId}`).waitFor();
    const grid = page.getByTestId('credential-grid');
    await grid.getByText('svc_backup').waitFor();
    expect(await page.getByLabel('Credential count').innerText()).toBe('1 credential');

    await page.goto('/events/new');
    const user = page.getByLabel('Source user');
    await user.click();
    await user.fill('svc');
    const listbox = page.getByRole('listbox');
    await listbox.getByText('Vault accounts').waitFor();
    await listbox.getByRole('option', { name: 'CORP\\svc_backup' }).click();
    expect(await user.inputValue()).toBe('CORP\\svc_backup');
    expect(problems).toEqual([]);
  });

  it('shows the blue team the event without its credentials', async () => {
    const blue = { username: 'blue.events', password: 'blue team passphrase 2026' };
    await createUserViaCli(session.app, {
      ...blue,
      groups: ['Client Blue Team - Read Only'],
      engagements: [DEFAULT_SETUP.engagement.code],
    });
    const { page, problems } = await signedInPage(session.browser, session.app, blue, {
      timezonePrompt: 'later',
    });
    await page.goto(`/events/${eventId}`);
    await page.getByTestId('event-page').getByText('secretsdump against DC01').waitFor();
    expect(await page.getByLabel('Credentials from this event').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
