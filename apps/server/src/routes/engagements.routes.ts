import { attachmentSettings, purgeWithAttachmentObjects } from '@steppingstones/core/attachments';
import {
  createEngagement,
  findVisibleEngagement,
  listEngagements,
  purgeEngagement,
  updateEngagement,
} from '@steppingstones/core/engagements';
import type { Principal } from '@steppingstones/core/permissions';
import {
  addMemberToEngagement,
  createEngagementMember,
  listEngagementMembers,
  listEngagementOperators,
  removeMemberFromEngagement,
  setEngagementMembers,
} from '@steppingstones/core/users';
import {
  engagementCreateSchema,
  engagementSchema,
  engagementUpdateSchema,
  listEnvelope,
  memberAddSchema,
  memberSchema,
  membersSchema,
  operatorsResponseSchema,
  purgeSchema,
} from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const codeParams = z.object({ code: z.string().min(1).max(100) });

export async function engagementRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  const visibleEngagement = (principal: Principal, code: string) =>
    findVisibleEngagement(db, principal, code);

  app.get(
    '/api/v1/engagements',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['engagements'], response: { 200: listEnvelope(engagementSchema) } },
    },
    async (request) => {
      const results = await listEngagements(db, request.principal);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/api/v1/engagements',
    {
      config: { access: { permission: 'engagement.add' } },
      schema: { tags: ['engagements'], body: engagementCreateSchema, response: { 201: engagementSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createEngagement(requestServices(request), request.body, {
          userId: request.principal.userId,
        }),
      ),
  );

  app.get(
    '/api/v1/engagements/:code',
    {
      config: { access: { permission: 'engagement.view' } },
      schema: { tags: ['engagements'], params: codeParams, response: { 200: engagementSchema } },
    },
    async (request) => visibleEngagement(request.principal, request.params.code),
  );

  app.patch(
    '/api/v1/engagements/:code',
    {
      config: { access: { permission: 'engagement.change' } },
      schema: {
        tags: ['engagements'],
        params: codeParams,
        body: engagementUpdateSchema,
        response: { 200: engagementSchema },
      },
    },
    async (request) => {
      const e = await visibleEngagement(request.principal, request.params.code);
      return updateEngagement(requestServices(request), e.id, request.body, {
        userId: request.principal.userId,
      });
    },
  );

  app.post(
    '/api/v1/engagements/:code/purge',
    {
      config: { access: { permission: 'engagement.delete' } },
      schema: { tags: ['engagements'], params: codeParams, body: purgeSchema },
    },
    async (request, reply) => {
      // Attachments kept in a bucket are removed once the purge has committed.
      await purgeWithAttachmentObjects(
        db,
        attachmentSettings(app.ctx.config),
        request.params.code,
        () =>
          purgeEngagement(
            requestServices(request),
            request.principal,
            request.params.code,
            request.body.confirm_code,
            auditActor(request),
          ),
        (error) => request.log.warn({ err: error }, 'attachment objects of a purged engagement not removed'),
      );
      return reply.status(204).send();
    },
  );

  const membersPage = <T>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

  // Members and their roles: the engagement's leads (user.admin there) and superusers manage them.
  app.get(
    '/api/v1/engagements/:code/members',
    {
      config: { access: { permission: 'user.admin' } },
      schema: { tags: ['engagements'], params: codeParams, response: { 200: listEnvelope(memberSchema) } },
    },
    async (request) => {
      const e = await visibleEngagement(request.principal, request.params.code);
      return membersPage(await listEngagementMembers(db, e.id));
    },
  );

  app.put(
    '/api/v1/engagements/:code/members',
    {
      config: { access: { permission: 'user.admin' } },
      schema: {
        tags: ['engagements'],
        params: codeParams,
        body: membersSchema,
        response: { 200: listEnvelope(memberSchema) },
      },
    },
    async (request) => {
      const e = await visibleEngagement(request.principal, request.params.code);
      const members = await setEngagementMembers(
        requestServices(request),
        request.principal,
        e,
        request.body.members,
        auditActor(request),
      );
      return membersPage(members);
    },
  );

  // An existing user by username, or (with a password) a new user who belongs to this engagement only.
  app.post(
    '/api/v1/engagements/:code/members',
    {
      config: { access: { permission: 'user.admin' } },
      schema: {
        tags: ['engagements'],
        params: codeParams,
        body: memberAddSchema,
        response: { 201: memberSchema },
      },
    },
    async (request, reply) => {
      const e = await visibleEngagement(request.principal, request.params.code);
      const { username, role, password, display_name } = request.body;
      const member =
        password === undefined
          ? await addMemberToEngagement(
              requestServices(request),
              request.principal,
              e,
              username,
              role,
              auditActor(request),
            )
          : await createEngagementMember(
              requestServices(request),
              e,
              { username, role, password, display_name },
              auditActor(request),
            );
      return reply.status(201).send(member);
    },
  );

  app.delete(
    '/api/v1/engagements/:code/members/:username',
    {
      config: { access: { permission: 'user.admin' } },
      schema: { tags: ['engagements'], params: codeParams.extend({ username: z.string().min(1).max(150) }) },
    },
    async (request, reply) => {
      const e = await visibleEngagement(request.principal, request.params.code);
      await removeMemberFromEngagement(
        requestServices(request),
        e,
        request.params.username,
        auditActor(request),
      );
      return reply.status(204).send();
    },
  );

  // The event form's operator picker: whoever records events may see who else can be named operator.
  app.get(
    '/api/v1/engagements/:code/operators',
    {
      config: { access: { permission: 'event.add' } },
      schema: { tags: ['engagements'], params: codeParams, response: { 200: operatorsResponseSchema } },
    },
    async (request) => {
      const e = await visibleEngagement(request.principal, request.params.code);
      return { results: await listEngagementOperators(db, e.id) };
    },
  );
}
