import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminAccessToken, adminSession, createEventsViaApi, DEFAULT_SETUP, snap } from './support/index.ts';

/**
 * Reports as a team lead uses them: open one from the Reporting menu, see it in its sandboxed frame,
 * copy it as rich text for Word, download it. Uses the installed example plugin (plugins/example-reports),
 * which a new instance starts disabled: the admin switches it on first, as a user trying it out would.
 */
describe('reports from plugins', { timeout: 180_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const DESCRIPTION = 'Kerberoasted svc_sql <b>not bold</b>';
  const session = adminSession({
    prepare: async (app) => {
      const res = await fetch(`${app.url}/api/v1/plugins/example-reports/`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await adminAccessToken(app)}`,
        },
        body: JSON.stringify({ enabled: true }),
      });
      if (res.status !== 200) throw new Error(`enabling example-reports answered ${res.status}`);
      await createEventsViaApi(app, [
        {
          timestamp: '2026-11-03T10:00:00Z',
          source: { host: 'KALI' },
          target: { host: 'SQL01' },
          description: DESCRIPTION,
          detected: 'FUL',
        },
      ]);
    },
  });
  // The app's Copy writes the clipboard and the tests read it back.
  beforeAll(() =>
    session.t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.app.url }),
  );

  it('opens a report from the Reporting menu, copies it as rich text and downloads it', async () => {
    const { page } = session.t;
    // The Reporting menu sits in the events grid's toolbar and carries the grid's filter.
    await page.goto('/events');
    await page.getByTestId('reporting-menu-event-report').click();
    // Grouped by category with a header per category.
    await expect(page.getByText('Example Reports', { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.getByRole('menuitem', { name: 'Event summary' }).click();
    await page.waitForURL(/\/reports\/example-reports\/event-summary\?engagement=ACME-2026/);

    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.getByText(DESCRIPTION).waitFor();
    expect(await frame.locator('td[bgcolor="DarkSeaGreen"]').count()).toBe(1);
    await snap(page, 'report-viewer');

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('The report copied to the clipboard.').waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item ? await (await item.getType('text/html')).text() : '';
    });
    expect(copied).toContain('<table>');
    expect(copied).toContain('bgcolor="DarkSeaGreen"');
    expect(copied).toContain('Kerberoasted svc_sql &lt;b&gt;not bold&lt;/b&gt;');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ACME-2026-event-summary.html');
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    expect(saved).toContain('Kerberoasted svc_sql &lt;b&gt;not bold&lt;/b&gt;');

    expect(session.t.problems).toEqual([]);
  });

  it('shows every report on the Reports page as a gallery: by category, described, with a preview', async () => {
    const { page } = session.t;
    await page.goto('/reports');
    // Event reports first, then credential reports, each grouped by category.
    const html = page.getByRole('region', { name: 'HTML' }).first();
    const card = html.getByTestId('report-card').filter({ hasText: 'Event Logs' });
    await card.waitFor();
    // The preview is the report rendered for this engagement, made once the card is in view: its first
    // lines as a reader sees them (text, no markup). Previews render one after another on the server.
    await card.scrollIntoViewIfNeeded();
    const previewText = card.getByTestId('report-preview');
    await previewText
      .getByText('The following table lists the actions performed')
      .waitFor({ timeout: 90_000 });
    expect(await previewText.innerText()).not.toContain('<');
    expect(await page.getByRole('heading', { name: 'Markdown' }).count()).toBeGreaterThan(0);
    await card.getByText('The filtered events as a table').waitFor();
    const chart = page.getByTestId('report-card').filter({ hasText: 'Daily Detections and Preventions' });
    await chart.scrollIntoViewIfNeeded();
    const preview = chart.getByRole('img', { name: 'Preview of Daily Detections and Preventions' });
    await preview.waitFor();
    await expect
      .poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 90_000 })
      .toBeGreaterThan(0);
    await snap(page, 'reports-gallery');
    await card.getByRole('link', { name: 'Event Logs' }).click();
    await page.waitForURL(new RegExp(`/reports/html-reports/html-event-logs\\?engagement=${ENG}`));
  });

  it('copies rich text where the async clipboard API is missing, and shows Markdown with Copy and Download .md; a failure shows as its message', async () => {
    const { page } = session.t;
    await page.goto(`/reports/example-reports/event-summary?engagement=${ENG}`);
    await page.frameLocator('[data-testid="report-frame"]').getByText(DESCRIPTION).waitFor();
    // As in a browser without ClipboardItem (or a page served over plain HTTP): the fallback selects
    // an off-screen copy of the report and copies the selection, which keeps the table and colours.
    const apiLeft = await page.evaluate(async () => {
      await navigator.clipboard.writeText('');
      Reflect.deleteProperty(window, 'ClipboardItem');
      return typeof ClipboardItem;
    });
    expect(apiLeft).toBe('undefined');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('The report copied to the clipboard.').waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item?.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
    });
    expect(copied).toContain('<table');
    expect(copied).toMatch(/bgcolor="DarkSeaGreen"/i);
    expect(copied).toContain('Kerberoasted svc_sql &lt;b&gt;not bold&lt;/b&gt;');

    await page.goto(`/reports/markdown-reports/markdown-event-logs?engagement=${ENG}`);
    const text = page.getByTestId('report-text');
    await expect(text.textContent()).resolves.toContain('Kerberoasted svc');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('The Markdown copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Kerberoasted svc');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download .md', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    expect(fs.readFileSync((await download.path())!, 'utf8')).toContain('Kerberoasted svc');

    // A report that cannot render shows its own message in place of the report, not a broken page.
    session.t.expectConsoleErrors(/status of 400/);
    await page.goto(`/reports/example-reports/event-summary?engagement=${ENG}&includeEvidence=maybe`);
    const error = page.getByTestId('report-error');
    await expect(error.textContent()).resolves.toContain('includeEvidence');
    expect(await page.locator('[data-testid="report-frame"]').count()).toBe(0);
    expect(session.t.problems).toEqual([]);
  });

  it('states the filter the report used and changes it in place', async () => {
    const { page } = session.t;
    await page.goto(`/reports/example-reports/event-summary?engagement=${ENG}&search=nothing-like-it`);
    const filter = page.getByTestId('report-filter');
    await filter.getByText('Search: nothing-like-it').waitFor();
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.locator('body').waitFor();
    expect(await frame.getByText(DESCRIPTION).count()).toBe(0);
    // Another search, typed in the viewer: the report follows.
    await filter.getByLabel('Search the events').fill('Kerberoasted');
    await filter.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/search=Kerberoasted/);
    await filter.getByText('Search: Kerberoasted').waitFor();
    await frame.getByText(DESCRIPTION).waitFor();
    // Removing the condition leaves every event of the engagement, and says so.
    await filter.getByRole('button', { name: 'Remove Search' }).click();
    await filter.getByText('none, every event of the engagement').waitFor();
    expect(page.url()).not.toContain('search=');
    await frame.getByText(DESCRIPTION).waitFor();
  });

  it('grows the HTML preview with its content: the report does not scroll inside its frame', async () => {
    const { page } = session.t;
    await page.goto(`/reports/html-reports/html-event-logs?engagement=${ENG}`);
    await page.frameLocator('[data-testid="report-frame"]').getByText('Kerberoasted svc').first().waitFor();
    const frame = page.getByTestId('report-frame');
    await expect
      .poll(() =>
        frame.evaluate((el) => {
          const root = (el as HTMLIFrameElement).contentDocument?.documentElement;
          return root ? root.scrollHeight - root.clientHeight : -1;
        }),
      )
      .toBeLessThanOrEqual(0);
    // Fitted to the content, not a fixed box with white space under a short report.
    const [height, content] = await frame.evaluate((el) => [
      el.getBoundingClientRect().height,
      (el as HTMLIFrameElement).contentDocument?.documentElement.scrollHeight ?? 0,
    ]);
    expect(Math.abs(height - content)).toBeLessThan(8);
  });

  it('lists a hidden alias of a report once on Admin → Plugins', async () => {
    const { page } = session.t;
    await page.goto('/admin/plugins');
    const card = page.getByTestId('plugin-html-reports');
    await card.getByRole('switch', { name: 'Enable html-reports:html-detection-summary' }).waitFor();
    expect(await card.getByText('Detection Summary', { exact: true }).count()).toBe(1);
    expect(await card.getByRole('switch', { name: 'Enable html-reports:html-dection-summary' }).count()).toBe(
      0,
    );
  });

  it('lists the plugin on Admin → Plugins and shows a disabled report as not available', async () => {
    const { page } = session.t;
    await page.goto('/admin/plugins');
    const card = page.getByTestId('plugin-example-reports');
    await card.getByText('ok', { exact: true }).first().waitFor();
    await card.getByRole('switch', { name: 'Enable example-reports:event-summary' }).click({ force: true });
    await page.getByText('example-reports:event-summary disabled').waitFor();
    const res = await page.request.get(`/api/v1/reports/example-reports/event-summary/?engagement=${ENG}`);
    expect(res.status()).toBe(404);
    await card.getByRole('switch', { name: 'Enable example-reports:event-summary' }).click({ force: true });
    await page.getByText('example-reports:event-summary enabled').waitFor();
    expect(session.t.problems).toEqual([]);
  });
});
