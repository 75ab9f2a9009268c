import { engagementByCode } from '@steppingstones/core/events';
import {
  listDeletedEvents,
  listEventRevisions,
  restoreEventRevision,
  undeleteEvent,
} from '@steppingstones/core/history';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['history'];
/**
 * The trash is for whoever may delete: an operator lists and recovers their own deletions, an
 * engagement administrator (`event.delete` and `engagement.change`) everyone's (core decides which).
 */
const trashAccess = { permission: 'event.delete' } as const;

/** Event history (issue 5): the revisions of an event, restore, and the trash of deleted events. */
export async function historyRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/events/:id/history',
    { config: { access: { permission: 'event.view' } }, schema: { tags, params: idParams } },
    async (request) => {
      const results = await listEventRevisions(db, request.principal, request.params.id);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/api/v1/events/:id/restore',
    {
      config: { access: { permission: 'event.change' } },
      schema: { tags, params: idParams, body: z.object({ revision: z.number().int().positive() }) },
    },
    async (request, reply) => {
      await restoreEventRevision(
        requestServices(request),
        request.principal,
        request.params.id,
        request.body.revision,
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/events/trash',
    {
      config: { access: trashAccess },
      schema: { tags, querystring: z.object({ engagement: z.string().min(1) }) },
    },
    async (request) => {
      const engagement = await engagementByCode(db, request.principal, request.query.engagement);
      const results = await listDeletedEvents(db, request.principal, engagement.id);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/api/v1/events/:id/undelete',
    { config: { access: trashAccess }, schema: { tags, params: idParams } },
    async (request, reply) => {
      await undeleteEvent(requestServices(request), request.principal, request.params.id);
      return reply.status(204).send();
    },
  );
}
