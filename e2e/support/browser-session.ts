import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type RunningApp, START_TIMEOUT, type StartAppOptions, startApp } from './app.ts';
import { launchBrowser, type NewPageOptions, newPage, type TestPage } from './browser.ts';
import { signedInPage } from './signed-in-page.ts';

/** What a browser test file works with (set once `beforeAll` has run). */
export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  /** The file's page: fresh, or signed in when the session was asked to. */
  t: TestPage;
}

export interface BrowserSessionOptions {
  start?: StartAppOptions;
  /** Runs once the app answers, before the browser starts: the first run, users, seed data. */
  prepare?: (app: RunningApp) => Promise<void>;
  page?: NewPageOptions;
  /** Signs the page in as this user (who has a timezone: no prompt is answered). */
  signIn?: { username: string; password: string };
}

/**
 * The arrangement every browser test file shares: registers `beforeAll` (the app, a browser, a page)
 * and `afterAll` (all of it stopped) in the calling `describe`. Read the returned object's fields inside
 * the tests, not at declaration time.
 */
export function browserSession(options: BrowserSessionOptions = {}): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    session.app = await startApp(options.start);
    await options.prepare?.(session.app);
    session.browser = await launchBrowser();
    session.t = options.signIn
      ? await signedInPage(session.browser, session.app, options.signIn, { page: options.page })
      : await newPage(session.browser, session.app, options.page);
  }, START_TIMEOUT);
  // No test leaves a console error, CSP violation or server error behind, whether it asserts it or not.
  afterEach(() => {
    if (!session.t) return;
    const seen = session.t.problems.splice(0);
    session.t.resetExpectedConsoleErrors();
    expect(seen, 'problems the browser reported during this test').toEqual([]);
  });
  afterAll(async () => {
    await session.t?.close();
    await session.browser?.close();
    await session.app?.stop();
  });
  return session;
}
