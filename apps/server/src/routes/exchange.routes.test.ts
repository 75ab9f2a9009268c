import { testDialects } from '@steppingstones/db/testing';
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
  const importCsv = async (engagement: string, csv: string) => {
    const res = await fetch(`${server.url}/api/v1/events/import/?engagement=${engagement}`, {
      method: 'POST',
      body: csv,
      headers: {
        'content-type': 'text/csv',
        cookie: op.cookie,
        'x-csrf-token': op.csrfToken,
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
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['SRC', 'DST'],
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
      },
      {
        timestamp: '2026-03-02T09:30:00Z',
        timestamp_end: '2026-03-02T10:00:00Z',
        description: 'Dumped SAM',
        raw_evidence: `${HASH}\nline two`,
        detected: 'FUL',
        prevented: 'N/A',
        outcome: '+1 admin',
      },
      {
        timestamp: '2026-03-03T23:59:59Z',
        description: 'Lateral move, "with" commas',
        source: { host: 'WS01', user: 'CORP\\bob', process: 'cmd.exe' },
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

  it('neutralises formula-looking cells in CSV and round-trips exactly through import', async () => {
    const csv = await csvOf(op, 'SRC');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Timestamp (UTC),Timestamp End (UTC),Operator,Source Host,Source User,Source Process,Target Host,Target User,Target Process,Tactic ID,Tactic,Technique ID,Technique,Sub-technique ID,Sub-technique,Description,Raw Evidence,Outcome,Detected,Prevented,Tags',
    );
    expect(csv).toContain(`,'${FORMULA},`);
    expect(csv).toContain("'@admin");
    expect(csv).toContain("'+1 admin");
    expect(csv).toContain('TA0002,Execution,T1059,Command and Scripting Interpreter,T1059.001,PowerShell');
    expect(csv).toContain('2026-03-01T08:00:00.123Z');

    const imported = await importCsv('DST', csv);
    expect(imported.body).toEqual({ added: 3, skipped: [], rejected: [] });
    expect(await csvOf(op, 'DST')).toBe(csv);
    const again = await importCsv('DST', csv);
    expect(again.body).toMatchObject({ added: 0, skipped: [{ line: 2 }, { line: 3 }, { line: 5 }] });
  });

  it('reports rejected rows with their line and reason, writing the good ones', async () => {
    const header = (await csvOf(op, 'SRC')).split('\r\n')[0];
    const row = (ts: string, description: string, tactic = '') =>
      `${ts},,,WS1,,,DC1,,,${tactic},,,,,,${description},,,,,`;
    const csv = [
      header,
      row('2026-04-01T00:00:00Z', 'Good one'),
      row('not a time', 'Bad time'),
      row('2026-04-02T00:00:00Z', ''),
      row('2026-04-03T00:00:00Z', 'Bad tactic', 'TA9999'),
    ].join('\r\n');
    const res = await importCsv('DST', csv);
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(1);
    expect(res.body.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(res.body.rejected[0]?.reason).toContain('timestamp');
    expect(res.body.rejected[1]?.reason).toContain('description');
    expect(res.body.rejected[2]?.reason).toContain('TA9999');

    const missing = await importCsv('DST', 'Description,Whatever\r\nx,y\r\n');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('Timestamp (UTC)');
  });

  it('writes XLSX with strings, never formulas', async () => {
    const res = await fetch(`${server.url}/api/v1/events/export/?engagement=SRC&format=xlsx`, {
      headers: { cookie: op.cookie },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Events')!;
    expect(sheet.rowCount).toBe(4);
    const cell = sheet.getRow(2).getCell(16);
    expect(cell.value).toBe(FORMULA);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it('masks hashes in evidence for the blue team and applies the filter', async () => {
    const blue = await login(server.url, 'blue');
    const csv = await csvOf(blue, 'SRC');
    expect(csv).not.toContain('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(csv).toContain('Dumped SAM');
    const filtered = await csvOf(op, 'SRC', '&detected=FUL');
    expect(filtered.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(filtered).toContain('31d6cfe0d16ae931b73c59d7e0c089c0');
  });
});
