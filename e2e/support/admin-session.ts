import type { RunningApp } from './app.ts';
import { type BrowserSession, type BrowserSessionOptions, browserSession } from './browser-session.ts';
import { completeSetupViaApi, DEFAULT_SETUP } from './setup.ts';

/** A browser session whose page is signed in as DEFAULT_SETUP's administrator. */
export type AdminSession = BrowserSession;

export interface AdminSessionOptions extends Omit<BrowserSessionOptions, 'signIn'> {
  /** Runs after the first-run setup, before the browser starts: seed data here. */
  prepare?: (app: RunningApp) => Promise<void>;
}

/**
 * The arrangement most browser test files share: the app after its first run (DEFAULT_SETUP), a browser
 * and a page signed in as the first administrator, all stopped after the calling `describe`.
 */
export function adminSession(options: AdminSessionOptions = {}): AdminSession {
  return browserSession({
    ...options,
    prepare: async (app) => {
      await completeSetupViaApi(app);
      await options.prepare?.(app);
    },
    signIn: DEFAULT_SETUP.admin,
  });
}
