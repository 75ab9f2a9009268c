import { downloadBackup } from '@steppingstones/core/backup';
import { backupRequestSchema } from '@steppingstones/shared';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

export async function backupRoutes(app: AppServer): Promise<void> {
  app.post(
    '/api/v1/backup',
    {
      config: { access: { permission: 'backup.download' } },
      schema: { tags: ['backup'], body: backupRequestSchema },
    },
    async (request, reply) => {
      const backup = await downloadBackup(
        requestServices(request),
        request.principal,
        app.ctx.config.database,
        {
          password: request.body.password,
          passwordHash: request.authUser.password_hash,
          actor: auditActor(request),
        },
      );
      reply.header('content-type', backup.contentType);
      reply.header('content-disposition', contentDisposition(backup.filename));
      return reply.send(backup.stream);
    },
  );
}
