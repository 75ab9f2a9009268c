import type { Browser } from 'playwright-core';
import type { RunningApp } from './app.ts';
import { loginViaUi, type NewPageOptions, newPage, type TestPage } from './browser.ts';

export interface SignedInPageOptions {
  page?: NewPageOptions;
  /**
   * How a user who never chose a timezone (e.g. one made by `createuser`) answers the prompt the app
   * then shows: 'save' keeps the browser's zone it suggests, 'later' dismisses it for the visit.
   * Leave it out for a user who has a timezone: no prompt is expected.
   */
  timezonePrompt?: 'save' | 'later';
}

/** A fresh browser context on the app, signed in through the login form as `user`. */
export async function signedInPage(
  browser: Browser,
  app: RunningApp,
  user: { username: string; password: string },
  options: SignedInPageOptions = {},
): Promise<TestPage> {
  const t = await newPage(browser, app, options.page);
  // A cold browser context loads the whole app: give a loaded machine time before the harness's clock starts.
  await t.page.goto('/login');
  await t.page.getByLabel('Username').waitFor({ timeout: 60_000 });
  await loginViaUi(t.page, user.username, user.password);
  if (options.timezonePrompt) {
    const prompt = t.page.getByRole('dialog', { name: 'Choose your timezone' });
    await prompt
      .getByRole('button', { name: options.timezonePrompt === 'save' ? 'Save timezone' : 'Later' })
      .click();
    await prompt.waitFor({ state: 'hidden' });
  }
  return t;
}
