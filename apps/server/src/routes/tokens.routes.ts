import { assertNotThrottled, authenticateWithPassword, recordFailure } from '@steppingstones/core/auth';
import {
  createApiToken,
  issueTokenPair,
  listApiTokens,
  revokeApiToken,
  rotateRefreshToken,
} from '@steppingstones/core/tokens';
import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  listEnvelope,
  loginSchema,
  tokenPairSchema,
} from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

export async function tokenRoutes(app: AppServer): Promise<void> {
  const { ctx } = app;
  const db = ctx.database.db;

  app.post(
    '/api/v1/token',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: loginSchema, response: { 200: tokenPairSchema } },
    },
    async (request) => {
      const user = await authenticateWithPassword(requestServices(request), {
        ...request.body,
        ip: request.ip,
        via: 'jwt',
      });
      return issueTokenPair(requestServices(request), user);
    },
  );

  app.post(
    '/api/v1/token/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        body: z.object({ refresh: z.string().max(4096) }),
        response: { 200: tokenPairSchema },
      },
    },
    async (request) => {
      const keys = [{ kind: 'ip' as const, value: request.ip }];
      await assertNotThrottled(requestServices(request), keys);
      try {
        return await rotateRefreshToken(requestServices(request), request.body.refresh, request.ip);
      } catch (error) {
        await recordFailure(requestServices(request), keys);
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { access: 'account' },
      schema: { tags: ['tokens'], response: { 200: listEnvelope(apiTokenSchema) } },
    },
    async (request) => {
      const results = await listApiTokens(db, request.principal.userId);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'account' },
      schema: { tags: ['tokens'], body: apiTokenCreateSchema, response: { 201: apiTokenCreatedSchema } },
    },
    async (request, reply) => {
      const created = await createApiToken(
        requestServices(request),
        request.principal,
        request.body,
        auditActor(request),
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { access: 'account' },
      schema: { tags: ['tokens'], params: z.object({ id: z.coerce.number().int().positive() }) },
    },
    async (request, reply) => {
      await revokeApiToken(
        requestServices(request),
        request.principal.userId,
        request.params.id,
        auditActor(request),
      );
      return reply.status(204).send();
    },
  );
}
