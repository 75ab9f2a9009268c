import {
  createEvent,
  deleteEvent,
  getEvent,
  limitedUpdateEvent,
  listEvents,
  patchEvent,
  replaceEvent,
  setEventStar,
} from '@steppingstones/core/events';
import { listEnvelope } from '@steppingstones/shared';
import {
  eventDtoSchema,
  eventFieldsSchema,
  eventLimitedSchema,
  eventListQuerySchema,
  eventPatchSchema,
  ignoredSearchWordSchema,
} from '@steppingstones/shared/events';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { etagOf, ifMatchVersion } from '../http/etag.ts';
import { pageLink } from '../http/page-links.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['events'];
const conflict = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

function withEtag<T extends { version: number }>(reply: FastifyReply, dto: T): T {
  reply.header('etag', etagOf(dto.version));
  return dto;
}

/**
 * The event log API (§17, fixed and extended by issue 4): list with the grid's filter and keyset
 * paging, create, get, PUT, PATCH, DELETE, star, and the limited edit for the blue team.
 */
export async function eventRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/events',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        querystring: eventListQuerySchema,
        response: {
          200: listEnvelope(eventDtoSchema).extend({
            ignored_words: z
              .array(ignoredSearchWordSchema)
              .describe('Words of `search` that were left out of the search, and why.'),
          }),
        },
      },
    },
    async (request) => {
      const page = await listEvents(db, request.principal, request.query);
      return {
        count: page.count,
        next: pageLink(request, app.ctx.config.publicUrl, page.next),
        previous: pageLink(request, app.ctx.config.publicUrl, page.previous),
        results: page.results,
        ignored_words: page.ignored_words,
      };
    },
  );

  app.post(
    '/api/v1/events',
    {
      config: { access: { permission: 'event.add' } },
      schema: { tags, body: eventFieldsSchema, response: { 201: eventDtoSchema } },
    },
    async (request, reply) => {
      const created = await createEvent(requestServices(request), request.principal, request.body);
      reply.header('location', `/api/v1/events/${created.id}/`);
      return reply.status(201).send(withEtag(reply, created));
    },
  );

  app.get(
    '/api/v1/events/:id',
    {
      config: { access: { permission: 'event.view' } },
      schema: { tags, params: idParams, response: { 200: eventDtoSchema } },
    },
    async (request, reply) => withEtag(reply, await getEvent(db, request.principal, request.params.id)),
  );

  app.put(
    '/api/v1/events/:id',
    {
      config: { access: { permission: 'event.change' } },
      schema: {
        tags,
        params: idParams,
        body: eventFieldsSchema,
        response: { 200: eventDtoSchema, 409: conflict },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await replaceEvent(requestServices(request), request.principal, request.params.id, request.body, {
          ifMatchVersion: ifMatchVersion(request),
        }),
      ),
  );

  app.patch(
    '/api/v1/events/:id',
    {
      config: { access: { permission: 'event.change' } },
      schema: {
        tags,
        params: idParams,
        body: eventPatchSchema,
        response: { 200: eventDtoSchema, 409: conflict },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await patchEvent(requestServices(request), request.principal, request.params.id, request.body, {
          ifMatchVersion: ifMatchVersion(request),
        }),
      ),
  );

  app.delete(
    '/api/v1/events/:id',
    { config: { access: { permission: 'event.delete' } }, schema: { tags, params: idParams } },
    async (request, reply) => {
      await deleteEvent(requestServices(request), request.principal, request.params.id, {
        ifMatchVersion: ifMatchVersion(request),
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/events/:id/star',
    {
      config: { access: { permission: 'event.change' } },
      schema: {
        tags,
        params: idParams,
        body: z.object({ starred: z.boolean().optional() }).nullish(),
        response: { 200: eventDtoSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await setEventStar(
          requestServices(request),
          request.principal,
          request.params.id,
          request.body?.starred,
        ),
      ),
  );

  app.patch(
    '/api/v1/events/:id/limited',
    {
      config: { access: { permission: 'event.change_limited' } },
      schema: {
        tags,
        description:
          'The limited edit (blue team): only outcome, detected and prevented change; every other field in the body is ignored and listed in the X-Ignored-Fields header.',
        params: idParams,
        body: z.looseObject(eventLimitedSchema.shape),
        response: { 200: eventDtoSchema, 409: conflict },
      },
    },
    async (request, reply) => {
      const { event, ignored } = await limitedUpdateEvent(
        requestServices(request),
        request.principal,
        request.params.id,
        request.body as Record<string, unknown>,
        { ifMatchVersion: ifMatchVersion(request) },
      );
      if (ignored.length) reply.header('x-ignored-fields', ignored.join(', '));
      return withEtag(reply, event);
    },
  );
}
