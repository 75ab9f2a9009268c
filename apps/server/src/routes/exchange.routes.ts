import { PassThrough, Readable } from 'node:stream';
import { ValidationError } from '@steppingstones/core';
import {
  ImportStoppedError,
  importEventsCsv,
  prepareEventsPdf,
  prepareEventsXlsx,
  streamEventsCsv,
} from '@steppingstones/core/exchange';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { requestServices } from '../http/request-services.ts';

const exportQuery = eventListQuerySchema.omit({ sort: true, cursor: true, page_size: true }).extend({
  engagement: z.string().trim().min(1),
  format: z.enum(['csv', 'xlsx', 'pdf']).default('csv'),
  images: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1')
    .describe('PDF only: embed the images attached to each event (the blue team: shared ones only).'),
});

const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const fileName = (engagement: string, ext: string, now: number) =>
  `${engagement.replace(/[^A-Za-z0-9._-]/g, '_')} events ${new Date(now).toISOString().slice(0, 10)}.${ext}`;

/**
 * Event exchange (issue 5): `GET /api/v1/events/export/` streams the filtered events as CSV, XLSX or a PDF to read;
 * `POST /api/v1/events/import/` reads a CSV body of the same columns and reports each row.
 */
export async function exchangeRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  // The import body is streamed to the CSV parser, never buffered whole.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));

  app.get(
    '/api/v1/events/export',
    {
      config: { access: { permission: 'event.view' } },
      schema: { tags: ['events'], querystring: exportQuery },
    },
    async (request, reply) => {
      const { format, images, ...filter } = request.query;
      // Prepared first: a non-member or unknown engagement answers 404 / 400 as the CSV does.
      if (format === 'pdf' || format === 'xlsx') {
        const write =
          format === 'pdf'
            ? await prepareEventsPdf(db, request.principal, filter, {
                engagementCode: filter.engagement,
                generatedAt: app.ctx.clock.now(),
                generatedBy: request.principal.username,
                images,
                attachmentsS3Url: app.ctx.config.attachmentsS3Url,
              })
            : await prepareEventsXlsx(db, request.principal, filter);
        const out = new PassThrough();
        write(out).catch((error: unknown) => {
          request.log.error({ err: error, format }, 'Event export failed part way');
          out.destroy(error as Error);
        });
        return reply
          .header('content-type', DOCUMENT_TYPES[format])
          .header(
            'content-disposition',
            contentDisposition(fileName(filter.engagement, format, app.ctx.clock.now())),
          )
          .send(out);
      }
      const chunks = streamEventsCsv(app.ctx.database, request.principal, filter);
      // Pull the header (and the first page) now, so a bad filter answers 400 instead of a broken download.
      const first = await chunks.next();
      // One page of CSV buffered ahead at most: the response's backpressure (pipe waits for 'drain')
      // then paces the database reads, so memory stays flat however slow the client.
      const stream = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* chunks;
        })(),
        { highWaterMark: 1 },
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          contentDisposition(fileName(filter.engagement, 'csv', app.ctx.clock.now())),
        )
        .send(stream);
    },
  );

  app.post(
    '/api/v1/events/import',
    {
      config: { access: { permission: 'event.add' } },
      schema: { tags: ['events'], querystring: z.object({ engagement: z.string().trim().min(1) }) },
    },
    async (request) => {
      const body = request.body;
      if (!(body instanceof Readable) && typeof body !== 'string')
        throw ValidationError.field(
          'body',
          'send the CSV file itself as the body, with Content-Type: text/csv',
        );
      const input = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
      try {
        return await importEventsCsv(
          requestServices(request),
          request.principal,
          request.query.engagement,
          input,
        );
      } catch (error) {
        if (error instanceof ImportStoppedError && error.cause)
          request.log.error({ err: error.cause }, 'import stopped by a database error');
        throw error;
      }
    },
  );
}
