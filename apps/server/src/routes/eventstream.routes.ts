import { Readable } from 'node:stream';
import {
  cloneLinesToEvents,
  cloneLineToEvent,
  eventDraftForLine,
  listEventStreamLines,
  streamEventsAsEventStream,
} from '@steppingstones/core/eventstream';
import { listEnvelope } from '@steppingstones/shared';
import { eventFieldsSchema, eventListQuerySchema } from '@steppingstones/shared/events';
import {
  eventstreamBulkCloneResultSchema,
  eventstreamBulkCloneSchema,
  eventstreamLineDtoSchema,
  eventstreamLineQuerySchema,
} from '@steppingstones/shared/eventstream';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { pageLink } from '../http/page-links.ts';
import { requestServices } from '../http/request-services.ts';

const tags = ['eventstream'];
const lineParams = z.object({ id: z.coerce.number().int().positive() });
const exportQuery = eventListQuerySchema
  .omit({ sort: true, cursor: true, page_size: true })
  .extend({ engagement: z.string().trim().min(1), format: z.enum(['jsonl', 'json']).default('jsonl') });
const draftSchema = z.object({
  line_id: z.number().int(),
  fields: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()),
});

/**
 * The EventStream page's API: the imported lines (paged, sorted, searched), clone to event (the
 * pre-filled draft, then the save that links line and event), clone selected, and the events of an
 * engagement exported as EventStream.
 */
export async function eventstreamRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/eventstream/lines',
    {
      config: { access: { permission: 'eventstream.view' } },
      schema: {
        tags,
        querystring: eventstreamLineQuerySchema,
        response: { 200: listEnvelope(eventstreamLineDtoSchema) },
      },
    },
    async (request) => {
      const page = await listEventStreamLines(db, request.principal, request.query);
      return {
        count: page.count,
        next: pageLink(request, app.ctx.config.publicUrl, page.next),
        previous: pageLink(request, app.ctx.config.publicUrl, page.previous),
        results: page.results,
      };
    },
  );

  app.get(
    '/api/v1/eventstream/lines/:id/event-draft',
    {
      config: { access: { permission: 'event.add', alsoRequires: ['eventstream.view'] } },
      schema: { tags, params: lineParams, response: { 200: draftSchema } },
    },
    async (request) => eventDraftForLine(db, request.principal, request.params.id),
  );

  app.post(
    '/api/v1/eventstream/lines/:id/clone',
    {
      config: { access: { permission: 'event.add', alsoRequires: ['eventstream.view'] } },
      schema: {
        tags,
        params: lineParams,
        body: eventFieldsSchema,
        response: { 201: z.object({ line_id: z.number().int(), event_id: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const linked = await cloneLineToEvent(
        requestServices(request),
        request.principal,
        request.params.id,
        request.body,
      );
      reply.header('location', `/api/v1/events/${linked.event_id}/`);
      return reply.status(201).send(linked);
    },
  );

  app.post(
    '/api/v1/eventstream/lines/clone',
    {
      config: { access: { permission: 'event.add', alsoRequires: ['eventstream.view'] } },
      schema: { tags, body: eventstreamBulkCloneSchema, response: { 200: eventstreamBulkCloneResultSchema } },
    },
    async (request) =>
      cloneLinesToEvents(
        requestServices(request),
        request.principal,
        request.body.engagement,
        request.body.ids,
      ),
  );

  app.get(
    '/api/v1/eventstream',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        summary: "The engagement's events as EventStream (JSON Lines, or format=json)",
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const chunks = streamEventsAsEventStream(db, request.principal, filter, format);
      // The first chunk now, so a bad filter or an unknown engagement answers 4xx, not a broken download.
      const first = await chunks.next();
      const body = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* chunks;
        })(),
        { highWaterMark: 1 },
      );
      const stamp = new Date(app.ctx.clock.now()).toISOString().slice(0, 10);
      const name = `${filter.engagement.replace(/[^A-Za-z0-9._-]/g, '_')} eventstream ${stamp}.${format}`;
      return reply
        .header(
          'content-type',
          format === 'json' ? 'application/json; charset=utf-8' : 'application/jsonl; charset=utf-8',
        )
        .header('content-disposition', contentDisposition(name))
        .send(body);
    },
  );
}
