import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { RunningApp } from './app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * A browser console line that is the expected, logged side effect of an HTTP error answer the app
 * handles (401 from the signed-in probe, 401 on a wrong password, 403/404 pages). Chromium logs those
 * as console errors; they are not bugs. 5xx answers and everything else still fail the test.
 */
const HANDLED_HTTP_ERROR =
  /^Failed to load resource: the server responded with a status of (400|401|403|404|409|429) /;

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions, CSP violations and 5xx answers seen so far. */
  problems: string[];
  close: () => Promise<void>;
}

export interface NewPageOptions {
  /** The browser's IANA zone (the app pre-selects it). Default Europe/Berlin, so tests see it differ from UTC. */
  timezoneId?: string;
  colorScheme?: 'light' | 'dark';
  locale?: string;
}

/** A fresh browser context (no cookies) on the app, recording every problem the page reports. */
export async function newPage(
  browser: Browser,
  app: RunningApp,
  options: NewPageOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: app.url,
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-GB',
    viewport: { width: 1280, height: 860 },
  });
  // Report CSP violations explicitly, whatever the console says (init scripts are not subject to the CSP).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  // Generous, because the machines running these are small and shared; still a deadline.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(45_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (HANDLED_HTTP_ERROR.test(text) && !/Content Security Policy/i.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`HTTP ${response.status()} from ${response.request().method()} ${response.url()}`);
  });
  return { page, context, problems, close: () => context.close() };
}

/** Signs in through the login form and waits for the signed-in layout. */
export async function loginViaUi(page: Page, username: string, password: string): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(exactLabel('Password')).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** Logs out through the user menu and waits for the login page. */
export async function logoutViaUi(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** Saves a screenshot when E2E_SCREENSHOTS names a directory (for looking at the UI; never asserted). */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Matches a form label exactly, with or without Mantine's required asterisk ("Password *"). */
export function exactLabel(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}
