import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSession,
  createEventsViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  START_TIMEOUT,
  signedInPage,
  type TestPage,
} from './support/index.ts';

/**
 * A day in the event log: nothing typed is lost (discard prompt, drafts), teammates see who edits what
 * and each other's saves at once, Delete can be undone, every event has its own page, and the grid is
 * driven from the keyboard.
 */
describe('the event log for an operator working all day', { timeout: 240_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const op = { username: 'op.two', password: 'second operator passphrase 2026' };
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 9, minute)).toISOString();
  const session = adminSession({
    prepare: async (app) => {
      await createUserViaCli(app, { ...op, groups: ['Red Team Operators'], engagements: [ENG] });
      await app.cli([
        'engagement',
        'create',
        '--code',
        'BETA-2026',
        '--name',
        'Beta Corp',
        '--start',
        '2026-01-01',
        '--end',
        '2026-12-31',
      ]);
      await app.cli([
        'engagement',
        'add-member',
        'BETA-2026',
        DEFAULT_SETUP.admin.username,
        '--role',
        'lead',
      ]);
      await createEventsViaApi(app, [
        {
          timestamp: at(1),
          source: { host: 'KALI-01' },
          target: { host: 'DC01' },
          description: 'Enumerated shares on DC01',
          raw_evidence: 'net view \\\\DC01\nShare name  Type\nSYSVOL  Disk',
        },
        {
          timestamp: at(2),
          source: { host: 'KALI-01' },
          target: { host: 'FS01' },
          description: 'Kerberoasted svc_sql',
        },
        {
          timestamp: at(3),
          source: { host: 'KALI-01' },
          target: { host: 'WS042' },
          description: 'Dumped LSASS on WS042',
        },
        {
          timestamp: '2027-01-05T10:00:00Z',
          source: { host: 'KALI-01' },
          target: { host: 'SQL02' },
          description: 'Late write-up after the engagement',
        },
      ]);
    },
  });
  let admin: TestPage;
  let operator: TestPage;

  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const eventId = async (page: Page, text: string) =>
    Number(await row(page, text).getAttribute('data-event-id'));
  const formDrawer = (page: Page) => page.getByRole('dialog', { name: /^Edit event$/ });
  const description = (page: Page) => formDrawer(page).getByLabel('Description');

  beforeAll(async () => {
    admin = session.t;
    operator = await signedInPage(session.browser, session.app, op, { timezonePrompt: 'later' });
  }, START_TIMEOUT);
  afterAll(async () => {
    await operator?.close();
  });

  it('opens an event’s own read-only page from its row, at a link that works on its own', async () => {
    const { page } = admin;
    await page.goto('/events');
    await page.waitForFunction((t) => document.title === t, `Events · ${ENG} · Stepping Stones`);
    await row(page, 'Enumerated shares on DC01').getByText('Enumerated shares on DC01').click();
    await page.waitForURL(/\/events\/\d+$/);
    const url = page.url();
    const view = page.getByTestId('event-page');
    await view.getByRole('heading', { name: 'Enumerated shares on DC01' }).waitFor();
    expect(await view.innerText()).toContain('SYSVOL  Disk');
    expect(await view.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.title()).toContain(ENG);

    // The permalink opens by itself (a new tab, a link pasted in chat), and the history has its own.
    const other = await admin.context.newPage();
    await other.goto(url);
    await other
      .getByTestId('event-page')
      .getByRole('heading', { name: 'Enumerated shares on DC01' })
      .waitFor();
    await other.getByRole('link', { name: 'History' }).click();
    await other.waitForURL(/\/events\/\d+\/history$/);
    await other.getByTestId('event-history').getByText('Created').waitFor();
    await other.goto(other.url());
    await other.getByTestId('event-history').waitFor();
    await other.close();
  });

  it('drives the grid from the keyboard: / n j k Enter e x s o ?', async () => {
    const { page } = admin;
    await page.goto('/events');
    await row(page, 'Dumped LSASS on WS042').waitFor();
    const active = page.locator('tr[aria-current="true"]');

    await page.keyboard.press('j');
    expect(await active.innerText()).toContain('Late write-up after the engagement');
    await page.keyboard.press('j');
    expect(await active.innerText()).toContain('Dumped LSASS on WS042');
    await page.keyboard.press('j');
    expect(await active.innerText()).toContain('Kerberoasted svc_sql');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await active.innerText()).toContain('Kerberoasted svc_sql');

    await page.keyboard.press('s');
    await active.getByRole('button', { name: 'Unstar event' }).waitFor();
    await page.keyboard.press('x');
    expect(await active.getByRole('checkbox').isChecked()).toBe(true);
    await page.keyboard.press('x');
    expect(await active.getByRole('checkbox').isChecked()).toBe(false);

    await page.keyboard.press('e');
    await page.waitForURL(/\/events\/\d+\/edit/);
    expect(await description(page).inputValue()).toBe('Kerberoasted svc_sql');
    // Nothing changed: Esc closes without asking.
    await page.keyboard.press('Escape');
    await formDrawer(page).waitFor({ state: 'hidden' });

    await page.keyboard.press('Enter');
    await page.waitForURL(/\/events\/\d+$/);
    await page.getByTestId('event-page').getByRole('heading', { name: 'Kerberoasted svc_sql' }).waitFor();
    await page.goBack();
    await row(page, 'Kerberoasted svc_sql').waitFor();

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Search events',
    );
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });

    await page.keyboard.press('n');
    await page.waitForURL(/\/events\/new/);
    await page.getByRole('dialog', { name: 'New event' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New event' }).waitFor({ state: 'hidden' });

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const key of ['/', 'n', 'j', 'k', 'Enter', 'e', 'x', 's', '?'])
      expect(await help.innerText()).toContain(key);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('keeps the chosen density, with evidence on one line until expanded', async () => {
    const { page } = admin;
    await page.goto('/events');
    await page.getByText('Compact', { exact: true }).click();
    await page.reload();
    await row(page, 'Enumerated shares on DC01').waitFor();
    expect(await page.getByRole('radio', { name: 'Compact' }).isChecked()).toBe(true);
    // One scrollbar: the page fits the window, only the grid scrolls.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    const evidence = row(page, 'Enumerated shares on DC01');
    expect(await evidence.innerText()).not.toContain('SYSVOL');
    for (const _ of [1, 2, 3, 4]) await page.keyboard.press('j');
    await page.keyboard.press('o');
    await evidence.getByText(/SYSVOL/).waitFor();
    await page.getByText('Comfortable', { exact: true }).click();
  });

  it('asks before discarding typed changes, and keeps them as a draft until saved', async () => {
    const { page } = admin;
    await page.goto('/events');
    await row(page, 'Dumped LSASS on WS042')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    await description(page).fill('Dumped LSASS on WS042 with comsvcs.dll');

    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await description(page).inputValue()).toBe('Dumped LSASS on WS042 with comsvcs.dll');

    // A click outside asks too; keeping the draft closes the form.
    await page.mouse.click(20, 400);
    await ask.getByRole('button', { name: 'Close and keep the draft' }).click();
    await formDrawer(page).waitFor({ state: 'hidden' });

    // Reopened (even after a reload): the typed text is back, flagged as a draft.
    await page.reload();
    await row(page, 'Dumped LSASS on WS042')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    await formDrawer(page).getByTestId('restored-draft').waitFor();
    expect(await description(page).inputValue()).toBe('Dumped LSASS on WS042 with comsvcs.dll');

    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await formDrawer(page).waitFor({ state: 'hidden' });
    await row(page, 'Dumped LSASS on WS042')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    expect(await description(page).inputValue()).toBe('Dumped LSASS on WS042');
    expect(await formDrawer(page).getByTestId('restored-draft').count()).toBe(0);

    // Saved: the draft is gone.
    await description(page).fill('Dumped LSASS on WS042 via procdump');
    await formDrawer(page).getByRole('button', { name: 'Save changes' }).click();
    await formDrawer(page).waitFor({ state: 'hidden' });
    await row(page, 'Dumped LSASS on WS042 via procdump')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    expect(await formDrawer(page).getByTestId('restored-draft').count()).toBe(0);
    await page.keyboard.press('Escape');
    await formDrawer(page).waitFor({ state: 'hidden' });
  });

  it('shows teammates who is editing, and a teammate’s save in the open form at once', async () => {
    const id = await eventId(admin.page, 'Kerberoasted svc_sql');
    await operator.page.goto('/events');
    await row(operator.page, 'Kerberoasted svc_sql')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    await description(operator.page).waitFor();

    // The admin's grid marks the row, and the admin's own form says who else is in it.
    await row(admin.page, 'Kerberoasted svc_sql').getByTestId('editing-badge').waitFor({ timeout: 15_000 });
    expect(await row(admin.page, 'Kerberoasted svc_sql').getByTestId('editing-badge').innerText()).toContain(
      op.username,
    );
    await admin.page.goto(`/events/${id}/edit`);
    await formDrawer(admin.page).getByTestId('also-editing').waitFor({ timeout: 15_000 });

    // The admin saves; the operator's untouched form shows it at once.
    await description(admin.page).fill('Kerberoasted svc_sql and cracked it');
    await formDrawer(admin.page).getByRole('button', { name: 'Save changes' }).click();
    await formDrawer(admin.page).waitFor({ state: 'hidden' });
    await formDrawer(operator.page).getByTestId('teammate-save').waitFor({ timeout: 10_000 });
    expect(await description(operator.page).inputValue()).toBe('Kerberoasted svc_sql and cracked it');

    // With the operator's own changes in the form, a newer save is offered for merging instead.
    await description(operator.page).fill('Kerberoasted svc_sql (RC4)');
    await row(admin.page, 'and cracked it')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    await formDrawer(admin.page).getByLabel('Outcome').fill('Password cracked in 4 minutes');
    await formDrawer(admin.page).getByRole('button', { name: 'Save changes' }).click();
    await formDrawer(admin.page).waitFor({ state: 'hidden' });
    const notice = formDrawer(operator.page).getByTestId('teammate-save');
    await notice.getByRole('button', { name: 'Review and merge' }).waitFor({ timeout: 10_000 });
    expect(await description(operator.page).inputValue()).toBe('Kerberoasted svc_sql (RC4)');

    // Closing the form withdraws the presence.
    await operator.page.keyboard.press('Escape');
    await operator.page.getByRole('button', { name: 'Discard changes' }).click();
    await row(admin.page, 'Kerberoasted svc_sql')
      .getByTestId('editing-badge')
      .waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('undoes a delete from its toast, and gives an operator their own deletions back from the trash', async () => {
    const { page } = operator;
    await page.goto('/events');
    const deleteRow = async (text: string) => {
      await row(page, text)
        .getByRole('button', { name: /^More actions/ })
        .click();
      await page.getByRole('menuitem', { name: 'Delete…' }).click();
      await page
        .getByRole('dialog', { name: 'Delete this event?' })
        .getByRole('button', { name: 'Delete event' })
        .click();
      await row(page, text).waitFor({ state: 'detached' });
    };
    await deleteRow('Enumerated shares on DC01');
    await page.getByRole('button', { name: 'Undo' }).click();
    await row(page, 'Enumerated shares on DC01').waitFor();

    await deleteRow('Enumerated shares on DC01');
    await page.getByRole('link', { name: 'Deleted events' }).click();
    await row(page, 'Enumerated shares on DC01').getByRole('button', { name: 'Recover' }).click();
    await page
      .getByRole('dialog', { name: 'Recover this event?' })
      .getByRole('button', { name: 'Recover' })
      .click();
    await page.getByText('The trash is empty.').waitFor();
  });

  it('collapses the sidebar at narrow widths and keeps the grid usable', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 640, height: 800 });
    await page.goto('/events');
    await row(page, 'Enumerated shares on DC01').waitFor();
    // The sidebar is out of view; the grid starts at the page's left edge.
    const link = page.getByRole('link', { name: 'Deleted events' });
    expect(
      ((await link.boundingBox())?.x ?? -1) + ((await link.boundingBox())?.width ?? 0),
    ).toBeLessThanOrEqual(0);
    expect((await page.getByTestId('event-grid').boundingBox())?.x).toBeLessThan(40);
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page.waitForFunction(() => {
      const a = [...document.querySelectorAll('a')].find((e) => e.textContent === 'Deleted events');
      return a !== undefined && a.getBoundingClientRect().x >= 0;
    });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('makes the user doing a lateral move its operator', async () => {
    const { page } = operator;
    await page.goto('/events');
    await row(page, 'Enumerated shares on DC01')
      .getByRole('button', { name: /^More actions/ })
      .click();
    await page.getByRole('menuitem', { name: 'Lateral move: new event from this target' }).click();
    const form = page.getByRole('dialog', { name: /^Lateral move/ });
    expect(await form.getByLabel('Operator', { exact: true }).inputValue()).toBe(op.username);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });

  it('saves an event outside the engagement’s dates with a visible warning', async () => {
    const { page } = admin;
    await page.goto('/events');
    await row(page, 'Late write-up after the engagement')
      .getByRole('button', { name: /^Edit event/ })
      .click();
    await formDrawer(page).getByTestId('outside-dates').waitFor();
    expect(await formDrawer(page).getByTestId('outside-dates').innerText()).toContain(
      '2026-11-01 to 2026-12-19',
    );
    await description(page).fill('Late write-up after the engagement, checked');
    await formDrawer(page).getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved outside the engagement’s dates/).waitFor();
  });

  it('filters by a member, by times picked on the user’s clock, without the row jumping', async () => {
    const { page } = admin;
    await page.goto('/events?from=2026-11-03T09:02:00Z');
    const bar = page
      .getByRole('textbox', { name: 'Search events' })
      .locator('xpath=ancestor::div[contains(@class,"Paper")]');
    await row(page, 'Dumped LSASS on WS042').waitFor();
    // The time shows on the user's clock (Europe/London: UTC in November); one Tab stop per bound.
    const from = page.getByLabel(/^From \(/);
    expect(await from.innerText()).toContain('2026-11-03 09:02');
    await from.focus();
    // The picker and its clear button: at most two stops to the next field (a datetime-local took 14).
    const toFocused = () => page.getByLabel(/^To \(/).evaluate((e) => e === document.activeElement);
    let stops = 0;
    while (!(await toFocused()) && stops < 5) {
      await page.keyboard.press('Tab');
      stops += 1;
    }
    expect(stops).toBeLessThanOrEqual(2);

    const height = async () => (await bar.boundingBox())?.height ?? 0;
    const before = await height();
    await page.getByRole('combobox', { name: 'Operator' }).click();
    await page.getByRole('option', { name: 'op.two' }).waitFor();
    await page.getByRole('option', { name: DEFAULT_SETUP.admin.username, exact: true }).click();
    await page.waitForURL(/operator=admin/);
    const detected = page
      .getByRole('textbox', { name: 'Detected' })
      .or(page.getByRole('combobox', { name: 'Detected' }));
    // The list stays open while picking several values.
    await detected.click();
    for (const label of ['Unknown', 'No Trace', 'Event Recorded'])
      await page.getByRole('option', { name: label }).click();
    await page.keyboard.press('Escape');
    expect(await height()).toBe(before);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await height()).toBe(before);
  });

  it('clears the search when the user switches engagement', async () => {
    const { page } = admin;
    await page.goto('/events?search=LSASS');
    await row(page, 'Dumped LSASS on WS042').waitFor();
    await page.getByRole('combobox', { name: 'Current engagement' }).click();
    await page.getByRole('option', { name: /Beta Corp/ }).click();
    await page.getByText('Now working in Beta Corp.').waitFor();
    await page.waitForURL((url) => url.search === '');
    // The box follows the URL on its next render.
    await expect.poll(() => page.getByRole('textbox', { name: 'Search events' }).inputValue()).toBe('');
    await page.waitForFunction(() => document.title.includes('BETA-2026'));
    await page.getByRole('combobox', { name: 'Current engagement' }).click();
    await page.getByRole('option', { name: /ACME Corp/ }).click();
    await page.getByText('Now working in ACME Corp red team.').waitFor();
  });

  it('reported no console error, CSP violation or failed request', () => {
    expect(admin.problems).toEqual([]);
    expect(operator.problems).toEqual([]);
  });
});
