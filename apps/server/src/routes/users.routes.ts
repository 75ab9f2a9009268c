import {
  createUser,
  getUserRow,
  listRoles,
  listUsers,
  requireVisibleUser,
  resetPassword,
  toUserDto,
  updateUser,
} from '@steppingstones/core/users';
import {
  listEnvelope,
  passwordResetSchema,
  roleSchema,
  userCreateSchema,
  userSchema,
  userUpdateSchema,
} from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
/**
 * `user.admin` anywhere: a superuser manages every account, a lead the members of the engagements they
 * lead (the services narrow each call; a user outside the caller's engagements is a 404).
 */
const admin = { access: { permission: 'user.admin' } } as const;

export async function userRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        response: {
          200: listEnvelope(userSchema),
        },
      },
    },
    async (request) => {
      const results = await listUsers(db, request.principal);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/api/v1/users',
    { config: admin, schema: { tags: ['users'], body: userCreateSchema, response: { 201: userSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createUser(requestServices(request), request.body, auditActor(request), request.principal),
        ),
  );

  app.get(
    '/api/v1/users/:id',
    { config: admin, schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } },
    async (request) => {
      const user = await getUserRow(db, request.params.id);
      await requireVisibleUser(db, request.principal, user);
      return toUserDto(db, user, request.principal);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: admin,
      schema: { tags: ['users'], params: idParams, body: userUpdateSchema, response: { 200: userSchema } },
    },
    async (request) =>
      updateUser(
        requestServices(request),
        request.params.id,
        request.body,
        auditActor(request),
        request.principal,
      ),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    { config: admin, schema: { tags: ['users'], params: idParams, body: passwordResetSchema } },
    async (request, reply) => {
      await resetPassword(
        requestServices(request),
        request.params.id,
        request.body.new_password,
        auditActor(request),
        request.principal,
      );
      return reply.status(204).send();
    },
  );

  // The roles a membership may carry and what each grants in its engagement (constants).
  app.get(
    '/api/v1/roles',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['users'], response: { 200: listEnvelope(roleSchema) } },
    },
    async () => {
      const results = listRoles();
      return { count: results.length, next: null, previous: null, results };
    },
  );
}
