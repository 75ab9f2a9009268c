import { ValidationError } from '@steppingstones/core';
import {
  addAttachment,
  attachmentSettings,
  INLINE_IMAGE_TYPES,
  listEventAttachments,
  openAttachment,
  removeAttachment,
  setAttachmentShared,
  sweepAbandonedUploads,
} from '@steppingstones/core/attachments';
import {
  attachmentDtoSchema,
  attachmentListSchema,
  attachmentPatchSchema,
  attachmentUploadQuerySchema,
} from '@steppingstones/shared/attachments';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestedRange } from '../http/byte-range.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['attachments'];

/** How often pending uploads older than a day are looked for. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Nothing a downloaded file holds may run, even if a browser were talked into rendering it. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** Files on events: list, download, share, remove (the upload lives in its own scope below). */
export async function attachmentRoutes(app: AppServer): Promise<void> {
  const settings = attachmentSettings(app.ctx.config);
  // Uploads a crash cut off (a live one removes its own pending rows when it fails): at start, and hourly,
  // since those of the crash that caused this start are not yet a day old.
  const sweep = () =>
    sweepAbandonedUploads(app.ctx.database.db, app.ctx.clock).catch((err: unknown) =>
      app.log.warn({ err }, 'Could not remove abandoned attachment uploads; retrying in an hour.'),
    );
  await sweep();
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS).unref();
  app.addHook('onClose', async () => clearInterval(sweeper));
  await app.register(attachmentUploadRoute);

  app.get(
    '/api/v1/events/:id/attachments',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        summary: 'The event’s attachments (the blue team sees shared ones only).',
        params: idParams,
        response: { 200: attachmentListSchema },
      },
    },
    async (request) => {
      const results = await listEventAttachments(app.ctx.database.db, request.principal, request.params.id);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        summary:
          'The attachment’s bytes: PNG, JPEG, GIF and WebP inline, everything else as a download. Text is masked for readers without credential.view.',
        params: idParams,
      },
    },
    async (request, reply) => {
      let unsatisfiable = false;
      const download = await openAttachment(
        requestServices(request),
        settings,
        request.principal,
        request.params.id,
        // Ranges of the bytes as stored (resumed downloads, seeking); the ETag is the SHA-256.
        ({ size, sha256 }) => {
          const header = request.headers['if-range'];
          const ifRange = typeof header === 'string' ? header : undefined;
          const range = requestedRange(request.headers.range, size, ifRange, `"${sha256}"`);
          if (range === 'unsatisfiable') unsatisfiable = true;
          return range === 'unsatisfiable' ? undefined : range;
        },
      );
      const { record } = download;
      const etag = download.redacted ? `W/"${record.sha256}-masked"` : `"${record.sha256}"`;
      reply.header('etag', etag);
      reply.header('cache-control', 'private, no-cache');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', DOWNLOAD_CSP);
      if (!download.redacted) reply.header('accept-ranges', 'bytes');
      if (request.headers['if-none-match'] === etag) {
        download.stream.destroy();
        return reply.status(304).send();
      }
      if (unsatisfiable) {
        download.stream.destroy();
        reply.header('content-range', `bytes */${record.size}`);
        return reply.status(416).send({
          error: 'range_not_satisfiable',
          message: `Range: the attachment has ${record.size} bytes; ask for a range inside them.`,
        });
      }
      const inline = INLINE_IMAGE_TYPES.has(record.content_type);
      const text = record.content_type.startsWith('text/') || record.content_type.includes('asciicast');
      reply.header('content-type', text ? `${record.content_type}; charset=utf-8` : record.content_type);
      reply.header(
        'content-disposition',
        contentDisposition(record.filename, inline ? 'inline' : 'attachment'),
      );
      if (download.range) {
        const { start, end } = download.range;
        reply.status(206);
        reply.header('content-range', `bytes ${start}-${end}/${record.size}`);
        reply.header('content-length', String(end - start + 1));
      } else if (!download.redacted) reply.header('content-length', String(record.size));
      return reply.send(download.stream);
    },
  );

  app.patch(
    '/api/v1/attachments/:id',
    {
      config: { access: { permission: 'event.change' } },
      schema: {
        tags,
        summary: 'Share with the blue team or take it back (the uploader or the engagement lead).',
        params: idParams,
        body: attachmentPatchSchema,
        response: { 200: attachmentDtoSchema },
      },
    },
    async (request) =>
      setAttachmentShared(
        requestServices(request),
        request.principal,
        request.params.id,
        request.body.shared,
      ),
  );

  app.delete(
    '/api/v1/attachments/:id',
    {
      config: { access: { permission: 'event.change' } },
      schema: { tags, summary: 'Remove the attachment (kept in the event’s history).', params: idParams },
    },
    async (request, reply) => {
      await removeAttachment(requestServices(request), request.principal, settings, request.params.id);
      return reply.status(204).send();
    },
  );
}

/**
 * `POST /api/v1/events/{id}/attachments/?filename=NAME`: the raw file is the body, whatever its
 * Content-Type; never multipart (its boundaries would be stored as the file). Not limited by
 * MAX_BODY_MB: no parser reads the body here, the service streams it under MAX_ATTACHMENT_MB.
 */
async function attachmentUploadRoute(app: AppServer): Promise<void> {
  const settings = attachmentSettings(app.ctx.config);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.post(
    '/api/v1/events/:id/attachments',
    {
      config: { access: { permission: 'event.change' } },
      schema: {
        tags,
        summary: 'Attach a file to the event; the raw file is the body (e.g. curl --data-binary @shot.png).',
        params: idParams,
        querystring: attachmentUploadQuerySchema,
        response: { 201: attachmentDtoSchema },
      },
    },
    async (request, reply) => {
      const type = String(request.headers['content-type'] ?? '');
      if (type.toLowerCase().startsWith('multipart/'))
        throw ValidationError.field(
          'body',
          'send the file itself as the body (e.g. curl --data-binary @shot.png), not a multipart form',
        );
      const length = request.headers['content-length'];
      const attachment = await addAttachment(requestServices(request), request.principal, settings, {
        eventId: request.params.id,
        filename: request.query.filename,
        body: request.raw,
        ...(length !== undefined && /^\d+$/.test(length) ? { declaredLength: Number(length) } : {}),
      });
      return reply.status(201).send(attachment);
    },
  );
}
