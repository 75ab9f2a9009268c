import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../permissions/index.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { hashPassword } from '../users/password.ts';
import { downloadBackup } from './backup-download.service.ts';
import { verifySqliteBackup } from './sqlite-backup.ts';

/** The caller of these downloads: the system (it sees every engagement). */
const SYSTEM = systemPrincipal('test');

const PASSWORD = 'correct horse battery';
const actor = { userId: 0, username: 'root' };

describe.each(testDialects())('backup download on %s', (dialect) => {
  let ctx: TestContext;
  let tmpRoot: string;
  let passwordHash: string;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-backup-test-'));
    passwordHash = await hashPassword(PASSWORD);
  });
  afterEach(async () => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    await ctx.dispose();
  });

  const request = (password = PASSWORD) => ({ password, passwordHash, actor });
  const leftovers = () => fs.readdirSync(tmpRoot);

  if (dialect === 'sqlite') {
    it('hands out a verified copy and removes its temporary folder once it is read', async () => {
      const download = await downloadBackup(ctx.services(), SYSTEM, ctx.config.database, request(), {
        tmpRoot,
      });
      expect(download.filename).toMatch(/^steppingstones-\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{4}\.db$/);
      const copy = path.join(tmpRoot, 'received.db');
      await fs.promises.writeFile(copy, download.stream);
      expect(verifySqliteBackup(copy).migrations).toBeGreaterThan(0);
      if (!download.stream.closed) await once(download.stream, 'close');
      expect(leftovers()).toEqual(['received.db']);
      const audit = await ctx.database.db.selectFrom('audit_log').select('action').execute();
      expect(audit.map((a) => a.action)).toContain('backup.downloaded');
    });

    it('removes its temporary folder when the copy fails, and records no download', async () => {
      const copy = async () => {
        throw new Error('disk full');
      };
      await expect(
        downloadBackup(ctx.services(), SYSTEM, ctx.config.database, request(), { tmpRoot, copy }),
      ).rejects.toThrow('disk full');
      expect(leftovers()).toEqual([]);
      const audit = await ctx.database.db.selectFrom('audit_log').select('action').execute();
      expect(audit.map((a) => a.action)).not.toContain('backup.downloaded');
    });

    it('removes its temporary folder when the database cannot be copied', async () => {
      const broken = { dialect: 'sqlite' as const, location: path.join(tmpRoot, 'missing', 'gone.db') };
      await expect(downloadBackup(ctx.services(), SYSTEM, broken, request(), { tmpRoot })).rejects.toThrow();
      expect(leftovers()).toEqual([]);
    });
  } else {
    it('points PostgreSQL instances at pg_dump and writes nothing', async () => {
      await expect(
        downloadBackup(ctx.services(), SYSTEM, ctx.config.database, request(), { tmpRoot }),
      ).rejects.toThrow(/pg_dump/);
      expect(leftovers()).toEqual([]);
    });
  }

  it('refuses a wrong password before copying anything', async () => {
    const target = { dialect: 'sqlite' as const, location: ctx.config.database.location };
    const error = await downloadBackup(ctx.services(), SYSTEM, target, request('not it'), { tmpRoot }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/password/i);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a caller who does not see every engagement', async () => {
    await ctx.database.db
      .insertInto('engagement')
      .values({
        code: 'HIDDEN',
        name: 'Hidden',
        description: '',
        start_date: '2026-01-01',
        end_date: '2026-01-31',
        archived: 0,
        breach_checks: 0,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const lead = { ...systemPrincipal('lead'), isSuperuser: false, engagementIds: [] };
    await expect(
      downloadBackup(ctx.services(lead), lead, ctx.config.database, request(), { tmpRoot }),
    ).rejects.toThrow(/every engagement/);
    expect(leftovers()).toEqual([]);
  });
});
