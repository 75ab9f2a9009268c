import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { importC2Logs } from './c2-import.service.ts';
import { C2_FIXTURE_FILES, c2Tar, c2TarGz } from './testing/c2-archive.fixture.ts';
import { buildZip } from './testing/zip.fixture.ts';

const request = (data: Buffer, engagement = 'C2', filename = 'logs.tar.gz') => ({
  engagement,
  adapter: 'cobalt-strike-logs',
  server: 'ts1',
  filename,
  data,
});

describe.each(testDialects())('C2 log archive import on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['C2', 'C2B', 'C2C', 'C2D', 'C2E']));
  });
  afterAll(() => ctx.dispose());

  it('imports sessions, actions, downloads, files and credentials across a year end, once', async () => {
    const db = ctx.database.db;
    const archive = await c2TarGz();
    const first = await importC2Logs(ctx, red, request(archive));
    expect(first).toMatchObject({ sessions: 3, actions: 6, downloads: 2, files: 1, credentials: 1 });
    expect(first.rejected).toEqual([
      { entry: 'logs/270101/10.0.0.10/beacon_999.log', reason: 'the log is empty' },
      { entry: '../outside/beacon_1.log', reason: 'the path leaves the archive; skipped' },
    ]);
    const again = await importC2Logs(ctx, red, request(archive));
    expect(again).toMatchObject({ sessions: 0, actions: 0, downloads: 0, files: 0, credentials: 0 });

    const sessions = await db.selectFrom('c2_session').selectAll().orderBy('external_id').execute();
    const byExt = new Map(sessions.map((s) => [s.external_id, s]));
    expect(sessions.map((s) => [s.external_id, s.kind, s.host, s.user, Boolean(s.is_admin)])).toEqual([
      ['1234', 'beacon', 'WS01', 'alice', true],
      ['5678', 'beacon', 'SRV02', 'SYSTEM', true],
      ['77', 'ssh', 'lnx01', 'root', false],
    ]);
    expect(byExt.get('5678')?.parent_id).toBe(byExt.get('1234')?.id);
    expect(byExt.get('77')?.parent_id).toBe(byExt.get('5678')?.id);
    // The beacon's second day is the next year's, not the parser's default year.
    expect(Number(byExt.get('1234')?.last_seen)).toBe(Date.parse('2027-01-01T00:10:05Z'));
    expect(Number(byExt.get('1234')?.sleep_seconds)).toBe(60);

    const actions = await db.selectFrom('c2_action').selectAll().orderBy('start_at').execute();
    expect(actions.map((a) => [a.input, a.operator])).toEqual([
      ['hashdump', 'neo'],
      ['sleep 60 20', 'neo'],
      ['shell whoami', 'neo'],
      ['upload /tmp/x.exe', 'trinity'],
      ['ls', 'neo'],
      ['shell id', 'morpheus'],
    ]);
    expect(actions[0]?.output).toContain('fc525c9683e8fe067095ba2ddc971889');
    expect(Number(actions[4]?.start_at)).toBe(Date.parse('2027-01-01T00:10:00Z'));
    const credential = await db.selectFrom('credential').selectAll().executeTakeFirstOrThrow();
    expect([credential.account, credential.system, Number(credential.c2_action_id)]).toEqual([
      'Administrator',
      'WS01',
      Number(actions[0]?.id),
    ]);
    const contexts = await db
      .selectFrom('context')
      .select(['host', 'user', 'process'])
      .where('engagement_id', '=', red.engagementIds[0] as number)
      .execute();
    expect(contexts.sort((a, b) => (a.host < b.host ? -1 : 1))).toEqual([
      { host: 'SRV02', user: 'SYSTEM', process: 'spoolsv.exe (PID: 1312)' },
      { host: 'WS01', user: 'alice', process: 'rundll32.exe (PID: 4242)' },
      { host: 'lnx01', user: 'root', process: 'sshd (PID: 22)' },
    ]);
    const files = await db.selectFrom('file').select(['filename', 'md5', 'size']).execute();
    expect(files.map((f) => [f.filename, f.md5, Number(f.size)])).toEqual([
      ['x.exe', '0123456789abcdef0123456789abcdef', 1024],
    ]);
  });

  it('reads a plain tar and a single log file the same way', async () => {
    expect(await importC2Logs(ctx, red, request(await c2Tar(), 'C2B', 'logs.tar'))).toMatchObject({
      sessions: 3,
      actions: 6,
      downloads: 2,
    });
    const single = await importC2Logs(
      ctx,
      red,
      request(
        Buffer.from(C2_FIXTURE_FILES['logs/270101/10.0.0.9/ssh_77.log'] as string),
        'C2C',
        'logs/270101/10.0.0.9/ssh_77.log',
      ),
    );
    expect(single).toMatchObject({ sessions: 1, actions: 1, rejected: [] });
  });

  it('reads a zip, and caps what an archive may expand to', async () => {
    const zip = buildZip(C2_FIXTURE_FILES);
    const result = await importC2Logs(ctx, red, { ...request(zip, 'C2D', 'logs.zip') });
    expect(result).toMatchObject({ sessions: 3, actions: 6, downloads: 2, files: 1, credentials: 1 });
    const capped = await importC2Logs(ctx, red, {
      ...request(zip, 'C2D', 'logs.zip'),
      limits: { maxEntries: 2, maxExpandedBytes: 1e9, maxFileBytes: 1e9 },
    });
    expect(capped.rejected.map((r) => r.reason)).toContain('the archive has more than 2 entries; split it');
  });

  it('reports a truncated gzip and keeps what was read before the damage', async () => {
    const archive = await c2TarGz();
    const cut = archive.subarray(0, Math.floor(archive.length * 0.6));
    const result = await importC2Logs(ctx, red, request(cut, 'C2C', 'cut.tar.gz'));
    expect(result.rejected.at(-1)?.reason).toMatch(/truncated or corrupt/);
    expect(result.read).toBeGreaterThan(0);
    expect(result.sessions + result.actions).toBeGreaterThan(0);
  });

  it('streams an archive from disk in small batches with the same result (linked children first)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2-import-'));
    const file = path.join(dir, 'logs.tar.gz');
    fs.writeFileSync(file, await c2TarGz());
    const seen: number[] = [];
    const result = await importC2Logs(ctx, red, {
      ...request(Buffer.alloc(0), 'C2E', file),
      data: undefined,
      file,
      batchActions: 1,
      onProgress: ({ actions }) => seen.push(actions),
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result).toMatchObject({ sessions: 3, actions: 6, downloads: 2, files: 1, credentials: 1 });
    expect(seen.length).toBeGreaterThan(1);
    const sessions = await ctx.database.db
      .selectFrom('c2_session as s')
      .innerJoin('c2_server as v', 'v.id', 's.server_id')
      .innerJoin('engagement as e', 'e.id', 'v.engagement_id')
      .select(['s.id', 's.external_id', 's.parent_id'])
      .where('e.code', '=', 'C2E')
      .execute();
    const byExt = new Map(sessions.map((s) => [s.external_id, s]));
    expect(byExt.get('5678')?.parent_id).toBe(byExt.get('1234')?.id);
    expect(byExt.get('77')?.parent_id).toBe(byExt.get('5678')?.id);
  });

  it('refuses an unknown adapter by name', async () => {
    await expect(importC2Logs(ctx, red, { ...request(Buffer.from('x')), adapter: 'sliver' })).rejects.toThrow(
      /adapter/,
    );
  });
});
