import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSession,
  createUserViaCli,
  DEFAULT_SETUP,
  type RunningApp,
  START_TIMEOUT,
  signedInPage,
  snap,
  type TestPage,
} from './support/index.ts';

interface EventRow {
  id: number;
  description: string;
  version: number;
  timestamp: string;
  starred: boolean;
  detected: string;
  tags: string[];
}

/**
 * Selecting rows in the events grid and editing them together; starring everything a filter shows and
 * editing the starred; the selection surviving a teammate's live change. Results are checked through
 * the API, so "exactly those events" means exactly those.
 */
describe('row selection and bulk edit in the events grid', { timeout: 240_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const op = { username: 'op.bulk', password: 'bulk operator passphrase 2026' };

  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const checkbox = (page: Page, text: string) => row(page, text).getByRole('checkbox');
  const selectionCount = (page: Page) => page.getByTestId('selection-count');

  /** An API call as the user of a page (cookie session + CSRF token), like a teammate in another window. */
  const call = async (
    tp: TestPage,
    method: 'get' | 'post' | 'put',
    path: string,
    data?: unknown,
    version?: number,
  ) => {
    const me = (await (await tp.page.request.get('/api/v1/auth/me/')).json()) as { csrfToken: string };
    const headers: Record<string, string> = { 'x-csrf-token': me.csrfToken, origin: session.app.url };
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    const res = await tp.page.request[method](path, { headers, data });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const events = async (query: string) =>
    (
      (await call(admin, 'get', `/api/v1/events/?engagement=${ENG}&page_size=1000&${query}`)) as {
        results: EventRow[];
      }
    ).results;
  const byDescription = async (description: string) => {
    const found = (await events('')).find((e) => e.description === description);
    if (!found) throw new Error(`No event "${description}"`);
    return found;
  };
  const descriptions = async (query: string) => (await events(query)).map((e) => e.description).sort();

  /** Opens the toolbar's Bulk edit menu and picks an entry. */
  const bulkMenu = async (page: Page, item: string) => {
    await page.getByRole('button', { name: 'Bulk edit' }).click();
    await page.getByRole('menuitem', { name: item, exact: true }).click();
  };
  const detectedField = (dialog: Locator) =>
    dialog
      .getByRole('combobox', { name: 'Set Detected' })
      .or(dialog.getByRole('textbox', { name: 'Set Detected' }));
  const addTag = async (dialog: Locator, tag: string) => {
    await dialog.getByLabel('Add tags', { exact: true }).fill(tag);
    await dialog.getByLabel('Add tags', { exact: true }).press('Enter');
  };

  const seed = async (app: RunningApp) => {
    await createUserViaCli(app, { ...op, groups: ['Red Team Operators'], engagements: [ENG] });
    // Forty older events (enough to scroll), then six "Recon step" events, newest last.
    const csv = ['Timestamp (UTC),Description,Source Host,Target Host'];
    for (let i = 1; i <= 40; i++)
      csv.push(
        `2026-11-02T08:${String(i).padStart(2, '0')}:00Z,Filler #${String(i).padStart(2, '0')},KALI-01,WS${i}`,
      );
    for (let i = 1; i <= 6; i++) csv.push(`2026-11-02T09:0${i}:00Z,Recon step ${i},KALI-01,DC01`);
    const seeded = await app.cli(['events', 'import', '--engagement', ENG, '--as', 'admin'], csv.join('\n'));
    expect(seeded.stdout).toContain('46 event(s) added');
  };
  const session = adminSession({ prepare: seed });
  let admin: TestPage;
  let operator: TestPage;

  beforeAll(async () => {
    admin = session.t;
    // A new user: the timezone prompt is dismissed, as someone busy would.
    operator = await signedInPage(session.browser, session.app, op, { timezonePrompt: 'later' });
  }, START_TIMEOUT);

  afterAll(async () => {
    await operator?.close();
  });

  it('selects rows with the checkbox and shift-click, and adds a tag to exactly those', async () => {
    const { page } = operator;
    await page.goto('/events?search=Recon+step');
    await row(page, 'Recon step 6').waitFor();
    // Newest first: 6, 5, 4, 3, 2, 1. Click 5, shift-click 3 (5..3), then click 1.
    await checkbox(page, 'Recon step 5').click();
    await checkbox(page, 'Recon step 3').click({ modifiers: ['Shift'] });
    await checkbox(page, 'Recon step 1').click();
    expect(await selectionCount(page).innerText()).toBe('4 selected');
    await snap(page, 'events-selection');
    for (const [n, selected] of [
      [6, 'false'],
      [5, 'true'],
      [4, 'true'],
      [3, 'true'],
      [2, 'false'],
      [1, 'true'],
    ] as const)
      expect(await row(page, `Recon step ${n}`).getAttribute('aria-selected'), `step ${n}`).toBe(selected);

    await page.getByRole('button', { name: 'Edit selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the 4 selected events' });
    await addTag(dialog, 'lateral');
    await dialog.getByRole('button', { name: 'Apply to 4 events' }).click();
    await page.getByText('4 of 4 events changed.').waitFor();
    await selectionCount(page).waitFor({ state: 'detached' });
    expect(await descriptions('tag=lateral')).toEqual([
      'Recon step 1',
      'Recon step 3',
      'Recon step 4',
      'Recon step 5',
    ]);
    await row(page, 'Recon step 4').filter({ hasText: 'lateral' }).waitFor();
  });

  it('selects every loaded row from the header checkbox, and clears the selection', async () => {
    const { page } = operator;
    await page.getByRole('checkbox', { name: 'Select all loaded events' }).click();
    expect(await selectionCount(page).innerText()).toBe('6 selected');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await selectionCount(page).waitFor({ state: 'detached' });
    expect(await checkbox(page, 'Recon step 2').isChecked()).toBe(false);
  });

  it("keeps the selection and the scroll position when a teammate's change arrives live", async () => {
    const { page } = operator;
    // (A URL naming a sort, so the grid does not reopen the user's last filter.)
    await page.goto('/events?sort=-timestamp');
    const grid = page.getByTestId('event-grid');
    await row(page, 'Recon step 6').waitFor();
    // Scroll well down the list: the rows near the top leave the DOM (the grid is virtualised).
    // (Row heights are measured as they render, so scroll until the row is there rather than by a guess.)
    for (let i = 0; i < 40 && !(await row(page, 'Filler #20').count()); i++)
      await grid.evaluate((el) => el.scrollBy({ top: 150 }));
    await row(page, 'Filler #20').scrollIntoViewIfNeeded();
    await checkbox(page, 'Filler #20').click();
    await checkbox(page, 'Filler #19').click();
    expect(await selectionCount(page).innerText()).toBe('2 selected');
    const scrolledTo = await grid.evaluate((el) => el.scrollTop);

    // A teammate adds an event (above everything) and edits one of the selected rows.
    await call(admin, 'post', '/api/v1/events/', {
      engagement: ENG,
      timestamp: '2026-11-02T10:00:00Z',
      source: { host: 'KALI-02' },
      target: { host: 'DC01' },
      description: 'Teammate event during the selection',
    });
    const filler20 = await byDescription('Filler #20');
    await call(
      admin,
      'put',
      `/api/v1/events/${filler20.id}/`,
      {
        engagement: ENG,
        timestamp: filler20.timestamp,
        source: { host: 'KALI-01' },
        target: { host: 'WS20' },
        description: 'Filler #20, checked by a teammate',
      },
      filler20.version,
    );
    await row(page, 'Filler #20, checked by a teammate').waitFor({ timeout: 10_000 });

    expect(await checkbox(page, 'Filler #20, checked by a teammate').isChecked()).toBe(true);
    expect(await checkbox(page, 'Filler #19').isChecked()).toBe(true);
    expect(await checkbox(page, 'Filler #18').isChecked()).toBe(false);
    expect(await selectionCount(page).innerText()).toBe('2 selected');
    // Still where the user was, not thrown back to the top.
    expect(await grid.evaluate((el) => el.scrollTop)).toBeGreaterThanOrEqual(scrolledTo);
    const box = await grid.boundingBox();
    const mine = await row(page, 'Filler #19').boundingBox();
    expect(mine && box && mine.y >= box.y && mine.y < box.y + box.height).toBe(true);

    await grid.evaluate((el) => el.scrollTo({ top: 0 }));
    await row(page, 'Teammate event during the selection').waitFor();
    await page.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('stars every event a filter shows after a confirmation naming the count; unstars likewise', async () => {
    const { page } = admin;
    await page.goto('/events?search=Recon+step');
    await row(page, 'Recon step 6').waitFor();
    await bulkMenu(page, 'Star all 6 shown…');
    const confirm = page.getByRole('dialog', { name: 'Star all 6 events?' });
    expect(await confirm.innerText()).toContain('matching the filter');
    await confirm.getByRole('button', { name: 'Star 6 events' }).click();
    await page.getByText('6 events starred.').waitFor();
    await row(page, 'Recon step 1').getByRole('button', { name: 'Unstar event' }).waitFor();
    expect(await descriptions('starred=true')).toHaveLength(6);

    await page.goto('/events?search=Recon+step+6');
    await row(page, 'Recon step 6').waitFor();
    await bulkMenu(page, 'Unstar all 1 shown…');
    await page
      .getByRole('dialog', { name: 'Unstar all 1 event?' })
      .getByRole('button', { name: 'Unstar 1 event' })
      .click();
    await page.getByText('1 event unstarred.').waitFor();
    expect(await descriptions('starred=true')).toEqual([
      'Recon step 1',
      'Recon step 2',
      'Recon step 3',
      'Recon step 4',
      'Recon step 5',
    ]);
  });

  it('edits the starred events and clears their stars; refuses when the starred changed meanwhile', async () => {
    const { page } = admin;
    // The refused bulk edit is a 409, which Chromium logs.
    admin.expectConsoleErrors(/status of 409/);
    // The teammate watches the event it is about to star.
    await operator.page.goto('/events?search=Recon+step');
    await row(operator.page, 'Recon step 6').waitFor();
    await page.goto('/events?sort=-timestamp');
    await row(page, 'Recon step 6').waitFor();
    await bulkMenu(page, 'Edit the starred…');
    let dialog = page.getByRole('dialog', { name: 'Edit the 5 starred events' });
    await dialog.waitFor();

    // Meanwhile a teammate stars one more event: the count the user saw is stale.
    const step6 = await byDescription('Recon step 6');
    await call(operator, 'post', `/api/v1/events/${step6.id}/star/`, { starred: true });
    await detectedField(dialog).click();
    await page.getByRole('option', { name: 'Alert Raised' }).click();
    await dialog.getByLabel('Clear the stars afterwards').check();
    await dialog.getByRole('button', { name: 'Apply to 5 events' }).click();
    await dialog.getByText('now holds 6 event(s), not the 5 you saw').waitFor();
    expect(await descriptions('detected=FUL')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await bulkMenu(page, 'Edit the starred…');
    dialog = page.getByRole('dialog', { name: 'Edit the 6 starred events' });
    await detectedField(dialog).click();
    await page.getByRole('option', { name: 'Alert Raised' }).click();
    await dialog.getByLabel('Clear the stars afterwards').check();
    await dialog.getByRole('button', { name: 'Apply to 6 events' }).click();
    await page.getByText('6 of 6 events changed.').waitFor();

    expect(await descriptions('detected=FUL')).toEqual([
      'Recon step 1',
      'Recon step 2',
      'Recon step 3',
      'Recon step 4',
      'Recon step 5',
      'Recon step 6',
    ]);
    expect(await events('starred=true')).toEqual([]);
    // Recorded in the history like any other change.
    const history = (await call(admin, 'get', `/api/v1/events/${step6.id}/history/`)) as {
      results: Array<{ diff: Record<string, unknown> }>;
    };
    expect(history.results[0]?.diff).toHaveProperty('detected');
    // The teammate's open grid shows it without a reload.
    await row(operator.page, 'Recon step 6').filter({ hasText: 'Alert Raised' }).waitFor({ timeout: 10_000 });
  });

  it('reported no console errors, CSP violations or server errors', () => {
    expect(admin.problems).toEqual([]);
    expect(operator.problems).toEqual([]);
  });
});
