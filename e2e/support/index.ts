export { type AdminSession, type AdminSessionOptions, adminSession } from './admin-session.ts';
export { adminAccessToken, createEventsViaApi } from './api-seed.ts';
export {
  ensureWebBuilt,
  ROOT,
  type RunningApp,
  START_TIMEOUT,
  type StartAppOptions,
  startApp,
} from './app.ts';
export {
  exactLabel,
  launchBrowser,
  loginViaUi,
  logoutViaUi,
  type NewPageOptions,
  newPage,
  snap,
  type TestPage,
} from './browser.ts';
export { type BrowserSession, type BrowserSessionOptions, browserSession } from './browser-session.ts';
export {
  type CliUser,
  completeSetupViaApi,
  createUserViaCli,
  DEFAULT_SETUP,
  type SetupData,
} from './setup.ts';
export { type SignedInPageOptions, signedInPage } from './signed-in-page.ts';
