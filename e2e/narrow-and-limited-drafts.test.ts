import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSession,
  createEventsViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  START_TIMEOUT,
  signedInPage,
  snap,
  type TestPage,
} from './support/index.ts';

/**
 * The event log away from a wide desktop window (a laptop's split screen, a phone): no sideways
 * scrolling, the fields that matter in view. And the blue team's outcome form loses nothing typed,
 * like the operator's form.
 */
describe('the event log on narrow screens, and the blue team’s drafts', { timeout: 240_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const blue = { username: 'soc.analyst', password: 'limited writer passphrase 2026' };
  const session = adminSession({
    prepare: async (app) => {
      await createUserViaCli(app, {
        ...blue,
        groups: ['Client Blue Team - Limited Write'],
        engagements: [ENG],
      });
      await createEventsViaApi(app, [
        {
          timestamp: '2026-11-03T09:01:00Z',
          source: { host: 'KALI-01', user: 'operator', process: 'impacket-secretsdump' },
          target: { host: 'DC01.corp.acme.example', user: 'ACME\\Administrator' },
          description: 'Dumped NTDS.dit from DC01 over DRSUAPI',
          raw_evidence:
            'Impacket v0.12 - Copyright Fortra\n[*] Using the DRSUAPI method to get NTDS.DIT secrets',
          mitre_attack_tactic: 'TA0006',
          mitre_attack_technique: 'T1003',
          mitre_attack_subtechnique: 'T1003.003',
          detected: 'FUL',
          prevented: 'NEG',
          outcome: 'Domain hashes',
        },
        {
          timestamp: '2026-11-03T09:05:00Z',
          source: { host: 'KALI-01' },
          target: { host: 'FS01' },
          description: 'Kerberoasted svc_sql',
        },
      ]);
    },
  });
  let soc: TestPage;
  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

  beforeAll(async () => {
    soc = await signedInPage(session.browser, session.app, blue, { timezonePrompt: 'later' });
  }, START_TIMEOUT);
  afterAll(async () => {
    await soc?.close();
  });

  /** Neither the page nor the grid box scrolls sideways; each element given lies inside the window. */
  const fitsWidth = async (page: Page, what: string) => {
    const sizes = await page.evaluate(() => {
      const grid = document.querySelector('[data-testid="event-grid"]');
      return {
        window: window.innerWidth,
        page: document.documentElement.scrollWidth,
        grid: grid ? grid.scrollWidth - grid.clientWidth : 0,
      };
    });
    if (sizes.grid > 0 || sizes.page > sizes.window)
      console.log(
        what,
        JSON.stringify(sizes),
        await page.evaluate(() => {
          const limit = window.innerWidth;
          const grid = document.querySelector('[data-testid="event-grid"]');
          const edge = grid ? grid.getBoundingClientRect().right : limit;
          return [...document.querySelectorAll('[data-testid="event-grid"] *')]
            .map((e) => ({ e, r: e.getBoundingClientRect() }))
            .filter(({ r }) => r.right > edge + 1 && r.width > 0)
            .slice(0, 12)
            .map(
              ({ e, r }) =>
                `${e.tagName}.${e.className} ${e.getAttribute('data-col') ?? ''} ${Math.round(r.left)}-${Math.round(r.right)}`,
            );
        }),
      );
    expect(sizes.page, `${what}: the page is wider than the window`).toBeLessThanOrEqual(sizes.window);
    expect(sizes.grid, `${what}: the grid scrolls sideways`).toBeLessThanOrEqual(0);
    return sizes.window;
  };
  const inView = async (locator: ReturnType<Page['getByText']>, width: number) => {
    await locator.waitFor();
    const box = await locator.boundingBox();
    expect(box, 'shown').not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
  };

  for (const [label, viewport] of [
    ['a laptop split screen', { width: 800, height: 900 }],
    ['a phone', { width: 390, height: 844 }],
  ] as const)
    it(`keeps the grid, an event’s page and its form inside ${label} (${viewport.width} px)`, async () => {
      const { page } = session.t;
      await page.setViewportSize(viewport);
      try {
        await page.goto('/events');
        const dumped = row(page, 'Dumped NTDS.dit from DC01');
        await dumped.waitFor();
        const width = await fitsWidth(page, 'the grid');
        // What a reader needs of a row: when, from where to where, what, and whether it was seen.
        await inView(dumped.getByText('Dumped NTDS.dit from DC01 over DRSUAPI'), width);
        await inView(dumped.getByText('KALI-01'), width);
        await inView(dumped.getByText('DC01.corp.acme.example'), width);
        await inView(dumped.getByText('Alert Raised'), width);
        await inView(dumped.getByText(/T1003\.003/).first(), width);
        await inView(dumped.getByRole('button', { name: /^Edit event/ }), width);
        // Stacked cells say what they are.
        expect(
          await dumped
            .locator('[data-col="detected"]')
            .evaluate((td) => getComputedStyle(td, '::before').content),
        ).toBe('"Detected"');
        // Sorting stays at hand.
        await inView(page.getByRole('button', { name: 'Detected' }), width);
        await snap(page, `narrow-${viewport.width}-grid`);

        await dumped.getByText('Dumped NTDS.dit from DC01 over DRSUAPI').click();
        await page
          .getByTestId('event-page')
          .getByRole('heading', { name: /Dumped NTDS\.dit/ })
          .waitFor();
        await fitsWidth(page, 'the event page');
        await snap(page, `narrow-${viewport.width}-event-page`);

        await page.goto('/events');
        await dumped.getByRole('button', { name: /^Edit event/ }).click();
        const form = page.getByRole('dialog', { name: /^Edit event$/ });
        await form.getByLabel('Description').waitFor();
        await fitsWidth(page, 'the event form');
        await inView(form.getByRole('button', { name: 'Save changes' }), width);
        await page.keyboard.press('Escape');
        await form.waitFor({ state: 'hidden' });
      } finally {
        await page.setViewportSize({ width: 1280, height: 860 });
      }
    });

  it('asks the blue team before discarding an outcome, and keeps it as a draft until saved', async () => {
    const { page } = soc;
    const form = page.getByRole('dialog', { name: 'Outcome and detection' });
    const outcome = form.getByLabel('Outcome', { exact: true });
    const open = async () => {
      await page.goto('/events');
      await row(page, 'Kerberoasted svc_sql')
        .getByRole('button', { name: /^Edit outcome of event/ })
        .click();
      await outcome.waitFor();
    };
    await open();
    await page.waitForURL(/\/events\/\d+\/limited/);
    await outcome.fill('SOC saw the TGS requests at 09:06');

    // Esc asks; keeping on editing keeps the text.
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await outcome.inputValue()).toBe('SOC saw the TGS requests at 09:06');

    // Cancel asks too; keeping the draft closes the form, and a reload brings it back, flagged.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await ask.getByRole('button', { name: 'Close and keep the draft' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.reload();
    await open();
    await form.getByTestId('restored-draft').waitFor();
    expect(await outcome.inputValue()).toBe('SOC saw the TGS requests at 09:06');

    // Discarded: the stored outcome again, no draft.
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await form.waitFor({ state: 'hidden' });
    await open();
    expect(await outcome.inputValue()).toBe('');
    expect(await form.getByTestId('restored-draft').count()).toBe(0);

    // Saved: the draft is gone, and an untouched form closes without asking.
    await outcome.fill('Detected by the SOC at 09:06');
    await form.getByRole('button', { name: 'Save outcome' }).click();
    await form.waitFor({ state: 'hidden' });
    await open();
    expect(await outcome.inputValue()).toBe('Detected by the SOC at 09:06');
    expect(await form.getByTestId('restored-draft').count()).toBe(0);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });
});
