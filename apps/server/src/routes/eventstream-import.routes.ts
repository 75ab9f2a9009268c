import type { Readable } from 'node:stream';
import { ValidationError } from '@steppingstones/core';
import { runEventStreamImport } from '@steppingstones/core/eventstream';
import {
  eventstreamImportQuerySchema,
  eventstreamImportResultSchema,
} from '@steppingstones/shared/eventstream';
import type { AppServer } from '../app-server.ts';

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
        response: { 200: eventstreamImportResultSchema },
      },
    },
    async (request) => {
      const type = String(request.headers['content-type'] ?? '');
      if (type.toLowerCase().startsWith('multipart/'))
        throw ValidationError.field(
          'body',
          'send the file itself as the body (e.g. curl --data-binary @file.jsonl), not a multipart form',
        );
      const { engagement, source, filename, ...rest } = request.query;
      const body: Readable = request.raw;
      const controller = new AbortController();
      request.raw.once('close', () => {
        if (!request.raw.complete) controller.abort();
      });
      return runEventStreamImport(
        app.ctx,
        request.principal,
        { engagement, source, params: sourceParams(rest), filename, body },
        { signal: controller.signal },
      );
    },
  );
}
