import { beforeAll, describe, expect, it } from 'vitest';
import { adminAccessToken, adminSession, DEFAULT_SETUP } from './support/index.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const DUMP = [
  `CORP\\alice:1105:${LM0}:${'1'.repeat(32)}:::`,
  `CORP\\bob:1106:${LM0}:${'1'.repeat(32)}:::`,
  `CORP\\carol:1107:${LM0}:${'3'.repeat(32)}:::`,
  `CORP\\WS01$:1108:${LM0}:${'4'.repeat(32)}:::`,
].join('\n');

/** The statistics page in a browser: figures, the three charts, and a table copied as Markdown. */
describe('the password statistics page', { timeout: 240_000 }, () => {
  const session = adminSession({
    page: { timezoneId: 'UTC' },
    prepare: async (app) => {
      const access = await adminAccessToken(app);
      const code = DEFAULT_SETUP.engagement.code;
      const post = async (path: string, body: string) => {
        const res = await fetch(`${app.url}/api/v1/credentials/${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${access}`, 'content-type': 'text/plain' },
          body,
        });
        if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
      };
      await post(`imports/?engagement=${code}&type=pwdump`, DUMP);
      await post(`cracked/?engagement=${code}`, `${'1'.repeat(32)}:Summer2024!\n`);
    },
  });
  beforeAll(() =>
    session.t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.app.url }),
  );

  it('shows the figures and charts and copies a table as Markdown', async () => {
    const { page } = session.t;
    await page.goto('/credentials/stats');
    await page.getByRole('heading', { name: 'Password statistics' }).waitFor();
    await page.getByText('Secrets known for 2 of 3 unique user accounts (66.7%).').waitFor();
    for (const key of ['png-password-lengths', 'chart-password-complexity', 'chart-password-structure'])
      await page.getByTestId(`stats-chart-${key}`).locator('svg').first().waitFor();
    const lengths = page.getByTestId('stats-chart-png-password-lengths');
    expect(await lengths.getByRole('link', { name: 'PNG' }).getAttribute('href')).toContain('format=png');

    const reused = page.getByTestId('stats-table-Most reused passwords');
    await reused.getByText('Summer2024!').waitFor();
    await reused.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByText('Most reused passwords copied as Markdown.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('| Password | Accounts |\n| --- | --- |\n| Summer2024! | 2 |');
    await page.getByText('-a 3 (mask)').waitFor();
    expect(session.t.problems).toEqual([]);
  });

  it('opens the statistics and the credential reports from the vault with its filter', async () => {
    const { page } = session.t;
    await page.goto('/credentials');
    await page.getByRole('heading', { name: 'Credentials' }).waitFor();
    await page.getByLabel('Search').fill('alice');
    await page.getByText('1 credential').waitFor();

    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Password statistics' }).waitFor();
    expect(new URL(page.url()).searchParams.get('search')).toBe('alice');
    await page.getByText('Secrets known for 1 of 1 unique user accounts (100%).').waitFor();
    await page.getByText('Search: alice').waitFor();
    const pngHref = await page
      .getByTestId('stats-chart-png-password-lengths')
      .getByRole('link', { name: 'PNG' })
      .getAttribute('href');
    expect(pngHref).toContain('search=alice');
    await page.getByRole('button', { name: 'Remove the filter Search: alice' }).click();
    await page.getByText('Secrets known for 2 of 3 unique user accounts (66.7%).').waitFor();

    await page.getByRole('link', { name: 'Back to the vault' }).click();
    await page.getByRole('heading', { name: 'Credentials' }).waitFor();
    await page.getByLabel('Search').fill('carol');
    await page.getByText('1 credential').waitFor();
    await page.getByTestId('reporting-menu-credential-report').click();
    await page.getByRole('menuitem', { name: 'Password audit summary' }).click();
    await page.getByRole('heading', { name: 'Password audit summary' }).waitFor();
    expect(new URL(page.url()).searchParams.get('search')).toBe('carol');
    // The report states the vault filter it was made with.
    await page.getByTestId('report-filter').getByText('Search: carol').waitFor();
    await page
      .getByText('Secrets recovered for 0 of 1 (0%) unique user accounts.', { exact: false })
      .waitFor();
    expect(session.t.problems).toEqual([]);
  });
});
