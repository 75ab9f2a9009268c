import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSession,
  createUserViaCli,
  DEFAULT_SETUP,
  START_TIMEOUT,
  signedInPage,
  type TestPage,
} from './support/index.ts';

/**
 * A teammate's change reaches every open grid without a reload: over one stream per browser (the tabs
 * share it, and another tab takes over when the holder closes). Deleted events can be recovered.
 */
describe('live event log between two users', { timeout: 180_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const op = { username: 'op.two', password: 'second operator passphrase 2026' };
  const session = adminSession({
    prepare: (app) => createUserViaCli(app, { ...op, groups: ['Red Team Operators'], engagements: [ENG] }),
  });
  let admin: TestPage;
  let operator: TestPage;
  const streams: string[] = [];

  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

  /** Writes through the API as the admin, like a teammate working in another window. */
  const asAdmin = async (
    method: 'post' | 'put' | 'delete',
    path: string,
    data?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const me = (await (await admin.page.request.get('/api/v1/auth/me/')).json()) as { csrfToken: string };
    const res = await admin.page.request[method](path, {
      headers: { 'x-csrf-token': me.csrfToken, origin: session.app.url, ...extra },
      data,
    });
    expect(res.status()).toBeLessThan(300);
    return res.status() === 204 ? null : ((await res.json()) as { id: number });
  };
  const createEvent = (description: string, minute: number) =>
    asAdmin('post', '/api/v1/events/', {
      engagement: ENG,
      timestamp: new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString(),
      source: { host: 'KALI-01' },
      target: { host: 'DC01' },
      description,
    });

  beforeAll(async () => {
    admin = session.t;
    admin.context.on('request', (r: Request) => {
      if (new URL(r.url()).pathname === '/api/v1/stream/') streams.push(r.url());
    });
    // A new user: the timezone prompt is dismissed, as someone busy would.
    operator = await signedInPage(session.browser, session.app, op, { timezonePrompt: 'later' });
  }, START_TIMEOUT);

  afterAll(async () => {
    await operator?.close();
  });

  it("shows a teammate's new event in the other user's open grid without a reload", async () => {
    await admin.page.goto('/events');
    await operator.page.goto('/events');
    await operator.page.getByTestId('event-grid').waitFor();
    await createEvent('Live beacon to DC01', 1);
    await row(operator.page, 'Live beacon to DC01').waitFor({ timeout: 5_000 });
    await row(admin.page, 'Live beacon to DC01').waitFor({ timeout: 5_000 });
  });

  it("shows an event's history (who, when, what) from the row menu", async () => {
    const { page } = operator;
    await row(page, 'Live beacon to DC01')
      .getByRole('button', { name: /^More actions/ })
      .click();
    await page.getByRole('menuitem', { name: 'History' }).click();
    const drawer = page.getByRole('dialog', { name: /^History of event/ });
    await drawer.getByText('Created').waitFor();
    expect(await drawer.innerText()).toContain(DEFAULT_SETUP.admin.username);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('restores an earlier version from the history, after a confirmation', async () => {
    const { page } = admin;
    const list = (await (
      await page.request.get(`/api/v1/events/?engagement=${ENG}&search=Live+beacon`)
    ).json()) as {
      results: Array<{ id: number; version: number; timestamp: string }>;
    };
    const ev = list.results[0]!;
    await asAdmin(
      'put',
      `/api/v1/events/${ev.id}/`,
      {
        engagement: ENG,
        timestamp: ev.timestamp,
        source: { host: 'KALI-01' },
        target: { host: 'DC01' },
        description: 'Live beacon to DC01, edited',
      },
      { 'if-match': `"${ev.version}"` },
    );
    await row(operator.page, 'Live beacon to DC01, edited').waitFor({ timeout: 5_000 });

    await row(page, 'Live beacon to DC01, edited')
      .getByRole('button', { name: /^More actions/ })
      .click();
    await page.getByRole('menuitem', { name: 'History' }).click();
    const drawer = page.getByRole('dialog', { name: /^History of event/ });
    await drawer.getByText('Edited', { exact: true }).waitFor();
    expect(await drawer.innerText()).toContain('Live beacon to DC01 → Live beacon to DC01, edited');
    await drawer.getByRole('button', { name: 'Restore this version' }).click();
    await page
      .getByRole('dialog', { name: 'Restore this version?' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await drawer.getByText('Restored an earlier version').waitFor();
    await row(operator.page, 'Live beacon to DC01, edited').waitFor({ state: 'detached', timeout: 5_000 });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it("imports a CSV with a per-line report, and the teammate's grid shows the new row", async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'Export / import' }).click();
    expect(await page.getByRole('menuitem', { name: 'Export CSV' }).getAttribute('href')).toContain(
      `engagement=${ENG}`,
    );
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Import CSV…' }).click();
    const csv = [
      'Timestamp (UTC),Description,Source Host,Target Host',
      '2026-11-02T10:00:00Z,Imported from the CSV,KALI-01,FS01',
      'not a time,Broken row,KALI-01,FS01',
    ].join('\n');
    await (await chooser).setFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const text = await report.innerText();
    expect(text).toContain('1 event added');
    expect(text).toContain('1 rejected');
    expect(text).toMatch(/Line \d+: /);
    await page.keyboard.press('Escape');
    await row(operator.page, 'Imported from the CSV').waitFor({ timeout: 5_000 });
  });

  it('shares one stream between the tabs of a browser and hands it over when the holder closes', async () => {
    const before = streams.length;
    const second = await admin.context.newPage();
    await second.goto('/events');
    await row(second, 'Live beacon to DC01').waitFor();
    await createEvent('Second tab sees it through the leader', 2);
    await row(second, 'Second tab sees it through the leader').waitFor({ timeout: 5_000 });
    expect(streams.length).toBe(before);

    await admin.page.close();
    await createEvent('Written after the first tab closed', 3);
    await row(second, 'Written after the first tab closed').waitFor({ timeout: 8_000 });
    expect(streams.length).toBe(before + 1);
    admin.page = second;
  });

  it('lists a deleted event under Deleted events and recovers it', async () => {
    const { page } = admin;
    const created = await createEvent('Deleted by mistake', 4);
    await asAdmin('delete', `/api/v1/events/${created?.id}/`);
    await row(operator.page, 'Deleted by mistake').waitFor({ state: 'detached', timeout: 5_000 });
    // An operator's trash holds only what they deleted themselves: not the administrator's deletion.
    expect(await operator.page.getByRole('link', { name: 'Deleted events' }).count()).toBe(1);
    const typed = await operator.context.newPage();
    await typed.goto('/events/trash');
    await typed.getByText('The trash is empty.').waitFor();
    expect(await typed.getByText('Deleted by mistake').count()).toBe(0);
    await typed.close();

    await page.getByRole('link', { name: 'Deleted events' }).click();
    await row(page, 'Deleted by mistake').getByRole('button', { name: 'Recover' }).click();
    await page
      .getByRole('dialog', { name: 'Recover this event?' })
      .getByRole('button', { name: 'Recover' })
      .click();
    await page.getByText('The trash is empty.').waitFor();
    await row(operator.page, 'Deleted by mistake').waitFor({ timeout: 5_000 });
  });

  it('bulk-edits every event the filter shows, and the teammate sees the new tag', async () => {
    const { page } = admin;
    await page.goto('/events?search=Imported+from');
    await page.getByRole('button', { name: 'Bulk edit' }).click();
    await page.getByRole('menuitem', { name: 'Edit all 1 shown…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the 1 event shown' });
    await dialog.getByLabel('Add tags', { exact: true }).fill('reviewed');
    await dialog.getByLabel('Add tags', { exact: true }).press('Enter');
    await dialog.getByRole('button', { name: 'Apply to 1 event' }).click();
    await page.getByText('1 of 1 event changed.').waitFor();
    await row(operator.page, 'Imported from the CSV')
      .filter({ hasText: 'reviewed' })
      .waitFor({ timeout: 5_000 });
  });

  it('reported no console errors, CSP violations or server errors', () => {
    expect(admin.problems).toEqual([]);
    expect(operator.problems).toEqual([]);
  });
});
