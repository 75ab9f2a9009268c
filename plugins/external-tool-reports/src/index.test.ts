import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  FORMULA,
  OTHER_ENGAGEMENT_TEXT,
  type PluginTestHarness,
  seedReportFixtures,
  testDialects,
} from '@steppingstones/plugin-sdk/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPLOG_COLUMNS } from './ghostwriter-oplog.ts';
import plugin from './index.ts';

/** Compares with `__golden__/NAME`; `UPDATE_GOLDEN=1` rewrites it (review the diff). */
async function golden(name: string, text: string) {
  const file = new URL(`./__golden__/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

const BLUE = ['event.view', 'context.view', 'file.view', 'tag.view', 'report.view'];

describe.each(testDialects())('external-tool-reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedReportFixtures(h);
  });
  afterAll(() => h.dispose());

  it('Navigator layer: format 4.5 for ATT&CK 18 with every required key, scored and coloured by prevention', async () => {
    const { text, rendered } = await h.renderEventReport('mitre-attack-navigator');
    expect(rendered.contentType).toContain('application/json');
    const layer = JSON.parse(text);
    for (const key of ['name', 'versions', 'domain', 'techniques', 'gradient', 'legendItems'])
      expect(layer).toHaveProperty(key);
    expect(layer.versions).toEqual({ attack: '18', navigator: '5.1.0', layer: '4.5' });
    expect(layer.domain).toBe('enterprise-attack');
    const used = layer.techniques.filter((t: { enabled: boolean }) => t.enabled);
    for (const t of used)
      for (const key of ['techniqueID', 'tactic', 'color', 'comment', 'enabled', 'metadata'])
        expect(t).toHaveProperty(key);
    const dcsync = used.find((t: { techniqueID: string }) => t.techniqueID === 'T1003.006');
    expect(dcsync).toMatchObject({ tactic: 'credential-access', score: 0, color: '#F6CCD0' });
    const c2 = used.find((t: { techniqueID: string }) => t.techniqueID === 'T1071.001');
    expect(c2).toMatchObject({ tactic: 'command-and-control', score: 50, color: '#FFFACD' });
    const naOnly = used.find((t: { techniqueID: string }) => t.techniqueID === 'T1566.001');
    expect(naOnly.score).toBeUndefined();
    expect(layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1059')).toMatchObject({
      enabled: false,
    });
    expect(used.some((t: { techniqueID: string }) => t.techniqueID === 'T1059')).toBe(false);
    expect(text).not.toContain(OTHER_ENGAGEMENT_TEXT);
    await golden(
      'mitre-attack-navigator.used.json',
      `${JSON.stringify({ ...layer, techniques: used }, null, 2)}\n`,
    );
    const filtered = JSON.parse(
      (await h.renderEventReport('mitre-attack-navigator', { filter: { tactic: 'TA0011' } })).text,
    );
    const ids = (pred: (t: { enabled: boolean }) => boolean) =>
      filtered.techniques.filter(pred).map((t: { techniqueID: string }) => t.techniqueID);
    expect(ids((t) => t.enabled)).toEqual(['T1071.001']);
    // The parent of a used sub-technique stays enabled so Navigator shows the sub-technique.
    expect(ids((t) => !t.enabled)).not.toContain('T1071');
    expect(ids((t) => !t.enabled)).toContain('T1566');
  });

  it('Ghostwriter CSV: the import columns, ATT&CK and detection as tags, formulas neutralised', async () => {
    const { text, rendered } = await h.renderEventReport('ghostwriter-oplog-csv');
    expect(rendered.contentType).toContain('text/csv');
    await golden('ghostwriter-oplog.csv', text);
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([...OPLOG_COLUMNS]);
    expect(rows).toHaveLength(8);
    const dcsync = rows.find((r) => r[8]?.startsWith('DCSync'));
    expect(dcsync?.[12]?.split(',')).toEqual(
      expect.arrayContaining([
        'TA0006',
        'T1003',
        'T1003.006',
        'detected:Alert Raised',
        'prevented:Not Prevented',
      ]),
    );
    const phish = rows.find((r) => r[8]?.startsWith('Spear-phishing'));
    expect(phish?.[9]).toBe(`'${FORMULA}`);
    expect(text).not.toContain(OTHER_ENGAGEMENT_TEXT);
    const blue = await h.renderEventReport('ghostwriter-oplog-csv', { permissions: BLUE });
    expect(blue.text).not.toContain('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(text).toContain('31d6cfe0d16ae931b73c59d7e0c089c0');
  });

  it('Office Timeline: the expected rows with real date cells, tags and tactics spans, no error for unused tags', async () => {
    const { output } = await h.renderEventReport('office-timeline-export', {
      params: { eventTitles: 'description', includeTactics: 'true' },
    });
    if (output.kind !== 'file') throw new Error('expected a file');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from(output.data as Uint8Array) as unknown as Parameters<typeof book.xlsx.load>[0],
    );
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Row ID', 'Swimlane', 'Title', 'Start date', 'End date']);
    const phish = rows.find((r) => r[2] === 'Spear-phishing to the Zürich office');
    expect(phish?.[3]).toEqual(new Date('2026-01-09T00:00:00Z'));
    expect(phish?.[4]).toEqual(new Date('2026-01-10T00:00:00Z'));
    expect(rows.filter((r) => r[1] === 'Events')).toHaveLength(8);
    expect(rows.find((r) => r[0] === 'TA0011')).toEqual([
      'TA0011',
      'MITRE Tactics',
      'TA0011 Command and Control',
      new Date('2026-01-13T00:00:00Z'),
      new Date('2026-01-14T00:00:00Z'),
    ]);
    expect(rows.find((r) => r[0] === 'Tag_c2')?.slice(1, 4)).toEqual([
      'Tags',
      'c2',
      new Date('2026-01-13T00:00:00Z'),
    ]);
    expect(sheet?.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    // Filtered to one tag: other tags' rows are simply absent (the original failed with HTTP 500).
    const one = await h.renderEventReport('office-timeline-export', { filter: { tag: 'c2' } });
    expect(one.rendered.contentType).toContain('spreadsheetml');
  });
});
