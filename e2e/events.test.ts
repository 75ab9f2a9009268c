import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminSession, createUserViaCli, DEFAULT_SETUP, signedInPage, snap } from './support/index.ts';

/**
 * The event log as operators and the blue team use it all day: create, edit, clone, lateral move,
 * filter and search (kept in the URL), the blue team's limited edit, and files hashed in the browser.
 * One app for the story; any console error, CSP violation or 5xx fails it.
 */
describe('the event log', { timeout: 120_000 }, () => {
  const session = adminSession({ page: { timezoneId: 'Europe/Berlin' } });
  const admin = DEFAULT_SETUP.admin;
  const ENG = DEFAULT_SETUP.engagement.code;

  const events = async (page: Page, query = '') => {
    const res = await page.request.get(`/api/v1/events/?engagement=${ENG}${query}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as {
      results: Array<{
        id: number;
        timestamp: string;
        operator: string | null;
        description: string;
        source: { host: string; user: string };
        target: { host: string; user: string };
        tags: string[];
        detected: string;
        prevented: string;
        outcome: string;
        mitre_attack_subtechnique: string | null;
        files: Array<{ filename: string; size: number | null; md5: string; sha1: string; sha256: string }>;
      }>;
    };
  };

  /** A Mantine select, multi-select or tags input by its label (comboboxes in Mantine 9). */
  const field = (scope: Page | Locator, label: string) =>
    scope
      .getByRole('combobox', { name: label, exact: true })
      .or(scope.getByRole('textbox', { name: label, exact: true }));

  /** Picks an option of a Mantine select by typing part of it. */
  const choose = async (scope: Page | Locator, label: string, typed: string, option: string | RegExp) => {
    const input = field(scope, label);
    await input.click();
    // Searchable selects take typing; plain ones only open their list.
    if (await input.isEditable()) await input.fill(typed);
    const page = 'page' in scope ? scope.page() : scope;
    await page.getByRole('option', { name: option }).first().click();
  };

  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

  it('creates an event with wall time + zone, contexts, tags and ATT&CK, and shows it in the grid', async () => {
    const { page } = session.t;
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Events', exact: true })
      .click();
    await page.getByText('No events found. Either add a new event or clear the filter.').waitFor();
    await page.getByRole('button', { name: 'New event' }).click();
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.waitFor();

    // The zone defaults to the user's (Europe/London); a DST gap is refused, an overlap asks.
    const start = form.getByLabel('Start', { exact: true });
    await choose(form, 'Start zone', 'Berlin', 'Europe/Berlin');
    await start.fill('2026-03-29T02:30:00');
    await form.getByText(/does not exist in Europe\/Berlin/).waitFor();
    await start.fill('2026-10-25T02:30:00');
    await form.getByText(/happens twice in Europe\/Berlin/).waitFor();
    await form.getByRole('radio', { name: /The second \(UTC\+01:00\)/ }).check();
    await form.getByText('Stored as 2026-10-25T01:30:00Z').waitFor();
    await start.fill('2026-11-20T14:05:37');
    await form.getByText('Stored as 2026-11-20T13:05:37Z').waitFor();

    await form.getByLabel('Source host').fill('KALI-01');
    await form.getByLabel('Source user').fill('operator');
    await form.getByLabel('Target host').fill('WS-042');
    await form.getByLabel('Target user').fill('ACME\\jsmith');
    await form.getByLabel('Description').fill('Dumped LSASS on WS-042 with procdump');
    await form.getByLabel('Raw evidence').fill('procdump.exe -ma lsass.exe C:\\Windows\\Temp\\l.dmp');
    const tags = field(form, 'Tags');
    await tags.fill('creds');
    await tags.press('Enter');
    await choose(form, 'Tactic', 'TA0006', /^TA0006 Credential Access$/);
    await choose(form, 'Technique', 'T1003', /^T1003 OS Credential Dumping$/);
    await choose(form, 'Sub-technique', 'LSASS', /^T1003\.001 LSASS Memory$/);
    expect(
      await form
        .getByRole('link', { name: 'Open the sub-technique on attack.mitre.org' })
        .getAttribute('href'),
    ).toBe('https://attack.mitre.org/techniques/T1003/001/');
    await choose(form, 'Detected?', 'Alert', 'Alert Raised');
    await snap(page, 'events-01-create-form');
    await form.getByLabel('Description').press('Control+Enter');
    await form.waitFor({ state: 'hidden' });

    const created = row(page, 'Dumped LSASS on WS-042');
    await created.waitFor();
    const text = await created.innerText();
    // Shown in the user's zone (London = UTC in November) and the browser's locale (en-GB), seconds kept.
    expect(text).toContain('20/11/2026, 13:05:37');
    expect(text).toContain('KALI-01');
    expect(text).toContain('ACME\\jsmith');
    expect(text).toContain('creds');
    expect(text).toContain('Alert Raised');
    expect(text).toContain('T1003.001');
    const [stored] = (await events(page)).results;
    expect(stored?.timestamp).toBe('2026-11-20T13:05:37.000Z');
    expect(stored?.mitre_attack_subtechnique).toBe('T1003.001');
    expect(stored?.detected).toBe('FUL');
    await snap(page, 'events-02-grid');
  });

  it('edits an event, keeping the stored seconds', async () => {
    const { page } = session.t;
    await row(page, 'Dumped LSASS on WS-042')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    const form = page.getByRole('dialog', { name: 'Edit event' });
    expect(await form.getByLabel('Start', { exact: true }).inputValue()).toBe('2026-11-20T13:05:37');
    await form.getByLabel('Description').fill('Dumped LSASS on WS-042 with procdump (edited)');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });
    await row(page, '(edited)').waitFor();
    const [stored] = (await events(page)).results;
    expect(stored?.description).toBe('Dumped LSASS on WS-042 with procdump (edited)');
    expect(stored?.timestamp).toBe('2026-11-20T13:05:37.000Z');
  });

  it('clones an event with its contexts, tags and ATT&CK', async () => {
    const { page } = session.t;
    await row(page, '(edited)')
      .getByRole('button', { name: /^More actions/ })
      .click();
    await page.getByRole('menuitem', { name: 'Clone' }).click();
    const form = page.getByRole('dialog', { name: 'Clone event' });
    expect(await form.getByLabel('Description').inputValue()).toContain('(edited)');
    expect(await form.getByLabel('Target host').inputValue()).toBe('WS-042');
    await form.getByLabel('Start', { exact: true }).fill('2026-11-20T15:00:00');
    await form.getByLabel('Description').fill('Dumped LSASS again after reboot');
    await form.getByRole('button', { name: 'Create event' }).click();
    await form.waitFor({ state: 'hidden' });
    await row(page, 'Dumped LSASS again after reboot').waitFor();
    const clone = (await events(page)).results.find(
      (e) => e.description === 'Dumped LSASS again after reboot',
    );
    expect(clone?.target.host).toBe('WS-042');
    expect(clone?.tags).toEqual(['creds']);
    expect(clone?.mitre_attack_subtechnique).toBe('T1003.001');
  });

  it('starts a lateral move from an event: its target becomes the new source, by a teammate picked as operator', async () => {
    await createUserViaCli(session.app, {
      username: 'mallory',
      password: 'copper lantern meadow 42',
      groups: ['Red Team Operators'],
      engagements: [ENG],
    });
    const { page } = session.t;
    await row(page, 'Dumped LSASS again after reboot')
      .getByRole('button', { name: /^More actions/ })
      .click();
    await page.getByRole('menuitem', { name: /Lateral move/ }).click();
    const form = page.getByRole('dialog', { name: /Lateral move/ });
    expect(await form.getByLabel('Source host').inputValue()).toBe('WS-042');
    expect(await form.getByLabel('Description').inputValue()).toBe('');
    await form.getByLabel('Target host').fill('DC01');
    // The operator picker offers the engagement's team.
    await choose(form, 'Operator', 'mal', 'mallory');
    await form.getByLabel('Description').fill('WinRM from WS-042 to DC01');
    await form.getByRole('button', { name: 'Create event' }).click();
    await form.waitFor({ state: 'hidden' });
    await row(page, 'WinRM from WS-042 to DC01').waitFor();
    const lateral = (await events(page)).results.find((e) => e.description === 'WinRM from WS-042 to DC01');
    expect(lateral?.source.host).toBe('WS-042');
    expect(lateral?.source.user).toBe('ACME\\jsmith');
    expect(lateral?.target.host).toBe('DC01');
    expect(lateral?.operator).toBe('mallory');
  });

  it('filters and searches on the server, keeps the filter in the URL, and reopens where the user left it', async () => {
    const { page } = session.t;
    await page.getByLabel('Search events').fill('reboot');
    await page.waitForURL(/search=reboot/);
    await page.getByRole('row').filter({ hasText: 'WinRM' }).waitFor({ state: 'detached' });
    expect(await row(page, 'Dumped LSASS again after reboot').count()).toBe(1);
    expect(await row(page, '(edited)').count()).toBe(0);

    // The URL is the filter: a reload (or a shared link) shows the same rows.
    await page.reload();
    await row(page, 'Dumped LSASS again after reboot').waitFor();
    expect(await page.getByLabel('Search events').inputValue()).toBe('reboot');
    expect(await row(page, 'WinRM').count()).toBe(0);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(page, 'WinRM').waitFor();
    await choose(page, 'Detected', 'Alert', 'Alert Raised');
    await page.waitForURL(/detected=FUL/);
    await row(page, 'WinRM').waitFor({ state: 'detached' });
    expect(await row(page, 'Dumped LSASS').count()).toBe(2);
    await snap(page, 'events-03-filtered');
    // The last filter is kept on the server for this user and engagement (not only in this browser).
    const preferences = `/api/v1/engagements/${ENG}/preferences/`;
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(preferences)).json()) as { event_filter: string }).event_filter,
      )
      .toBe('detected=FUL');

    // Back on /events without a query: the last filter of this user and engagement comes back.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Home', exact: true })
      .click();
    await page.goto('/events');
    await page.waitForURL(/detected=FUL/);
    // A fresh page load: wait for the rows before counting them.
    await row(page, 'Dumped LSASS').first().waitFor();
    expect(await row(page, 'Dumped LSASS').count()).toBe(2);
    expect(await row(page, 'WinRM').count()).toBe(0);

    // Another machine (a second browser context: nothing in its storage), the same user: the grid
    // opens on the filter they left on the first one.
    const other = await signedInPage(session.browser, session.app, admin, {
      page: { timezoneId: 'Europe/Berlin' },
    });
    try {
      await other.page.goto('/events');
      await other.page.waitForURL(/detected=FUL/);
      await row(other.page, 'Dumped LSASS').first().waitFor();
      expect(await row(other.page, 'Dumped LSASS').count()).toBe(2);
      expect(await row(other.page, 'WinRM').count()).toBe(0);
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(page, 'WinRM').waitFor();
  });

  it('hashes a chosen and a dropped file in the browser (MD5, SHA-1, SHA-256) and lists them on the Files page', async () => {
    const { page } = session.t;
    const content = Buffer.from('MZ\x90\x00 not really a PE, but bytes all the same\n', 'binary');
    const expected = {
      md5: createHash('md5').update(content).digest('hex'),
      sha1: createHash('sha1').update(content).digest('hex'),
      sha256: createHash('sha256').update(content).digest('hex'),
    };
    // An explicit (default) sort in the URL: the grid opens unfiltered, whatever was remembered.
    await page.goto('/events?sort=-timestamp');
    await row(page, 'WinRM from WS-042 to DC01')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    const form = page.getByRole('dialog', { name: 'Edit event' });
    await form.getByRole('button', { name: 'Add file' }).click();
    await form.getByLabel('File 1: choose a file to hash').setInputFiles({
      name: 'beacon.exe',
      mimeType: 'application/octet-stream',
      buffer: content,
    });
    const md5 = form.getByRole('textbox', { name: 'MD5', exact: true });
    await expect.poll(() => md5.inputValue()).toBe(expected.md5);
    expect(await form.getByRole('textbox', { name: 'SHA-1', exact: true }).inputValue()).toBe(expected.sha1);
    expect(await form.getByRole('textbox', { name: 'SHA-256', exact: true }).inputValue()).toBe(
      expected.sha256,
    );
    expect(await form.getByLabel('File name').inputValue()).toBe('beacon.exe');
    expect(await form.getByLabel('Size (bytes)').inputValue()).toBe(String(content.length));
    await form.getByLabel('Location').fill('C:\\ProgramData\\beacon.exe');

    // A second file, dragged onto the drop zone (a real drop event carrying a File, as from the desktop).
    // Every byte value, so the hashing sees the file's bytes and not some text encoding of them.
    const droppedBytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    const dropped = {
      md5: createHash('md5').update(droppedBytes).digest('hex'),
      sha1: createHash('sha1').update(droppedBytes).digest('hex'),
      sha256: createHash('sha256').update(droppedBytes).digest('hex'),
    };
    await form.getByRole('button', { name: 'Add file' }).click();
    const second = form.getByTestId('file-row-1');
    const zone = second.getByText('Drop a file here or click to choose');
    // Dropped text (not a file) is refused with an explanation.
    const notAFile = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'C:\\loot\\stager.dll');
      return data;
    });
    await zone.dispatchEvent('drop', { dataTransfer: notAFile });
    await second.getByText('Nothing to hash: drop a file').waitFor();
    const file = await page.evaluateHandle(
      (bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'stager.dll', { type: 'application/octet-stream' }));
        return data;
      },
      [...droppedBytes],
    );
    await zone.dispatchEvent('dragenter', { dataTransfer: file });
    await zone.dispatchEvent('dragover', { dataTransfer: file });
    await zone.dispatchEvent('drop', { dataTransfer: file });
    const secondMd5 = second.getByRole('textbox', { name: 'MD5', exact: true });
    await expect.poll(() => secondMd5.inputValue()).toBe(dropped.md5);
    expect(await second.getByRole('textbox', { name: 'SHA-1', exact: true }).inputValue()).toBe(dropped.sha1);
    expect(await second.getByRole('textbox', { name: 'SHA-256', exact: true }).inputValue()).toBe(
      dropped.sha256,
    );
    expect(await second.getByLabel('File name').inputValue()).toBe('stager.dll');
    expect(await second.getByLabel('Size (bytes)').inputValue()).toBe('512');
    expect(await second.getByText('Nothing to hash').count()).toBe(0);
    // The first row is untouched by the drop on the second.
    expect(await form.getByTestId('file-row-0').getByLabel('File name').inputValue()).toBe('beacon.exe');
    await snap(page, 'events-04-file-drop');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });
    const lateral = (await events(page)).results.find((e) => e.description === 'WinRM from WS-042 to DC01');
    expect(lateral?.files).toHaveLength(2);
    expect(lateral?.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ filename: 'beacon.exe', ...expected }),
        expect.objectContaining({ filename: 'stager.dll', size: 512, ...dropped }),
      ]),
    );

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Files', exact: true })
      .click();
    const fileRow = page.getByRole('row').filter({ hasText: 'beacon.exe' });
    await fileRow.waitFor();
    const text = await fileRow.innerText();
    expect(text).toContain('DC01');
    expect(text).toContain('C:\\ProgramData\\beacon.exe');
    expect(text).toContain(expected.sha256);
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain('format=csv');
    await snap(page, 'events-05-files');
  });

  it('lets a blue team user change only outcome, Detected and Prevented', async () => {
    await createUserViaCli(session.app, {
      username: 'blue',
      password: 'sapphire harbour lantern 77',
      groups: ['Client Blue Team - Limited Write'],
      engagements: [ENG],
    });
    // The blue team works in dark mode (the UI must be as readable there). A new user is asked for a
    // timezone first: they keep the browser's, Berlin, that it suggests.
    const blue = await signedInPage(
      session.browser,
      session.app,
      { username: 'blue', password: 'sapphire harbour lantern 77' },
      { page: { timezoneId: 'Europe/Berlin', colorScheme: 'dark' }, timezonePrompt: 'save' },
    );
    try {
      const { page } = blue;
      await page.goto('/events');
      const target = row(page, 'WinRM from WS-042 to DC01');
      await target.waitFor();
      // Shown on the blue team's clock: Berlin is an hour ahead of the operators' London.
      expect(await row(page, '(edited)').innerText()).toContain('20/11/2026, 14:05:37');
      await snap(page, 'events-06-blue-grid-dark');
      expect(await page.getByRole('button', { name: 'New event' }).count()).toBe(0);
      expect(await target.getByRole('button', { name: /^Edit event/ }).count()).toBe(0);
      await target.getByRole('button', { name: /^Edit outcome of event/ }).click();
      const form = page.getByRole('dialog', { name: 'Outcome and detection' });
      await form.waitFor();
      // What happened is shown, not editable.
      expect(await form.getByLabel('Description').count()).toBe(0);
      expect(await form.getByTestId('limited-summary').innerText()).toContain('WinRM from WS-042 to DC01');
      await form.getByLabel('Outcome', { exact: true }).fill('SOC saw the WinRM logon and isolated DC01');
      await choose(form, 'Detected?', 'Event', 'Event Recorded');
      await choose(form, 'Prevented?', 'Manual', 'Manual Intervention');
      await snap(page, 'events-06-limited');
      await form.getByRole('button', { name: 'Save outcome' }).click();
      await form.waitFor({ state: 'hidden' });
      const updated = row(page, 'WinRM from WS-042 to DC01');
      await updated.getByText('Manual Intervention').waitFor();
      expect(await updated.innerText()).toContain('Event Recorded');
      const stored = (await events(page)).results.find((e) => e.description === 'WinRM from WS-042 to DC01');
      expect(stored).toMatchObject({
        detected: 'PAR',
        prevented: 'PAR',
        outcome: 'SOC saw the WinRM logon and isolated DC01',
      });
      expect(stored?.target.host).toBe('DC01');
      expect(blue.problems).toEqual([]);
    } finally {
      await blue.close();
    }
  });

  it('suggests ATT&CK and a description from the raw evidence; one click applies each', async () => {
    const { page } = session.t;
    await page.goto('/events/new');
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.getByLabel('Raw evidence').fill('GetUserSPNs.py -request -dc-ip 10.0.0.1 ACME.LOCAL/jsmith');
    const suggestions = form.getByTestId('suggestions');
    await suggestions.getByRole('button', { name: /T1558\.003/ }).click();
    expect(await field(form, 'Tactic').inputValue()).toBe('TA0006 Credential Access');
    // The sub-technique list loads after the technique is applied: wait for it to show the choice.
    await expect.poll(() => field(form, 'Sub-technique').inputValue()).toMatch(/^T1558\.003 /);
    // The description was empty, so the rule's description came with it.
    expect(await form.getByLabel('Description').inputValue()).toBe(
      'Kerberoasted service accounts in ACME.LOCAL with impacket GetUserSPNs as jsmith',
    );
    await snap(page, 'events-07-suggestions');
    // Typed evidence is not dropped silently: closing asks first.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('dialog', { name: 'Discard your changes?' })
      .getByRole('button', { name: 'Discard changes' })
      .click();
    await form.waitFor({ state: 'hidden' });
  });

  it('pages through the keyset cursor as the grid scrolls (only visible rows are rendered)', async () => {
    const { page } = session.t;
    const me = (await (await page.request.get('/api/v1/auth/me/')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken, origin: session.app.url };
    for (let i = 1; i <= 150; i++) {
      const res = await page.request.post('/api/v1/events/', {
        headers,
        data: {
          engagement: ENG,
          timestamp: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
          source: { host: 'KALI-01' },
          target: { host: `SRV-${String(i).padStart(3, '0')}` },
          description: `Port scan batch ${String(i).padStart(3, '0')}`,
        },
      });
      expect(res.status()).toBe(201);
    }
    await page.goto('/events');
    await row(page, 'Port scan batch 150').waitFor();
    const grid = page.getByTestId('event-grid');
    // Far fewer rows in the DOM than events loaded: the rest are virtual.
    expect(await page.getByRole('row').count()).toBeLessThan(60);
    // Scroll to the end again after each page arrives (a page appended below moves the end), and judge
    // only when no page request is in flight: on a loaded machine a page can take seconds.
    let pagesInFlight = 0;
    const isPageRequest = (r: { url(): string }) => r.url().includes('/api/v1/events/?');
    page.on('request', (r) => {
      if (isPageRequest(r)) pagesInFlight++;
    });
    const settled = (r: { url(): string }) => {
      if (isPageRequest(r)) pagesInFlight--;
    };
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    await expect
      .poll(
        async () => {
          await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
          if (pagesInFlight > 0) return 'a page is loading';
          return row(page, 'Port scan batch 001').count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);
    await snap(page, 'events-08-scrolled');
    // The viewport as the user sees it (a full-page capture flattens the sticky header).
    const dir = process.env.E2E_SCREENSHOTS;
    if (dir) await page.screenshot({ path: `${dir}/events-08b-scrolled-viewport.png` });
  });

  it('deletes an event after confirmation', async () => {
    const { page } = session.t;
    await page.goto('/events?search=WinRM');
    const target = row(page, 'WinRM from WS-042 to DC01');
    await target.getByRole('button', { name: /^More actions/ }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this event?' });
    expect(await confirm.innerText()).toContain('WinRM from WS-042 to DC01');
    await confirm.getByRole('button', { name: 'Delete event' }).click();
    await target.waitFor({ state: 'detached' });
    await page.getByText('No events found. Either add a new event or clear the filter.').waitFor();
  });

  it('saw no console error, CSP violation or server error', () => {
    expect(session.t.problems).toEqual([]);
  });
});
