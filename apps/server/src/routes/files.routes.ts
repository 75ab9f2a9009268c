import { Readable } from 'node:stream';
import { fileRowsCsv, listFileRows, listKnownFiles } from '@steppingstones/core/files';
import { listEnvelope } from '@steppingstones/shared';
import { fileRowDtoSchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { pageLink } from '../http/page-links.ts';

const tags = ['files'];
const query = z.object({
  engagement: z.string().trim().min(1).optional(),
  search: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  page_size: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});
const knownFile = z.object({
  id: z.number().int(),
  filename: z.string(),
  size: z.number().int().nullable(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  sha256: z.string().nullable(),
  description: z.string().nullable(),
});

/** The Files / IOC page: every file distribution of an engagement, searchable, exportable as CSV. */
export async function fileRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/files',
    {
      config: { access: { permission: 'file.view' } },
      schema: {
        tags,
        description:
          'Every file distribution of the engagement, newest event first. `format=csv` downloads all of them.',
        querystring: query,
        response: { 200: listEnvelope(fileRowDtoSchema) },
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      if (format === 'csv') {
        const lines = fileRowsCsv(db, request.principal, q);
        // Pull the first chunk before answering, so a bad filter is an error status, not a broken file.
        const first = await lines.next();
        const stream = Readable.from(
          (async function* () {
            if (!first.done) yield first.value;
            yield* lines;
          })(),
        );
        const day = new Date(app.ctx.clock.now()).toISOString().slice(0, 10).replaceAll('-', '');
        return (
          reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', contentDisposition(`IOCs - ${day}.csv`))
            // A stream bypasses the JSON serializer; the 200 schema documents the JSON form.
            .send(stream as never)
        );
      }
      const page = await listFileRows(db, request.principal, q);
      return {
        count: page.results.length,
        next: pageLink(request, app.ctx.config.publicUrl, page.next),
        previous: null,
        results: page.results,
      };
    },
  );

  app.get(
    '/api/v1/files/known',
    {
      config: { access: { permission: 'file.view' } },
      schema: {
        tags,
        description: 'Known files of the engagement for the file picker (substring of the name).',
        querystring: z.object({
          engagement: z.string().trim().min(1).optional(),
          search: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
        response: { 200: listEnvelope(knownFile) },
      },
    },
    async (request) => {
      const results = await listKnownFiles(db, request.principal, request.query);
      return { count: results.length, next: null, previous: null, results };
    },
  );
}
