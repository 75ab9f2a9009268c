import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  FORMULA,
  OTHER_ENGAGEMENT_TEXT,
  type PluginTestHarness,
  seedReportFixtures,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

/** Compares with `__golden__/NAME`; `UPDATE_GOLDEN=1` rewrites it (review the diff). */
async function golden(name: string, text: string) {
  const file = new URL(`./__golden__/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

describe.each(testDialects())('html-reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedReportFixtures(h);
  });
  afterAll(() => h.dispose());

  for (const key of ['html-event-logs', 'html-detection-summary']) {
    it(`${key} matches its golden file and never shows another engagement`, async () => {
      const { text, rendered } = await h.renderEventReport(key);
      expect(rendered.contentType).toContain('text/html');
      expect(text).not.toContain(OTHER_ENGAGEMENT_TEXT);
      expect(text).not.toContain('<script>');
      await golden(`${key}.html`, text);
    });
  }

  it('event logs: UTC times, escaped text, coloured status cells, filter applied', async () => {
    const { text } = await h.renderEventReport('html-event-logs', { filter: { tag: 'phishing' } });
    await golden('html-event-logs.phishing.html', text);
    expect(text).toContain('All times are represented in UTC');
    expect(text).toContain('2026-01-09 23:30 UTC to 2026-01-10 01:15 UTC');
    expect(text).toContain('&lt;script&gt;alert(');
    expect(text).toContain(FORMULA.replace("'", '&#39;').replace("'", '&#39;'));
    expect(text).toContain('bgcolor="darkred"');
    expect(text).not.toContain('LSASS dump');
    expect(text).toContain('[Ünïcode Tag]');
    expect(text).not.toContain('[Phishing]');
  });

  it('event logs: raw evidence never leaks, and DCSync text stays for a blue team reader', async () => {
    const blue = await h.renderEventReport('html-event-logs', {
      permissions: ['event.view', 'context.view', 'file.view', 'tag.view', 'report.view'],
    });
    expect(blue.text).toContain('DCSync');
    expect(blue.text).not.toContain('31d6cfe0d16ae931b73c59d7e0c089c0');
  });

  it('detection summary: kill-chain order, words and colours, the misspelt key answers the same', async () => {
    const { text } = await h.renderEventReport('html-detection-summary');
    expect(text.indexOf('Initial Access')).toBeLessThan(text.indexOf('Credential Access'));
    expect(text.indexOf('Credential Access')).toBeLessThan(text.indexOf('Lateral Movement'));
    expect(text.indexOf('Lateral Movement')).toBeLessThan(text.indexOf('Command and Control'));
    expect(text).not.toContain('Execution');
    expect(text).toContain('None (0%, 0 of 1)');
    const alias = await h.renderEventReport('html-dection-summary');
    expect(alias.text).toBe(text);
    const filtered = await h.renderEventReport('html-detection-summary', { filter: { tactic: 'TA0011' } });
    expect(filtered.text).not.toContain('Initial Access');
    expect(filtered.text).toContain('Command and Control');
  });

  it('needs report.view besides event.view', async () => {
    for (const key of ['html-event-logs', 'html-detection-summary']) {
      await expect(h.renderEventReport(key, { permissions: ['event.view', 'context.view'] })).rejects.toThrow(
        /Permission denied.*report\.view/,
      );
      await expect(h.renderEventReport(key, { permissions: ['report.view'] })).rejects.toThrow(/event\.view/);
    }
  });

  it('the alias is left out of menus', () => {
    const points = h.plugin.eventReports.map((p) => [p.key, p.hidden]);
    expect(points).toContainEqual(['html-dection-summary', true]);
    expect(points).toContainEqual(['html-detection-summary', false]);
  });
});
