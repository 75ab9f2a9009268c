import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  FORMULA,
  OTHER_ENGAGEMENT_TEXT,
  type PluginTestHarness,
  seedReportFixtures,
  testDialects,
} from '@steppingstones/plugin-testing';
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

  /** The sheet's rows (values only) and the sheet, as Excel would read them. */
  async function timeline(options: Parameters<PluginTestHarness['renderEventReport']>[1]) {
    const { output } = await h.renderEventReport('office-timeline-export', options);
    if (output.kind !== 'file') throw new Error('expected a file');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from(output.data as Uint8Array) as unknown as Parameters<typeof book.xlsx.load>[0],
    );
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { rows, sheet };
  }

  /** The id of the fixture event with this description (the first column of an event's row). */
  async function idOf(description: string): Promise<number> {
    const row = await h.context.database.db
      .selectFrom('event')
      .select('id')
      .where('engagement_id', '=', h.fixtures.engagement.id)
      .where('description', 'like', `${description}%`)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const day = (date: string) => new Date(`${date}T00:00:00Z`);

  it('Office Timeline: every row, in order, with real date cells, tag and tactic spans', async () => {
    const { rows, sheet } = await timeline({
      params: { eventTitles: 'description', includeTactics: 'true' },
    });
    expect(rows).toEqual([
      ['Row ID', 'Swimlane', 'Title', 'Start date', 'End date'],
      [await idOf('Sent phishing'), 'Events', 'Sent phishing email with macro document', day('2026-01-06')],
      [await idOf('DCSync'), 'Events', 'DCSync of the krbtgt account', day('2026-01-06')],
      [
        await idOf('Lateral movement'),
        'Events',
        'Lateral movement over SMB <script>alert(1)</script>',
        day('2026-01-07'),
      ],
      [await idOf('Port scan'), 'Events', 'Port scan of the DMZ', day('2026-01-08')],
      [
        await idOf('Spear-phishing'),
        'Events',
        'Spear-phishing to the Zürich office',
        day('2026-01-09'),
        day('2026-01-10'),
      ],
      [await idOf('LSASS'), 'Events', 'LSASS dump with procdump', day('2026-01-12')],
      [await idOf('HTTPS beacon'), 'Events', 'HTTPS beacon over the proxy', day('2026-01-13')],
      [await idOf('Fallback channel'), 'Events', 'Fallback channel via a German CDN', day('2026-01-14')],
      ['TA0001', 'MITRE Tactics', 'TA0001 Initial Access', day('2026-01-06'), day('2026-01-10')],
      ['TA0006', 'MITRE Tactics', 'TA0006 Credential Access', day('2026-01-06'), day('2026-01-12')],
      ['TA0008', 'MITRE Tactics', 'TA0008 Lateral Movement', day('2026-01-07')],
      ['TA0011', 'MITRE Tactics', 'TA0011 Command and Control', day('2026-01-13'), day('2026-01-14')],
      ['Tag_c2', 'Tags', 'c2', day('2026-01-13')],
      ['Tag_credential-access', 'Tags', 'credential-access', day('2026-01-06'), day('2026-01-12')],
      ['Tag_domain', 'Tags', 'domain', day('2026-01-06')],
      ['Tag_phishing', 'Tags', 'phishing', day('2026-01-06'), day('2026-01-10')],
      ['Tag_Ünïcode tag', 'Tags', 'Ünïcode tag', day('2026-01-09'), day('2026-01-10')],
    ]);
    // Real Excel dates with a date format, not text.
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('E6').type).toBe(ExcelJS.ValueType.Date);
  });

  it('Office Timeline: a formula-looking title is a text cell, never a formula', async () => {
    const { rows, sheet } = await timeline({ params: { eventTitles: 'outcome' } });
    const index = rows.findIndex((r) => r[2] === FORMULA);
    expect(index).toBeGreaterThan(0);
    const cell = sheet.getCell(index + 1, 3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(FORMULA);
  });

  it('Office Timeline: titles come from the Description unless the Outcome is chosen', async () => {
    const { rows } = await timeline({ filter: { tag: 'c2' } });
    expect(rows[1]?.[2]).toBe('HTTPS beacon over the proxy');
  });

  it("Office Timeline: a tag filter leaves out other tags' rows (no error for tags without events)", async () => {
    const c2 = await timeline({ params: { eventTitles: 'description' }, filter: { tag: 'c2' } });
    expect(c2.rows).toEqual([
      ['Row ID', 'Swimlane', 'Title', 'Start date', 'End date'],
      [await idOf('HTTPS beacon'), 'Events', 'HTTPS beacon over the proxy', day('2026-01-13')],
      ['Tag_c2', 'Tags', 'c2', day('2026-01-13')],
    ]);
    // Tags shared with the filtered events stay (the phishing mail is also tagged Ünïcode tag).
    const phishing = await timeline({ params: { eventTitles: 'description' }, filter: { tag: 'phishing' } });
    expect(phishing.rows.filter((r) => r[1] === 'Tags').map((r) => r[0])).toEqual([
      'Tag_phishing',
      'Tag_Ünïcode tag',
    ]);
    const none = await timeline({ params: { eventTitles: 'outcome' }, filter: { tag: 'no-such-tag' } });
    expect(none.rows).toEqual([['Row ID', 'Swimlane', 'Title', 'Start date', 'End date']]);
  });

  it('needs report.view besides event.view', async () => {
    for (const key of ['mitre-attack-navigator', 'office-timeline-export', 'ghostwriter-oplog-csv']) {
      await expect(h.renderEventReport(key, { permissions: ['event.view', 'context.view'] })).rejects.toThrow(
        /Permission denied.*report\.view/,
      );
      await expect(h.renderEventReport(key, { permissions: ['report.view'] })).rejects.toThrow(/event\.view/);
      await expect(
        h.renderEventReport(key, { permissions: ['event.view', 'report.view'] }),
      ).resolves.toBeTruthy();
    }
  });
});
