import { ValidationError } from '@steppingstones/core';
import { importC2Logs } from '@steppingstones/core/c2';
import { spoolUpload } from '@steppingstones/core/runtime';
import { c2ImportQuerySchema, c2ImportResultSchema } from '@steppingstones/shared/c2';
import type { AppServer } from '../app-server.ts';

/** The largest archive taken in one request; larger ones are split, or imported with the CLI. */
const MAX_BODY_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * `POST /api/v1/c2/imports/`: a C2 log archive (.tar, .tar.gz, .zip) or one log as the raw body, whatever
 * its Content-Type; multipart is refused (its boundaries would be read as the archive).
 */
export async function c2ImportRoutes(app: AppServer): Promise<void> {
  // Encapsulated: here only, no body is parsed; the handler reads the raw request stream itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.post(
    '/api/v1/c2/imports',
    {
      config: { access: { permission: 'c2.add' } },
      schema: {
        tags: ['c2'],
        summary:
          'Import a C2 log archive (Cobalt Strike logs/ as .tar, .tar.gz or .zip, or one log); the raw file is the body.',
        querystring: c2ImportQuerySchema,
        response: { 200: c2ImportResultSchema },
      },
    },
    async (request) => {
      const type = String(request.headers['content-type'] ?? '');
      if (type.toLowerCase().startsWith('multipart/'))
        throw ValidationError.field(
          'body',
          'send the archive itself as the body (e.g. curl --data-binary @logs.tar.gz), not a multipart form',
        );
      const { engagement, adapter, server, filename, follow_started, follow_lag_ms, sessions_only } =
        request.query;
      // Spooled to an owner-only file and read from there: memory stays flat whatever the archive's size.
      const upload = await spoolUpload(app.ctx.config.dataDir, request.raw, {
        maxBytes: MAX_BODY_BYTES,
        tooLarge: (max) =>
          ValidationError.field('body', `the archive is larger than ${max} bytes; split it or use the CLI`),
      });
      try {
        const { read: _read, ...result } = await importC2Logs(app.ctx, request.principal, {
          engagement,
          adapter,
          server,
          filename: filename ?? 'upload',
          file: upload.file,
          sessionsOnly: sessions_only === 'true',
          ...(follow_started
            ? { follow: { startedAt: Date.parse(follow_started), lagMs: follow_lag_ms ?? 0 } }
            : {}),
        });
        return result;
      } finally {
        upload.remove();
      }
    },
  );
}
