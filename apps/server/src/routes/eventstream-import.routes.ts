import type { Readable } from 'node:stream';
import { ValidationError } from '@steppingstones/core';
import {
  ASYNC_THRESHOLD_BYTES,
  getBackgroundImport,
  runEventStreamImport,
  startBackgroundImport,
} from '@steppingstones/core/eventstream';
import {
  eventstreamImportQuerySchema,
  eventstreamImportResultSchema,
} from '@steppingstones/shared/eventstream';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const jobSchema = z.object({
  id: z.number().int(),
  engagement: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.object({ bytes: z.number(), total: z.number().nullable(), lines: z.number() }),
  result: eventstreamImportResultSchema.nullable(),
  error: z.string().nullable(),
  /** The worker's job running the import. */
  job_id: z.number().int().nullable(),
  url: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});

/** `param.NAME=VALUE` query entries → the source's parameters. */
function sourceParams(query: Record<string, unknown>): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith('param.')) continue;
    if (typeof value === 'string' || Array.isArray(value)) params[name.slice(6)] = value as string | string[];
  }
  return params;
}

/**
 * `POST /api/v1/eventstream/imports/`: the raw file is the body, whatever its Content-Type (JSON Lines
 * tools send application/x-ndjson, application/jsonl, text/plain or application/octet-stream; even
 * application/json is read as lines), streamed to the line reader, never buffered whole. Multipart is
 * refused: a form upload would import its boundaries as lines.
 */
export async function eventstreamImportRoutes(app: AppServer): Promise<void> {
  // Encapsulated: in this plugin only, no body is parsed at all; the handler reads the raw request
  // stream itself (a stream as `request.body` would be walked by the body-wide input guards).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.post(
    '/api/v1/eventstream/imports',
    {
      config: { access: { permission: 'eventstream.add' } },
      schema: {
        tags: ['eventstream'],
        summary: 'Import EventStream (JSON Lines) into an engagement; the raw file is the body.',
        querystring: eventstreamImportQuerySchema,
        response: { 200: eventstreamImportResultSchema, 202: jobSchema },
      },
    },
    async (request, reply) => {
      const type = String(request.headers['content-type'] ?? '');
      if (type.toLowerCase().startsWith('multipart/'))
        throw ValidationError.field(
          'body',
          'send the file itself as the body (e.g. curl --data-binary @file.jsonl), not a multipart form',
        );
      const { engagement, source, filename, async: background, ...rest } = request.query;
      const body: Readable = request.raw;
      const length = Number(request.headers['content-length'] ?? 0);
      if (background === 'true' || length > ASYNC_THRESHOLD_BYTES) {
        const job = await startBackgroundImport(app.ctx, request.principal, {
          engagement,
          source,
          params: sourceParams(rest),
          filename,
          body,
        });
        reply.header('location', job.url);
        return reply.status(202).send(job);
      }
      const controller = new AbortController();
      request.raw.once('close', () => {
        if (!request.raw.complete) controller.abort();
      });
      return reply.send(
        await runEventStreamImport(
          app.ctx,
          request.principal,
          { engagement, source, params: sourceParams(rest), filename, body, size: length },
          { signal: controller.signal },
        ),
      );
    },
  );

  app.get(
    '/api/v1/eventstream/imports/:id',
    {
      config: { access: { permission: 'eventstream.add' } },
      schema: {
        tags: ['eventstream'],
        summary: 'A background import (answered 202, run by the worker): its progress, then its result.',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: jobSchema },
      },
    },
    async (request) => getBackgroundImport(app.ctx.database.db, request.principal, request.params.id),
  );
}
