import { checkSetupToken, completeSetup, setupNeeded } from '@steppingstones/core/setup';
import {
  setupSchema,
  setupStatusSchema,
  setupTokenCheckResultSchema,
  setupTokenCheckSchema,
} from '@steppingstones/shared';
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
  // Answers 200 either way (a wrong token is an answer, not an error), so the wizard can say so on step 1.
  app.post(
    '/api/v1/setup/token-check',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Whether a setup token is right, without using it up',
        body: setupTokenCheckSchema,
        response: { 200: setupTokenCheckResultSchema },
      },
    },
    async (request) => {
      const needed = await setupNeeded(ctx.database.db);
      return { needed, valid: needed && (await checkSetupToken(ctx.database.db, request.body.token)) };
    },
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
