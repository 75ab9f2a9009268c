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

/** Chromium's warnings that mean a defect of ours (a header it cannot read), not the page's business. */
const DEFECT_WARNING = /Permissions-Policy|Content Security Policy|Content-Security-Policy/i;

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /**
   * Console errors (a failed request's "Failed to load resource" included), uncaught exceptions, CSP
   * violations, header warnings and 5xx answers seen so far. The session checks it is empty after each test.
   */
  problems: string[];
  /**
   * Declares the console errors a test provokes on purpose (a wrong password answers 401, and Chromium
   * logs it): each pattern excuses the lines it matches until the test ends.
   */
  expectConsoleErrors: (...patterns: RegExp[]) => void;
  /** Forgets the excused patterns (after each test). */
  resetExpectedConsoleErrors: () => void;
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
  let expected: RegExp[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'warning' && DEFECT_WARNING.test(text)) {
      problems.push(`console warning: ${text}`);
      return;
    }
    if (msg.type() !== 'error') return;
    if (!/Content Security Policy|CSP violation/i.test(text) && expected.some((p) => p.test(text))) return;
    // A failed request's line does not say which request: its location does.
    const where = text.startsWith('Failed to load resource') ? ` (${msg.location().url})` : '';
    problems.push(`console error: ${text}${where}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`HTTP ${response.status()} from ${response.request().method()} ${response.url()}`);
  });
  return {
    page,
    context,
    problems,
    expectConsoleErrors: (...patterns) => {
      expected = [...expected, ...patterns];
    },
    resetExpectedConsoleErrors: () => {
      expected = [];
    },
    close: () => context.close(),
  };
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
