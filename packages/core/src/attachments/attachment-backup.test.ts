import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { insertBareEngagement } from '@steppingstones/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../app-context.ts';
import { backupSqlite, restoreSqlite } from '../backup/index.ts';
import { loadConfig } from '../config/index.ts';
import { createEvent } from '../events/index.ts';
import { systemPrincipal } from '../permissions/index.ts';
import { createTestContext, insertTestUser, type TestContext } from '../testing/index.ts';
import { addAttachment, attachmentSettings, openAttachment } from './index.ts';

/**
 * Backups are SQLite's (`VACUUM INTO`; PostgreSQL instances use pg_dump, which carries bytea like any
 * column): a database-stored attachment survives a backup and a restore into another data directory.
 */
describe('attachments in a SQLite backup', () => {
  let ctx: TestContext;
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('restores an attachment byte for byte from a backup', async () => {
    ctx = await createTestContext('sqlite');
    cleanup.push(() => ctx.dispose());
    await insertBareEngagement(ctx.database.db, 'BAK');
    const userId = await insertTestUser(ctx.database.db, 'root');
    await ctx.database.db.updateTable('app_user').set({ is_superuser: 1 }).where('id', '=', userId).execute();
    const event = await createEvent(ctx.services(), systemPrincipal(), {
      engagement: 'BAK',
      operator: 'root',
      timestamp: '2026-01-01T00:00:00Z',
      source: { host: 'a' },
      target: { host: 'b' },
      description: 'Dropped a file',
    });
    // Over three chunks, so order and boundaries are carried too.
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 17);
    const added = await addAttachment(ctx.services(), systemPrincipal(), attachmentSettings(ctx.config), {
      eventId: event.id,
      filename: 'payload.bin',
      body: Readable.from([bytes]),
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-backup-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'backup.db');
    backupSqlite(ctx.config.database.location, file);

    const restoredDir = path.join(dir, 'restored');
    const config = loadConfig({ DATA_DIR: restoredDir, LOG_LEVEL: 'silent' });
    restoreSqlite(config, file);
    const restored = await createAppContext(config, 'test');
    cleanup.push(() => restored.close());
    const services = {
      db: restored.database.db,
      principal: systemPrincipal(),
      clock: restored.clock,
      keys: restored.keys,
      logger: restored.logger,
    };
    const download = await openAttachment(services, attachmentSettings(config), systemPrincipal(), added.id);
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(chunk as Buffer);
    expect(download.record.sha256).toBe(added.sha256);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });
});
