import { addC2Exclusion, listC2Exclusions, removeC2Exclusion, setC2Watch } from '@steppingstones/core/c2';
import { listEnvelope } from '@steppingstones/shared';
import { c2ExclusionDtoSchema, c2ExclusionInputSchema, c2WatchInputSchema } from '@steppingstones/shared/c2';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

const tags = ['c2'];
const engagementQuery = z.object({
  engagement: z.string().trim().min(1, 'is required: the code of the engagement'),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Exclusions ("exclude sessions like this") and the watch bell on quiet sessions. */
export async function c2ManageRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  app.get(
    '/api/v1/c2/exclusions',
    {
      config: { access: { permission: 'c2.view' } },
      schema: {
        tags,
        summary: 'The exclusions of an engagement: sessions matching one are hidden everywhere.',
        querystring: engagementQuery,
        response: { 200: listEnvelope(c2ExclusionDtoSchema) },
      },
    },
    async (request) => {
      const results = await listC2Exclusions(db, request.principal, request.query.engagement);
      return { count: results.length, next: null, previous: null, results };
    },
  );
  app.post(
    '/api/v1/c2/exclusions',
    {
      config: { access: { permission: 'c2.change' } },
      schema: {
        tags,
        summary:
          'Exclude sessions like this one: by its id, user, computer, process, internal or external address.',
        querystring: engagementQuery,
        body: c2ExclusionInputSchema,
        response: { 201: c2ExclusionDtoSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addC2Exclusion(requestServices(request), request.principal, {
          engagement: request.query.engagement,
          ...request.body,
        }),
      ),
  );
  app.delete(
    '/api/v1/c2/exclusions/:id',
    {
      config: { access: { permission: 'c2.change' } },
      schema: { tags, summary: 'Remove an exclusion: its sessions show again.', params: idParams },
    },
    async (request, reply) => {
      await removeC2Exclusion(requestServices(request), request.principal, request.params.id);
      return reply.status(204).send();
    },
  );
  app.put(
    '/api/v1/c2/sessions/:id/watch',
    {
      config: { access: { permission: 'c2.change', alsoRequires: ['c2.view'] } },
      schema: {
        tags,
        summary:
          'Set or clear the watch bell: a watched quiet session that checks in sends "returned beacon".',
        params: idParams,
        body: c2WatchInputSchema,
        response: { 200: z.object({ session: z.number().int(), watched: z.boolean() }) },
      },
    },
    async (request) =>
      setC2Watch(requestServices(request), request.principal, request.params.id, request.body.watched),
  );
}
