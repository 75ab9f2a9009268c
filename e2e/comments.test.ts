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
 * The conversation on an event between the red team and the client's blue team, each in their own
 * browser: a blue comment reaches the operator's open page live with its side label, a red-team-only
 * comment never reaches the blue team, and Markdown carrying HTML or script is shown inert.
 */
describe('comments on an event between an operator and the blue team', { timeout: 240_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const op = { username: 'op.comment', password: 'operator comment passphrase 2026' };
  const blue = { username: 'blue.comment', password: 'blue comment passphrase 2026' };
  const session = adminSession({
    prepare: async (app) => {
      await createUserViaCli(app, { ...op, groups: ['Red Team Operators'], engagements: [ENG] });
      await createUserViaCli(app, { ...blue, groups: ['Client Blue Team - Read Only'], engagements: [ENG] });
      await createEventsViaApi(app, [
        {
          timestamp: '2026-11-02T10:41:00Z',
          source: { host: 'KALI-01' },
          target: { host: 'DC01' },
          description: 'Kerberoasting from KALI-01',
        },
        {
          timestamp: '2026-11-02T09:00:00Z',
          source: { host: 'KALI-01' },
          target: { host: 'DMZ-WEB' },
          description: 'Port scan of the DMZ',
        },
      ]);
    },
  });
  let operator: TestPage;
  let blueTeam: TestPage;
  let eventId = 0;

  const thread = (page: Page) => page.getByTestId('comment-thread');
  const comment = (page: Page, text: string) => thread(page).getByTestId('comment').filter({ hasText: text });
  const post = async (page: Page, text: string) => {
    await thread(page).getByRole('combobox', { name: 'Add a comment' }).fill(text);
    await thread(page).getByRole('button', { name: 'Comment', exact: true }).click();
    await comment(page, text.slice(0, 20)).first().waitFor();
  };

  beforeAll(async () => {
    operator = await signedInPage(session.browser, session.app, op, { timezonePrompt: 'later' });
    blueTeam = await signedInPage(session.browser, session.app, blue, { timezonePrompt: 'later' });
    const list = (await (
      await operator.page.request.get(`/api/v1/events/?engagement=${ENG}&search=Kerberoasting`)
    ).json()) as { results: Array<{ id: number }> };
    eventId = list.results[0]!.id;
  }, START_TIMEOUT);
  afterAll(async () => {
    await operator?.close();
    await blueTeam?.close();
  });

  it('shows a blue team comment live on the operator’s open page, labelled Blue team', async () => {
    await operator.page.goto(`/events/${eventId}`);
    await blueTeam.page.goto(`/events/${eventId}`);
    await thread(operator.page).getByText('No comments yet').waitFor();
    await thread(blueTeam.page).getByText('No comments yet').waitFor();
    // The blue team is not offered the red-team-only switch.
    expect(await thread(blueTeam.page).getByRole('switch', { name: 'Red team only' }).count()).toBe(0);
    expect(await thread(operator.page).getByRole('switch', { name: 'Red team only' }).count()).toBe(1);

    await post(blueTeam.page, 'We saw this at 10:42 in the EDR console');
    const seen = comment(operator.page, 'We saw this at 10:42');
    await seen.waitFor({ timeout: 10_000 });
    expect(await seen.getByTestId('comment-side').innerText()).toMatch(/blue team/i);
    expect(await seen.getAttribute('data-side')).toBe('blue');
  });

  it('keeps a red team only comment from the blue team, live and after a reload', async () => {
    const box = thread(operator.page).getByRole('combobox', { name: 'Add a comment' });
    await box.fill('They have not spotted the second beacon yet');
    const redOnly = thread(operator.page).getByRole('switch', { name: 'Red team only' });
    await redOnly.click();
    expect(await redOnly.isChecked()).toBe(true);
    await thread(operator.page).getByRole('button', { name: 'Comment', exact: true }).click();
    const hidden = comment(operator.page, 'second beacon');
    await hidden.waitFor();
    expect(await hidden.innerText()).toMatch(/red team only/i);
    // A later open comment reaches the blue team; the hidden one, posted before it, never did.
    await redOnly.click();
    expect(await redOnly.isChecked()).toBe(false);
    await post(operator.page, 'Thanks, noted the EDR time');
    await comment(blueTeam.page, 'Thanks, noted the EDR time').waitFor({ timeout: 10_000 });
    expect(await comment(blueTeam.page, 'Thanks, noted').getByTestId('comment-side').innerText()).toMatch(
      /red team/i,
    );
    expect(await thread(blueTeam.page).innerText()).not.toContain('second beacon');
    await blueTeam.page.reload();
    await comment(blueTeam.page, 'Thanks, noted the EDR time').waitFor();
    expect(await thread(blueTeam.page).innerText()).not.toContain('second beacon');
  });

  it('offers members when typing @ and shows Markdown with HTML and script inert', async () => {
    const box = thread(operator.page).getByRole('combobox', { name: 'Add a comment' });
    await box.fill('');
    await box.pressSequentially('Ping @blue.c');
    await operator.page.getByRole('option', { name: /@blue\.comment/ }).click();
    expect(await box.inputValue()).toBe('Ping @blue.comment ');
    await box.pressSequentially(
      '**bold move** <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [run](javascript:alert(1))',
    );
    await thread(operator.page).getByRole('button', { name: 'Comment', exact: true }).click();
    const shown = comment(blueTeam.page, 'Ping @blue.comment');
    await shown.waitFor({ timeout: 10_000 });
    const body = shown.getByTestId('comment-body');
    expect(await body.locator('strong').innerText()).toBe('bold move');
    // The tags are text on the page, not elements; nothing ran.
    expect(await body.innerText()).toContain('<script>window.__pwned = 1</script>');
    expect(await body.locator('script, img').count()).toBe(0);
    expect(await body.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await blueTeam.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await operator.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('counts on the grid row the comments each side may see, and filters on the blue team’s', async () => {
    const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
    await operator.page.goto('/events');
    await blueTeam.page.goto('/events');
    const count = (page: Page) => row(page, 'Kerberoasting').getByTestId('comment-count');
    await count(operator.page).waitFor();
    expect(await count(operator.page).innerText()).toBe('4');
    await count(blueTeam.page).waitFor();
    expect(await count(blueTeam.page).innerText()).toBe('3');
    await row(blueTeam.page, 'Port scan of the DMZ').waitFor();
    // The chip's input is hidden behind its label, which is what a user clicks.
    await blueTeam.page.locator('label', { hasText: 'Blue team commented' }).click();
    await blueTeam.page.waitForURL(/blue_comments=true/);
    await row(blueTeam.page, 'Port scan of the DMZ').waitFor({ state: 'detached' });
    await row(blueTeam.page, 'Kerberoasting').waitFor();
  });

  it('saw no console error, failed request or CSP violation in either browser', () => {
    expect(operator.problems).toEqual([]);
    expect(blueTeam.problems).toEqual([]);
  });
});
