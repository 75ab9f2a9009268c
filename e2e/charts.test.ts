import fs from 'node:fs';
import { decodePng, parseSvg } from '@steppingstones/plugin-testing';
import { describe, expect, it } from 'vitest';
import { adminSession, createEventsViaApi, DEFAULT_SETUP, type RunningApp, snap } from './support/index.ts';

const ENG = DEFAULT_SETUP.engagement.code;

/** Three events on two days: Neither and Detected Only on 3 November, Both on 4 November. */
async function seedEvents(app: RunningApp): Promise<void> {
  const events = [
    { timestamp: '2026-11-03T09:00:00Z', detected: 'NEG', prevented: 'NEG' },
    { timestamp: '2026-11-03T11:00:00Z', detected: 'FUL', prevented: 'NEG' },
    { timestamp: '2026-11-04T10:00:00Z', detected: 'FUL', prevented: 'FUL' },
  ];
  await createEventsViaApi(
    app,
    events.map((e) => ({
      source: { host: 'KALI' },
      target: { host: '東京-DC01' },
      mitre_attack_tactic: 'TA0001',
      mitre_attack_technique: 'T1566',
      description: 'Phishing attempt',
      ...e,
    })),
  );
}

/**
 * Charts as a team lead uses them: drawn in the page with ECharts (hover for values, click the legend
 * to hide a series) under the app's strict CSP, with the server's SVG and PNG as downloads for Word.
 */
describe('interactive chart reports', { timeout: 180_000 }, () => {
  const session = adminSession({ prepare: seedEvents });

  it('draws the daily chart in the page: a tooltip on hover, the legend hides a series', async () => {
    const { page } = session.t;
    await page.goto('/events');
    await page.getByTestId('reporting-menu-event-report').click();
    await page.getByRole('menuitem', { name: 'Daily Detections and Preventions' }).click();
    await page.waitForURL(/\/reports\/graphical-reports\/daily-detections-and-preventions\?engagement=/);

    const chart = page.getByTestId('report-chart');
    await chart.locator('svg').first().waitFor();
    expect(await page.getByTestId('chart-fallback').count()).toBe(0);
    // The chart is the page's own SVG, at the size the report laid it out for.
    const box = (await chart.locator('svg').first().boundingBox())!;
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([1000, 600]);

    // Hover over the first day's bars (grid: left 60, right 330 of 1000 px; two days).
    const tooltip = page.locator('.report-chart-tooltip');
    const hoverFirstDay = async () => {
      await page.mouse.move(box.x + 5, box.y + 5);
      await page.mouse.move(box.x + 60 + (1000 - 60 - 330) / 4, box.y + 400);
      await tooltip.getByText('2026-11-03').waitFor();
      return tooltip.innerText();
    };
    const first = await hoverFirstDay();
    expect(first).toMatch(/Neither Detected Nor Prevented 33\.33%\s*1/);
    expect(first).toMatch(/Detected Only 33\.33%\s*1/);
    expect(first).not.toContain('Both Detected');
    await snap(page, 'chart-tooltip');

    // A click on a legend entry hides its series (and greys the entry); another shows it again.
    const legendEntry = chart.locator('text', { hasText: 'Detected Only 33.33%' });
    const entryColour = () => legendEntry.evaluate((el) => getComputedStyle(el).fill);
    const shown = await entryColour();
    await legendEntry.click();
    await expect.poll(entryColour).not.toBe(shown);
    await expect.poll(hoverFirstDay).not.toContain('Detected Only');
    expect(await hoverFirstDay()).toContain('Neither Detected Nor Prevented');
    await legendEntry.click();
    await page.mouse.move(box.x + 5, box.y + 5);
    await expect.poll(entryColour).toBe(shown);
    await expect.poll(hoverFirstDay).toContain('Detected Only 33.33%');

    expect(session.t.problems).toEqual([]);
  });

  it('keeps the SVG and PNG downloads (PNG at twice the size, for Word)', async () => {
    const { page } = session.t;
    await page.getByTestId('report-chart').locator('svg').first().waitFor();
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe(`${ENG}-daily-detections.svg`);
    const root = parseSvg(fs.readFileSync((await svg.path())!, 'utf8'));
    expect([root.width, root.height]).toEqual([1000, 600]);
    expect(root.texts).toContain('Daily Detections and Preventions');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe(`${ENG}-daily-detections.png`);
    const image = decodePng(new Uint8Array(fs.readFileSync((await png.path())!)));
    expect([image.width, image.height]).toEqual([2000, 1200]);
    expect(session.t.problems).toEqual([]);
  });

  it('draws the heat maps (shapes and text, no series) in the page too', async () => {
    const { page } = session.t;
    await page.goto(`/reports/graphical-reports/mitre-activity-heat-map?engagement=${ENG}`);
    const chart = page.getByTestId('report-chart');
    await chart.locator('text', { hasText: 'MITRE Activity Heat Map' }).waitFor();
    await chart.locator('text', { hasText: 'T1566' }).waitFor();
    // The form of the report's parameter redraws it with sub-techniques broken out.
    await page.getByRole('switch', { name: 'subtechniques' }).click({ force: true });
    await chart.locator('text', { hasText: 'Sub-techniques broken out' }).waitFor();
    await snap(page, 'chart-heat-map');
    expect(session.t.problems).toEqual([]);
  });
});
