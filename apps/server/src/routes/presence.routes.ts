import { listEditing, markEditing, stopEditing } from '@steppingstones/core/presence';
import { listEnvelope } from '@steppingstones/shared';
import { eventPresenceDtoSchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['events'];
/** Anyone who may open an edit form (operators, leads, the blue team's limited writers). */
const editAccess = { permission: 'event.change_limited' } as const;

/**
 * Presence: an open edit form announces itself with a heartbeat, so teammates see on the row and in
 * their own form that the event is being edited; closing the form withdraws it.
 */
export async function presenceRoutes(app: AppServer): Promise<void> {
  app.get(
    '/api/v1/events/presence',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        summary: 'Who is editing which event of the engagement now',
        querystring: z.object({ engagement: z.string().trim().min(1) }),
        response: { 200: listEnvelope(eventPresenceDtoSchema) },
      },
    },
    async (request) => {
      const results = await listEditing(
        requestServices(request),
        request.principal,
        request.query.engagement,
      );
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.put(
    '/api/v1/events/:id/presence',
    {
      config: { access: editAccess },
      schema: { tags, summary: 'I am editing this event', params: idParams },
    },
    async (request, reply) => {
      await markEditing(requestServices(request), request.principal, request.params.id);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/events/:id/presence',
    {
      config: { access: editAccess },
      schema: { tags, summary: 'I closed the form of this event', params: idParams },
    },
    async (request, reply) => {
      await stopEditing(requestServices(request), request.principal, request.params.id);
      return reply.status(204).send();
    },
  );
}
