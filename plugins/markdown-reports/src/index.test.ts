import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  HOSTILE,
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

describe.each(testDialects())('markdown-reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedReportFixtures(h);
  });
  afterAll(() => h.dispose());

  for (const key of ['markdown-event-logs', 'markdown-ioc-report', 'markdown-detection-advice']) {
    it(`${key} matches its golden file and never shows another engagement`, async () => {
      const { text, rendered } = await h.renderEventReport(key);
      expect(rendered.contentType).toContain('text/markdown');
      expect(text).not.toContain(OTHER_ENGAGEMENT_TEXT);
      expect(text).not.toContain('9.9.9.9');
      expect(text).not.toContain('<script>');
      await golden(`${key}.md`, text);
    });
  }

  it('event logs: times in UTC, hostile text escaped, evidence fenced, the filtered tag left out', async () => {
    const { text } = await h.renderEventReport('markdown-event-logs', { filter: { tag: 'phishing' } });
    await golden('markdown-event-logs.phishing.md', text);
    expect(text).toContain('2026-01-09 23:30 UTC to 2026-01-10 01:15 UTC');
    expect(text).toContain('All times are represented in UTC');
    expect(text).not.toContain('LSASS dump');
    expect(text).toContain('Pipe \\| and \\`tick\\` &lt;script&gt;');
    expect(text).not.toContain(HOSTILE);
    expect(text).toContain('~~~~\nFrom: a@b.example\n~~~\nSubject: Rechnung\n~~~~');
    expect(text).toContain('\\[Ünïcode Tag\\]');
    expect(text).not.toContain('\\[Phishing\\]');
  });

  it('event logs: evidence is masked for a blue team reader without credential.view', async () => {
    const hash = '31d6cfe0d16ae931b73c59d7e0c089c0';
    expect((await h.renderEventReport('markdown-event-logs')).text).toContain(hash);
    const blue = await h.renderEventReport('markdown-event-logs', {
      permissions: ['event.view', 'context.view', 'file.view', 'tag.view', 'report.view'],
    });
    expect(blue.text).toContain('DCSync');
    expect(blue.text).not.toContain(hash);
  });

  it('IOC report: public suffixes and private ranges (IPv6 included) split the infrastructure', async () => {
    const { text } = await h.renderEventReport('markdown-ioc-report', { params: { company: 'ACME' } });
    const section = (title: string) => text.split(`# ${title}`)[1]?.split('\n# ')[0] ?? '';
    const external = section('External Infrastructure');
    const internal = section('Internal Infrastructure');
    expect(external).toContain('ACME');
    for (const host of ['45.33.32.156', '2a00:1450:4009:81f::200e', 'cdn.münchen.de'])
      expect(external).toContain(host);
    for (const host of ['WS042', 'fd00::5', 'KALI01']) expect(internal).toContain(host);
    expect(external).not.toContain('fd00::5');
    expect(section('Compromised Accounts')).toContain('alice');
    expect(section('Compromised Accounts')).not.toContain('* op\n');
    expect(section('File Artifacts')).toContain('WS042 - C:\\\\Users\\\\alice\\\\Downloads\\\\invoice.docm');
  });

  it('needs report.view besides event.view; the IOC report also file.view (its file artefacts)', async () => {
    for (const key of ['markdown-event-logs', 'markdown-ioc-report', 'markdown-detection-advice']) {
      await expect(
        h.renderEventReport(key, { permissions: ['event.view', 'context.view', 'file.view'] }),
      ).rejects.toThrow(/Permission denied.*report\.view/);
      await expect(h.renderEventReport(key, { permissions: ['report.view', 'file.view'] })).rejects.toThrow(
        /event\.view/,
      );
    }
    for (const key of ['markdown-event-logs', 'markdown-detection-advice'])
      await expect(
        h.renderEventReport(key, { permissions: ['event.view', 'report.view'] }),
      ).resolves.toBeTruthy();
    await expect(
      h.renderEventReport('markdown-ioc-report', { permissions: ['event.view', 'report.view'] }),
    ).rejects.toThrow(/Permission denied.*file\.view/);
    const ioc = await h.renderEventReport('markdown-ioc-report', {
      permissions: ['event.view', 'report.view', 'file.view'],
    });
    expect(ioc.text).toContain('invoice.docm');
  });

  it('detection advice: ATT&CK v18 detection strategies and mitigations, tactics in kill-chain order', async () => {
    const { text } = await h.renderEventReport('markdown-detection-advice');
    expect(text.indexOf('# TA0001')).toBeLessThan(text.indexOf('# TA0006'));
    expect(text.indexOf('# TA0006')).toBeLessThan(text.indexOf('# TA0011'));
    expect(text).toContain('**T1003.006 DCSync**');
    expect(text).toContain('Detection strategy DET0594');
    expect(text).toContain('*Mitigations:*');
    expect(text).not.toContain('(Citation:');
    const filtered = await h.renderEventReport('markdown-detection-advice', { filter: { tactic: 'TA0011' } });
    expect(filtered.text).not.toContain('# TA0001');
    expect(filtered.text).toContain('T1071.001');
  });
});
