import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ValidationError } from '@steppingstones/core';
import { recordAudit } from '@steppingstones/core/audit';
import { assertNotThrottled, recordFailure } from '@steppingstones/core/auth';
import { assertMayDownloadBackup, backupSqliteOffThread } from '@steppingstones/core/backup';
import { verifyPassword } from '@steppingstones/core/users';
import { backupRequestSchema } from '@steppingstones/shared';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { auditActor } from '../http/request-actor.ts';

export async function backupRoutes(app: AppServer): Promise<void> {
  const { ctx } = app;
  const db = ctx.database.db;
  app.post(
    '/api/v1/backup',
    {
      config: { access: { permission: 'backup.download' } },
      schema: { tags: ['backup'], body: backupRequestSchema },
    },
    async (request, reply) => {
      await assertMayDownloadBackup(db, request.principal);
      const target = ctx.config.database;
      if (target.dialect !== 'sqlite')
        throw ValidationError.field(
          'database',
          'This instance runs on PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom "$DATABASE_URL"), not from the browser.',
        );
      // The password is asked again: a stolen session alone must not walk off with the whole database.
      const keys = [{ kind: 'user' as const, value: request.principal.username }];
      await assertNotThrottled(db, keys);
      if (!(await verifyPassword(request.body.password, request.authUser.password_hash))) {
        await recordFailure(db, keys);
        throw ValidationError.field('password', 'Your password was entered incorrectly.');
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-backup-'));
      const file = path.join(dir, 'steppingstones.db');
      await backupSqliteOffThread(target.location, file);
      await recordAudit(db, auditActor(request), {
        action: 'backup.downloaded',
        details: { bytes: fs.statSync(file).size },
      });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const stream = fs.createReadStream(file);
      stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
      reply.header('content-type', 'application/vnd.sqlite3');
      reply.header(
        'content-disposition',
        contentDisposition(`steppingstones-${stamp}-${crypto.randomBytes(2).toString('hex')}.db`),
      );
      return reply.send(stream);
    },
  );
}
