import { restoreCell } from '@steppingstones/core/exchange';
import { testDialects } from '@steppingstones/db/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/api-client.ts';
import {
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const FORMULA = "=cmd|' /C calc'!A0";
const HASH = 'Administrator:500:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::';
const NT = '31d6cfe0d16ae931b73c59d7e0c089c0';
const URL_PASSWORD = 'Winter2026!';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** A file two events share, with a non-ASCII name and text a spreadsheet or CSV parser could trip on. */
const DROPPER = {
  filename: 'naïve-ファイル.exe',
  size: 48_128,
  md5: MD5,
  sha1: SHA1,
  sha256: SHA256,
  description: '=HYPERLINK("http://x") dropper, "signed",\nsecond line',
  location: 'C:\\Users\\Ünïcode\\Desktop',
  removed: false,
};
const LOADER = {
  filename: 'loader.dll',
  size: null,
  md5: null,
  sha1: null,
  sha256: null,
  description: null,
  location: '@C:\\Windows\\Temp',
  removed: true,
};
/** A file whose description and location hold secrets: the blue team sees them masked. */
const LOOT = {
  filename: 'hashes.txt',
  size: 0,
  md5: null,
  sha1: null,
  sha256: SHA256,
  description: `dumped ${HASH}`,
  location: `https://admin:${URL_PASSWORD}@fs01.corp/loot/`,
  removed: false,
};

type EventJson = {
  timestamp: string;
  description: string;
  starred: boolean;
  tags: string[];
  files: Array<Record<string, unknown>>;
};
/** What a user reads of the events of an engagement, without ids (which differ between engagements). */
const eventsOf = async (client: ApiClient, engagement: string) => {
  const res = await client.get<{ results: EventJson[] }>(
    `/api/v1/events/?engagement=${engagement}&sort=timestamp`,
  );
  expect(res.status).toBe(200);
  return res.body.results.map((e) => ({
    timestamp: e.timestamp,
    description: e.description,
    starred: e.starred,
    tags: e.tags,
    files: e.files.map(({ id: _id, file_id: _fileId, ...rest }) => rest),
  }));
};

/** A CSV field quoted the way the export quotes it. */
const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

describe.each(testDialects())('event export and import on %s', { timeout: 180_000 }, (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  const csvOf = async (client: ApiClient, engagement: string, query = '') => {
    const res = await fetch(`${server.url}/api/v1/events/export/?engagement=${engagement}${query}`, {
      headers: { cookie: client.cookie },
    });
    expect(res.status).toBe(200);
    return res.text();
  };
  const importCsv = async (engagement: string, csv: string, client = op) => {
    const res = await fetch(`${server.url}/api/v1/events/import/?engagement=${engagement}`, {
      method: 'POST',
      body: csv,
      headers: {
        'content-type': 'text/csv',
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
        origin: server.url,
      },
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        added: number;
        skipped: Array<{ line: number }>;
        rejected: Array<{ line: number; reason: string }>;
      },
    };
  };

  beforeEach(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'SRC');
    await createTestEngagement(server.ctx, 'DST');
    await createTestEngagement(server.ctx, 'OLD');
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['SRC', 'DST', 'OLD'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Read Only'],
      engagements: ['SRC'],
    });
    op = await login(server.url, 'op');
    const events = [
      {
        timestamp: '2026-03-01T08:00:00.123Z',
        description: FORMULA,
        tags: ['Initial', 'naïve, "quoted"'],
        mitre_attack_tactic: 'TA0002',
        mitre_attack_technique: 'T1059',
        mitre_attack_subtechnique: 'T1059.001',
        starred: true,
        files: [DROPPER, LOADER],
      },
      {
        timestamp: '2026-03-02T09:30:00Z',
        timestamp_end: '2026-03-02T10:00:00Z',
        description: 'Dumped SAM',
        raw_evidence: `${HASH}\nline two`,
        detected: 'FUL',
        prevented: 'N/A',
        outcome: '+1 admin',
        // The dropper again (same name, size and MD5): one shared file, as an import must rebuild it.
        files: [{ filename: DROPPER.filename, size: DROPPER.size, md5: MD5, location: 'D:\\' }, LOOT],
      },
      {
        timestamp: '2026-03-03T23:59:59Z',
        description: 'Lateral move, "with" commas',
        source: { host: 'WS01', user: 'CORP\\bob', process: 'cmd.exe' },
        starred: true,
      },
    ];
    for (const e of events) {
      const res = await op.post('/api/v1/events/', {
        engagement: 'SRC',
        source: { host: 'WS02' },
        target: { host: 'SRV01', user: '@admin' },
        ...e,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterEach(() => server.stop());

  it('neutralises formula-looking cells in CSV and round-trips exactly through import, stars and files included', async () => {
    const csv = await csvOf(op, 'SRC');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Timestamp (UTC),Timestamp End (UTC),Operator,Source Host,Source User,Source Process,Target Host,Target User,Target Process,Tactic ID,Tactic,Technique ID,Technique,Sub-technique ID,Sub-technique,Description,Raw Evidence,Outcome,Detected,Prevented,Tags,Starred,Files,Source Red Team Infrastructure,Target Red Team Infrastructure,Attachments',
    );
    expect(csv).toContain(`,'${FORMULA},`);
    expect(csv).toContain("'@admin");
    expect(csv).toContain("'+1 admin");
    expect(csv).toContain('TA0002,Execution,T1059,Command and Scripting Interpreter,T1059.001,PowerShell');
    expect(csv).toContain('2026-03-01T08:00:00.123Z');

    // Starred reads Yes / No; Files is one JSON cell per event, the shared file whole in both events.
    const rows = parse(csv) as string[][];
    const column = (name: string) => rows.slice(1).map((r) => r[rows[0]!.indexOf(name)]);
    expect(column('Starred')).toEqual(['Yes', 'No', 'Yes']);
    const files = column('Files').map((cell) => (cell ? JSON.parse(cell!) : []));
    expect(files[0]).toEqual([DROPPER, LOADER]);
    expect(files[1]).toEqual([{ ...DROPPER, location: 'D:\\' }, LOOT]);
    expect(files[2]).toEqual([]);
    // Readable as it stands: the name is not escaped, and the key order is fixed.
    expect(column('Files')[1]).toContain(
      `[{"filename":"naïve-ファイル.exe","size":48128,"md5":"${MD5}","sha1":"${SHA1}","sha256":"${SHA256}","description":`,
    );

    const before = await eventsOf(op, 'SRC');
    expect(before.map((e) => e.starred)).toEqual([true, false, true]);
    const imported = await importCsv('DST', csv);
    expect(imported.body).toEqual({ added: 3, skipped: [], rejected: [] });
    expect(await csvOf(op, 'DST')).toBe(csv);
    // The events themselves, not only their export: stars, files (the removed one too), tags.
    expect(await eventsOf(op, 'DST')).toEqual(before);
    // The dropper is one file again, shared by two events (as in SRC).
    const known = await op.get<{ results: Array<{ filename: string }> }>(
      '/api/v1/files/known/?engagement=DST',
    );
    expect(known.status).toBe(200);
    expect(known.body.results.map((f) => f.filename).sort()).toEqual([
      'hashes.txt',
      'loader.dll',
      'naïve-ファイル.exe',
    ]);
    const again = await importCsv('DST', csv);
    expect(again.body).toMatchObject({ added: 0, skipped: [{ line: 2 }, { line: 3 }, { line: 5 }] });
  });

  it('carries the red team infrastructure mark of a host into another engagement; files without the columns still import', async () => {
    type Listed = { results: Array<{ source: ContextJson; target: ContextJson }> };
    type ContextJson = { id: number; host: string; red_team_infrastructure: boolean };
    const src = await op.get<Listed>('/api/v1/events/?engagement=SRC&sort=timestamp');
    const vps = src.body.results[0]!.source;
    expect(vps.host).toBe('WS02');
    const marked = await op.patch(`/api/v1/contexts/${vps.id}/`, {
      host: 'WS02',
      red_team_infrastructure: true,
    });
    expect(marked.status).toBe(200);

    const csv = await csvOf(op, 'SRC');
    const rows = parse(csv) as string[][];
    const column = (name: string) => rows.slice(1).map((r) => r[rows[0]!.indexOf(name)]);
    // WS02 is the source of the first two events; the third's source is WS01 (another context).
    expect(column('Source Red Team Infrastructure')).toEqual(['Yes', 'Yes', 'No']);
    expect(column('Target Red Team Infrastructure')).toEqual(['No', 'No', 'No']);

    expect((await importCsv('DST', csv)).body).toMatchObject({ added: 3, rejected: [] });
    const dst = await op.get<Listed>('/api/v1/events/?engagement=DST&sort=timestamp');
    expect(dst.body.results.map((e) => [e.source.host, e.source.red_team_infrastructure])).toEqual([
      ['WS02', true],
      ['WS02', true],
      ['WS01', false],
    ]);
    expect(dst.body.results.every((e) => !e.target.red_team_infrastructure)).toBe(true);
    expect(await csvOf(op, 'DST')).toBe(csv);

    // A file written before the columns existed: the same rows without the last three cells (the two
    // marks, and the attachments listed after them).
    const older = rows.map((r) => r.slice(0, -3).map(field).join(',')).join('\r\n');
    expect((await importCsv('OLD', older)).body).toEqual({ added: 3, skipped: [], rejected: [] });
    const old = await op.get<Listed>('/api/v1/events/?engagement=OLD&sort=timestamp');
    expect(old.body.results.map((e) => e.source.red_team_infrastructure)).toEqual([false, false, false]);
    // Not a yes or a no: the row is refused naming the column.
    const bad = csv.replace(/,Yes,No,\r\n/, ',perhaps,No,\r\n');
    const refused = await importCsv('OLD', bad);
    expect(refused.body.rejected[0]?.reason).toMatch(/^Source Red Team Infrastructure: "perhaps"/);
  });

  it('reports rejected rows with their line and reason, writing the good ones', async () => {
    const header = (await csvOf(op, 'SRC')).split('\r\n')[0];
    const row = (ts: string, description: string, tactic = '', starred = '', files = '') =>
      `${ts},,,WS1,,,DC1,,,${tactic},,,,,,${description},,,,,,${starred},${field(files)},,,`;
    const file = (extra: Record<string, unknown>) => JSON.stringify([{ filename: 'a.exe', ...extra }]);
    const csv = [
      header,
      row('2026-04-01T00:00:00Z', 'Good one', '', 'yes', file({ md5: MD5.toUpperCase() })),
      row('not a time', 'Bad time'),
      row('2026-04-02T00:00:00Z', ''),
      row('2026-04-03T00:00:00Z', 'Bad tactic', 'TA9999'),
      row('2026-04-04T00:00:00Z', 'Bad star', '', 'maybe'),
      row('2026-04-05T00:00:00Z', 'Bad JSON', '', '', '[{"filename": '),
      row('2026-04-06T00:00:00Z', 'Foreign id', '', '', file({ file_id: 1 })),
      row('2026-04-07T00:00:00Z', 'No name', '', '', JSON.stringify([{ md5: MD5 }])),
      row('2026-04-08T00:00:00Z', 'Bad hash', '', '', file({ sha1: 'xyz' })),
      row('2026-04-09T00:00:00Z', 'Masked', '', '', file({ description: 'pw «redacted»' })),
    ].join('\r\n');
    const res = await importCsv('DST', csv);
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(1);
    // Rows failing when read come first, then those failing when written (an unknown tactic).
    const reasons = new Map(res.body.rejected.map((r) => [r.line, r.reason]));
    expect([...reasons.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reasons.get(3)).toContain('timestamp');
    expect(reasons.get(4)).toContain('description');
    expect(reasons.get(5)).toContain('TA9999');
    expect(reasons.get(6)).toMatch(/^Starred: "maybe" is neither Yes nor No/);
    expect(reasons.get(7)).toMatch(/^Files: is not a JSON array/);
    expect(reasons.get(8)).toMatch(/^Files: file 1 has the unknown key\(s\) file_id/);
    expect(reasons.get(9)).toBe('Files: file 1 needs a filename');
    expect(reasons.get(10)).toContain('files.0.sha1');
    expect(reasons.get(11)).toMatch(/^Files: file 1 has a masked description/);
    const [good] = await eventsOf(op, 'DST');
    expect(good).toMatchObject({
      description: 'Good one',
      starred: true,
      files: [{ filename: 'a.exe', md5: MD5 }],
    });

    const missing = await importCsv('DST', 'Description,Whatever\r\nx,y\r\n');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('Timestamp (UTC)');
  });

  const xlsxOf = async (client: ApiClient, engagement: string) => {
    const res = await fetch(`${server.url}/api/v1/events/export/?engagement=${engagement}&format=xlsx`, {
      headers: { cookie: client.cookie },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    return workbook.getWorksheet('Events')!;
  };

  /** Every cell of the sheet as text, checking on the way that each is a plain string (or empty). */
  const xlsxCells = (sheet: ExcelJS.Worksheet, width: number) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        expect(cell.formula, `row ${r} column ${c}`).toBeUndefined();
        if (cell.type !== ExcelJS.ValueType.Null)
          expect(cell.type, `row ${r} column ${c}`).toBe(ExcelJS.ValueType.String);
        cells.push(cell.value === null ? '' : (cell.value as string));
      }
      expect(row.cellCount, `row ${r} has no cell past the columns`).toBeLessThanOrEqual(width);
      rows.push(cells);
    }
    return rows;
  };

  it('writes XLSX with strings, never formulas: every cell is the CSV value before the formula guard', async () => {
    const csvRows = parse(await csvOf(op, 'SRC')) as string[][];
    const width = csvRows[0]!.length;
    const sheet = await xlsxOf(op, 'SRC');
    expect(sheet.rowCount).toBe(csvRows.length);
    const cells = xlsxCells(sheet, width);
    expect(cells).toEqual(csvRows.map((r) => r.map(restoreCell)));
    // The guard's quote is CSV-only: the XLSX cell holds the description exactly.
    expect(cells[1]?.[csvRows[0]!.indexOf('Description')]).toBe(FORMULA);
    expect(cells[1]?.[csvRows[0]!.indexOf('Starred')]).toBe('Yes');
  });

  it('masks hashes in evidence and secrets in file descriptions and locations for the blue team, in CSV and XLSX', async () => {
    const blue = await login(server.url, 'blue');
    const csv = await csvOf(blue, 'SRC');
    expect(csv).toContain('Dumped SAM');
    expect(csv).toContain('hashes.txt');
    expect(csv).toContain(SHA256); // file hashes are IOCs and stay visible
    expect(csv).toContain('«redacted»');
    for (const secret of [NT, URL_PASSWORD]) expect(csv).not.toContain(secret);

    const sheet = await xlsxOf(blue, 'SRC');
    const rows = parse(csv) as string[][];
    const cells = xlsxCells(sheet, rows[0]!.length);
    expect(cells).toEqual(rows.map((r) => r.map(restoreCell)));
    for (const secret of [NT, URL_PASSWORD]) expect(JSON.stringify(cells)).not.toContain(secret);
    // The operator's files hold them (so the masks above are the blue team's, not missing data).
    expect(await csvOf(op, 'SRC')).toContain(URL_PASSWORD);

    // The blue team can not import; an operator importing their masked file gets that row refused,
    // so «redacted» is never stored as evidence nor overwrites what a shared file holds.
    expect((await importCsv('SRC', csv, blue)).status).toBe(403);
    const handedOver = await importCsv('DST', csv);
    expect(handedOver.body.added).toBe(2);
    expect(handedOver.body.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^Raw Evidence: holds masked text \(«redacted»\)/) },
    ]);
    expect(JSON.stringify(await eventsOf(op, 'DST'))).not.toContain('«redacted»');

    const filtered = await csvOf(op, 'SRC', '&detected=FUL');
    expect(filtered.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(filtered).toContain(NT);
  });
});
