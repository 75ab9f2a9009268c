import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertJob } from '../jobs/job.service.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { uploadsDir } from './spool-upload.ts';
import { removeJobUpload, sweepOrphanUploads } from './upload-cleanup.ts';

const DAY = 86_400_000;

describe.each(testDialects())('uploads nobody will import any more on %s', (dialect) => {
  let ctx: TestContext;
  let dataDir: string;
  const upload = (name: string, ageMs: number) => {
    const dir = uploadsDir(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      'CORP\\alice:1000:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::\n',
    );
    const at = new Date(ctx.clock.now() - ageMs);
    fs.utimesSync(file, at, at);
    return file;
  };
  const left = () => fs.readdirSync(uploadsDir(dataDir)).sort();

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-uploads-'));
  });
  afterEach(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await ctx.dispose();
  });

  it('sweeps uploads older than a day that no queued or running job names', async () => {
    upload('old-orphan', 2 * DAY);
    upload('old-queued', 2 * DAY);
    upload('old-cancelled', 2 * DAY);
    upload('fresh-orphan', DAY / 2);
    const services = ctx.services();
    await insertJob(services, {
      task: 'core:credentials.import',
      payload: { upload: 'old-queued' },
      maxAttempts: 2,
    });
    const cancelled = await insertJob(services, {
      task: 'core:credentials.import',
      payload: { upload: 'old-cancelled' },
      maxAttempts: 2,
    });
    await ctx.database.db
      .updateTable('job')
      .set({ status: 'cancelled' })
      .where('id', '=', cancelled)
      .execute();

    const removed = await sweepOrphanUploads(ctx.database.db, dataDir, ctx.clock.now());
    expect(removed.sort()).toEqual(['old-cancelled', 'old-orphan']);
    expect(left()).toEqual(['fresh-orphan', 'old-queued']);
    // Nothing else to sweep, and a data directory without uploads is fine.
    expect(await sweepOrphanUploads(ctx.database.db, dataDir, ctx.clock.now())).toEqual([]);
    fs.rmSync(uploadsDir(dataDir), { recursive: true });
    expect(await sweepOrphanUploads(ctx.database.db, dataDir, ctx.clock.now())).toEqual([]);
  });

  it("removes a cancelled job's upload, and only a plain upload name", () => {
    upload('queued-upload', 0);
    upload('other', 0);
    expect(removeJobUpload(dataDir, { upload: 'queued-upload' })).toBe(true);
    expect(removeJobUpload(dataDir, { upload: 'queued-upload' })).toBe(false);
    expect(removeJobUpload(dataDir, { upload: '../uploads/other' })).toBe(false);
    expect(removeJobUpload(dataDir, { retentionDays: 7 })).toBe(false);
    expect(removeJobUpload(dataDir, null)).toBe(false);
    expect(left()).toEqual(['other']);
  });
});
