import { completeSetup, setupNeeded } from '@steppingstones/core/setup';
import { setupSchema, setupStatusSchema } from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

export async function setupRoutes(app: AppServer): Promise<void> {
  const { ctx } = app;
  app.get(
    '/api/v1/setup',
    { config: { access: 'public' }, schema: { tags: ['setup'], response: { 200: setupStatusSchema } } },
    async () => ({ needed: await setupNeeded(ctx.database.db) }),
  );
  app.post(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: { tags: ['setup'], body: setupSchema, response: { 201: z.object({ ok: z.literal(true) }) } },
    },
    async (request, reply) => {
      await completeSetup(requestServices(request), request.body, {
        tokenFile: ctx.config.setupTokenFile,
        ip: request.ip,
      });
      return reply.status(201).send({ ok: true as const });
    },
  );
}
