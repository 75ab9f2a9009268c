import { postgresAdminQuery } from '@steppingstones/db';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeSetupViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  launchBrowser,
  type RunningApp,
  START_TIMEOUT,
  signedInPage,
  snap,
  startApp,
  type TestPage,
} from './support/index.ts';

interface StoredEvent {
  id: number;
  version: number;
  description: string;
  outcome: string;
  detected: string;
  prevented: string;
  tags: string[];
  updated_by: string | null;
}

/**
 * No lost edits (issue 5): two people edit the same event; the one who saves second is refused (409)
 * and merges field by field, their value beside the other's, before anything of theirs is written.
 * Runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
 */
describe.each(testDialects())('two users editing the same event (%s)', { timeout: 240_000 }, (dialect) => {
  let database: TestDatabase | null = null;
  let app: RunningApp;
  let browser: Browser;
  let alice: TestPage;
  let bob: TestPage;
  let eventId: number;
  const ENG = DEFAULT_SETUP.engagement.code;
  const ALICE = { username: 'alice', password: 'merges carefully under pressure 7' };
  const BOB = { username: 'bob', password: 'quick hands save first 42' };
  const BLUE = { username: 'blue', password: 'sapphire console watcher 19' };

  /** A write through the API in `page`'s session (CSRF token from `me`), like a teammate's other window. */
  const write = async (
    page: Page,
    method: 'post' | 'patch',
    path: string,
    data: unknown,
    ifMatch?: number,
  ) => {
    const me = (await (await page.request.get('/api/v1/auth/me/')).json()) as { csrfToken: string };
    const res = await page.request[method](path, {
      headers: {
        'x-csrf-token': me.csrfToken,
        origin: app.url,
        ...(ifMatch ? { 'if-match': `"${ifMatch}"` } : {}),
      },
      data,
    });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return (await res.json()) as StoredEvent;
  };
  const stored = async (page: Page): Promise<StoredEvent> => {
    const res = await page.request.get(`/api/v1/events/${eventId}/`);
    expect(res.status()).toBe(200);
    return (await res.json()) as StoredEvent;
  };
  const history = async (page: Page) => {
    const res = await page.request.get(`/api/v1/events/${eventId}/history/`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { results: { seq: number; actor: string | null }[] }).results
      .sort((a, b) => a.seq - b.seq)
      .map((r) => r.actor);
  };

  /** Opens the event's edit form and waits until it shows the stored description. */
  const openEdit = async (page: Page, description: string) => {
    await page.goto(`/events/${eventId}/edit`);
    const form = page.getByRole('dialog', { name: 'Edit event' });
    await expect.poll(() => form.getByLabel('Description').inputValue()).toBe(description);
    return form;
  };
  const pick = async (page: Page, scope: Locator, label: string, option: string) => {
    await scope
      .getByRole('combobox', { name: label, exact: true })
      .or(scope.getByRole('textbox', { name: label, exact: true }))
      .click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const group = (scope: Locator, name: string) => scope.getByRole('radiogroup', { name, exact: true });
  const radio = (scope: Locator, name: string, side: 'mine' | 'theirs') =>
    group(scope, name).getByRole('radio', { name: side === 'mine' ? /^Keep mine/ : /^Take theirs/ });
  const checked = async (scope: Locator, name: string) => {
    const [mine, theirs] = await Promise.all(
      (['mine', 'theirs'] as const).map((s) => radio(scope, name, s).getAttribute('aria-checked')),
    );
    return mine === 'true' ? 'mine' : theirs === 'true' ? 'theirs' : 'none';
  };

  beforeAll(async () => {
    if (dialect === 'postgres') database = await createTestDatabase('postgres');
    app = await startApp(database ? { env: { DATABASE_URL: database.url } } : {});
    await completeSetupViaApi(app);
    for (const u of [ALICE, BOB])
      await createUserViaCli(app, { ...u, groups: ['Red Team Operators'], engagements: [ENG] });
    await createUserViaCli(app, {
      ...BLUE,
      groups: ['Client Blue Team - Limited Write'],
      engagements: [ENG],
    });
    browser = await launchBrowser();
    // New users, asked for a timezone first: each keeps their browser's.
    alice = await signedInPage(browser, app, ALICE, { timezonePrompt: 'save' });
    bob = await signedInPage(browser, app, BOB, {
      page: { timezoneId: 'Europe/London' },
      timezonePrompt: 'save',
    });
    const created = await write(alice.page, 'post', '/api/v1/events/', {
      engagement: ENG,
      timestamp: '2026-11-18T10:15:00Z',
      source: { host: 'KALI-01', user: 'alice' },
      target: { host: 'DC01' },
      description: 'Kerberoasted svc_sql',
      tags: ['creds'],
    });
    eventId = created.id;
  }, START_TIMEOUT);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await browser?.close();
    await app?.stop();
    await database?.drop();
  });

  it("refuses the second save, shows the other user's values beside the user's own, and saves only the merge", async () => {
    const a = alice.page;
    const b = bob.page;
    // The refused save is a 409, which Chromium logs; the test expects exactly that one.
    alice.expectConsoleErrors(/status of 409/);
    bob.expectConsoleErrors(/status of 409/);
    const aliceForm = await openEdit(a, 'Kerberoasted svc_sql');
    await aliceForm.getByLabel('Description').fill('Kerberoasted svc_sql; cracked <b>Summer2026!</b> in 2 h');
    await pick(a, aliceForm, 'Detected?', 'Alert Raised');

    // Bob opens the same version, changes the description and the outcome, and saves first.
    const bobForm = await openEdit(b, 'Kerberoasted svc_sql');
    await bobForm.getByLabel('Description').fill('Kerberoasted svc_sql and svc_backup');
    await bobForm.getByLabel('Outcome', { exact: true }).fill('Hashes cracked offline');
    await bobForm.getByRole('button', { name: 'Save changes' }).click();
    await bobForm.waitFor({ state: 'hidden' });

    // Alice saves the version she opened: refused, and the merge view takes the form's place.
    await aliceForm.getByRole('button', { name: 'Save changes' }).click();
    const merge = aliceForm.getByRole('form', { name: 'Merge your changes' });
    await merge.getByRole('heading', { name: 'bob saved this event while you were editing it' }).waitFor();
    await snap(a, 'conflict-01-merge');
    // Nothing of Alice's was written: the server still holds Bob's version.
    expect(await stored(a)).toMatchObject({
      version: 2,
      description: 'Kerberoasted svc_sql and svc_backup',
      outcome: 'Hashes cracked offline',
      detected: 'UNK',
      updated_by: 'bob',
    });

    // Each field that differs, her value beside his; markup in a value is shown as text.
    const description = group(merge, 'Description');
    expect(await radio(merge, 'Description', 'mine').innerText()).toContain(
      'Kerberoasted svc_sql; cracked <b>Summer2026!</b> in 2 h',
    );
    expect(await radio(merge, 'Description', 'theirs').innerText()).toContain(
      'Kerberoasted svc_sql and svc_backup',
    );
    expect(await description.getByRole('radio', { name: /^Take theirs \(bob\)/ }).count()).toBe(1);
    expect(await merge.getByTestId('merge-field-description').innerText()).toMatch(
      /both changed this[\s\S]*bob changed it at/i,
    );
    expect(await merge.getByTestId('merge-field-description').innerText()).toContain(
      'Before either change: Kerberoasted svc_sql',
    );
    expect(await radio(merge, 'Outcome', 'theirs').innerText()).toContain('Hashes cracked offline');
    expect(await radio(merge, 'Detected?', 'mine').innerText()).toContain('Alert Raised');
    expect(await radio(merge, 'Detected?', 'theirs').innerText()).toContain('Unknown');
    // Fields nobody changed are not listed.
    expect(await group(merge, 'Target').count()).toBe(0);
    expect(await group(merge, 'Tags').count()).toBe(0);
    // A one-sided change keeps that change; a field both changed waits for her choice.
    expect(await checked(merge, 'Outcome')).toBe('theirs');
    expect(await checked(merge, 'Detected?')).toBe('mine');
    expect(await checked(merge, 'Description')).toBe('none');

    // Saving without choosing is refused in the page; nothing is sent.
    await merge.getByRole('button', { name: 'Save merged event' }).click();
    await merge
      .getByRole('alert')
      .filter({ hasText: 'Choose your value or theirs for: Description.' })
      .waitFor();
    expect((await stored(a)).version).toBe(2);

    // "Take all theirs" and "Keep all mine" set every field.
    await merge.getByRole('button', { name: 'Take all theirs' }).click();
    for (const f of ['Description', 'Outcome', 'Detected?']) expect(await checked(merge, f)).toBe('theirs');
    await merge.getByRole('button', { name: 'Keep all mine' }).click();
    for (const f of ['Description', 'Outcome', 'Detected?']) expect(await checked(merge, f)).toBe('mine');
    await radio(merge, 'Outcome', 'theirs').click();
    expect(await checked(merge, 'Outcome')).toBe('theirs');

    // Bob saves again before Alice's merge: her merged save is refused too, and the merge starts over
    // from his newest version, her choices carried as her values.
    const again = await openEdit(b, 'Kerberoasted svc_sql and svc_backup');
    await again
      .getByLabel('Outcome', { exact: true })
      .fill('Hashes cracked offline; svc_sql is a Domain Admin');
    await again.getByRole('button', { name: 'Save changes' }).click();
    await again.waitFor({ state: 'hidden' });
    await merge.getByRole('button', { name: 'Save merged event' }).click();
    await merge.getByRole('heading', { name: 'bob saved this event again before your merge' }).waitFor();
    expect((await stored(a)).version).toBe(3);
    expect(await checked(merge, 'Description')).toBe('mine');
    expect(await checked(merge, 'Detected?')).toBe('mine');
    expect(await checked(merge, 'Outcome')).toBe('theirs');
    expect(await radio(merge, 'Outcome', 'theirs').innerText()).toContain('svc_sql is a Domain Admin');
    await snap(a, 'conflict-02-second-round');

    await merge.getByRole('button', { name: 'Save merged event' }).click();
    await aliceForm.waitFor({ state: 'hidden' });
    expect(await stored(a)).toMatchObject({
      version: 4,
      description: 'Kerberoasted svc_sql; cracked <b>Summer2026!</b> in 2 h',
      outcome: 'Hashes cracked offline; svc_sql is a Domain Admin',
      detected: 'FUL',
      tags: ['creds'],
      updated_by: 'alice',
    });
    // Alice wrote exactly once: after Bob's two saves, with her merge.
    expect(await history(a)).toEqual(['alice', 'bob', 'bob', 'alice']);
    if (database) {
      // The app really ran on this PostgreSQL database.
      const rows = await postgresAdminQuery(database.url, 'select description from event where id = $1', [
        eventId,
      ]);
      expect(rows[0]).toMatchObject({
        description: 'Kerberoasted svc_sql; cracked <b>Summer2026!</b> in 2 h',
      });
    }
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it('the blue team merges its outcome the same way when an operator changed the event meanwhile', async () => {
    const blue = await signedInPage(browser, app, BLUE, {
      page: { colorScheme: 'dark' },
      timezonePrompt: 'save',
    });
    blue.expectConsoleErrors(/status of 409/);
    try {
      const page = blue.page;
      await page.goto(`/events/${eventId}/limited`);
      const form = page.getByRole('dialog', { name: 'Outcome and detection' });
      await expect
        .poll(() => form.getByLabel('Outcome', { exact: true }).inputValue())
        .toContain('Domain Admin');
      await form.getByLabel('Outcome', { exact: true }).fill('SOC isolated DC01 within 20 minutes');
      await pick(page, form, 'Prevented?', 'Manual Intervention');

      // Alice changes the outcome and Detected in her own window meanwhile.
      const current = await stored(alice.page);
      await write(
        alice.page,
        'patch',
        `/api/v1/events/${eventId}/`,
        { outcome: 'Cracked hashes reused on FS01', detected: 'PAR' },
        current.version,
      );

      await form.getByRole('button', { name: 'Save outcome' }).click();
      const merge = form.getByRole('form', { name: 'Merge your changes' });
      await merge
        .getByRole('heading', { name: 'alice saved this event while you were editing it' })
        .waitFor();
      await snap(page, 'conflict-03-limited-merge');
      expect(await stored(page)).toMatchObject({
        outcome: 'Cracked hashes reused on FS01',
        prevented: 'NEG',
      });
      // Only the three fields the blue team may change are offered.
      expect(await merge.getByRole('radiogroup').count()).toBe(3);
      expect(await checked(merge, 'Outcome')).toBe('none');
      expect(await checked(merge, 'Detected?')).toBe('theirs');
      expect(await checked(merge, 'Prevented?')).toBe('mine');
      await radio(merge, 'Outcome', 'mine').click();
      await merge.getByRole('button', { name: 'Save merged outcome' }).click();
      await form.waitFor({ state: 'hidden' });
      expect(await stored(page)).toMatchObject({
        outcome: 'SOC isolated DC01 within 20 minutes',
        detected: 'PAR',
        prevented: 'PAR',
        description: 'Kerberoasted svc_sql; cracked <b>Summer2026!</b> in 2 h',
        updated_by: 'blue',
      });
      expect(blue.problems).toEqual([]);
    } finally {
      await blue.close();
    }
  });

  it('a stale form that edits a shared context changes neither the context nor the event', async () => {
    const a = alice.page;
    alice.expectConsoleErrors(/status of 409/);
    const res = await a.request.get(`/api/v1/events/${eventId}/`);
    const before = (await res.json()) as StoredEvent & { source: { id: number; host: string } };
    expect(before.source.host).toBe('KALI-01');
    const form = await openEdit(a, before.description);
    // The source context is shared: editing it in place changes every event that uses it.
    await form.getByRole('button', { name: 'Edit shared…' }).first().click();
    await form.getByLabel('Source host').fill('KALI-99');

    // Bob changes the event in another window meanwhile.
    await write(bob.page, 'patch', `/api/v1/events/${eventId}/`, { outcome: 'Bob was here' }, before.version);

    await form.getByRole('button', { name: 'Save changes' }).click();
    const merge = form.getByRole('form', { name: 'Merge your changes' });
    await merge.getByRole('heading', { name: 'bob saved this event while you were editing it' }).waitFor();
    // Nothing of Alice's was written: not the shared context (its own record), not the event.
    const context = await a.request.get(`/api/v1/contexts/${before.source.id}/`);
    expect(((await context.json()) as { host: string }).host).toBe('KALI-01');
    expect(await stored(a)).toMatchObject({
      version: before.version + 1,
      outcome: 'Bob was here',
      updated_by: 'bob',
    });
    expect(alice.problems).toEqual([]);
  });
});
