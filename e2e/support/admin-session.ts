import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningApp, START_TIMEOUT, type StartAppOptions, startApp } from './app.ts';
import { launchBrowser, loginViaUi, type NewPageOptions, newPage, type TestPage } from './browser.ts';
import { completeSetupViaApi, DEFAULT_SETUP } from './setup.ts';

/** What a test file signed in as the first administrator works with (set once `beforeAll` has run). */
export interface AdminSession {
  app: RunningApp;
  browser: Browser;
  /** A page signed in as DEFAULT_SETUP's administrator. */
  t: TestPage;
}

export interface AdminSessionOptions {
  start?: StartAppOptions;
  /** Runs after the first-run setup, before the browser starts: seed data here. */
  prepare?: (app: RunningApp) => Promise<void>;
  page?: NewPageOptions;
}

/**
 * The arrangement most browser test files share: registers `beforeAll` (the app after its first run, a
 * browser, a page signed in as the first administrator) and `afterAll` (all of it stopped) in the
 * calling `describe`. Read the returned object's fields inside the tests, not at declaration time.
 */
export function adminSession(options: AdminSessionOptions = {}): AdminSession {
  const session = {} as AdminSession;
  beforeAll(async () => {
    session.app = await startApp(options.start);
    await completeSetupViaApi(session.app);
    await options.prepare?.(session.app);
    session.browser = await launchBrowser();
    session.t = await newPage(session.browser, session.app, options.page);
    await loginViaUi(session.t.page, DEFAULT_SETUP.admin.username, DEFAULT_SETUP.admin.password);
  }, START_TIMEOUT);
  afterAll(async () => {
    await session.t?.close();
    await session.browser?.close();
    await session.app?.stop();
  });
  return session;
}
