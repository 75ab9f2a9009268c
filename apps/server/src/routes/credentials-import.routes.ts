import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '@steppingstones/core';
import {
  getImport,
  ImportTooLargeError,
  importCracked,
  importDump,
  queueCredentialImport,
  vaultEngagement,
} from '@steppingstones/core/credentials';
import { type SpooledUpload, spoolUpload } from '@steppingstones/core/runtime';
import {
  crackedImportResultSchema,
  dumpImportQuerySchema,
  dumpImportResultSchema,
} from '@steppingstones/shared/credentials';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const tags = ['credentials'];
/** Bodies above this answer 202 and the worker imports them (the result is then read from the import). */
const SYNC_LIMIT = 64 * 1024 * 1024;

const queued = z.object({
  id: z.number().int(),
  job_id: z.number().int(),
  status: z.string(),
  url: z.string(),
});

/**
 * Spools the raw body to a private file (counting bytes against MAX_IMPORT_MB), so the import's
 * transaction reads a local file instead of holding the database while a slow client uploads.
 */
async function spool(request: FastifyRequest, dataDir: string, maxBytes: number): Promise<SpooledUpload> {
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('multipart/'))
    throw ValidationError.field(
      'body',
      'send the file itself as the request body (any Content-Type), not a multipart form',
    );
  return spoolUpload(dataDir, request.raw, { maxBytes, tooLarge: (max) => new ImportTooLargeError(max) });
}

/**
 * An import of a spooled upload: in the request (200 with the result), or, for bodies over 64 MB or
 * `async=true`, queued for the worker (202 with the import to follow at its url). The worker removes
 * a queued import's upload when it is done with it; the request removes its own.
 */
async function runImport(
  reply: FastifyReply,
  spooled: SpooledUpload,
  wantAsync: boolean,
  now: () => Promise<unknown>,
  queue: (upload: string) => Promise<unknown>,
): Promise<FastifyReply> {
  if (wantAsync || spooled.size > SYNC_LIMIT) {
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the route's response schema checks the shape.
      return reply.status(202).send((await queue(path.basename(spooled.file))) as any);
    } catch (error) {
      spooled.remove();
      throw error;
    }
  }
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the route's response schema checks the shape.
    return reply.status(200).send((await now()) as any);
  } finally {
    spooled.remove();
  }
}

/** Dump and cracked-hash uploads: raw request bodies of any Content-Type, streamed. */
export async function credentialImportRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  const maxBytes = app.ctx.config.maxImportBytes;
  // Within this module only: any Content-Type is accepted and left unread; the handler streams
  // request.raw itself. (The body stays undefined: hooks that walk parsed bodies must not walk a socket.)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.post(
    '/api/v1/credentials/imports',
    {
      config: { access: { permission: 'credential.add' } },
      bodyLimit: maxBytes,
      schema: {
        tags,
        description:
          'Imports a dump (the file as the raw body). 200 with the result; bodies over 64 MB or async=true answer 202: the worker imports it, follow it at its url.',
        querystring: dumpImportQuerySchema,
        response: { 200: dumpImportResultSchema, 202: queued },
      },
    },
    async (request, reply) => {
      const q = request.query;
      // Membership and permission before a byte is read: a non-member learns nothing, uploads nothing.
      await vaultEngagement(db, request.principal, q.engagement, 'credential.add');
      const spooled = await spool(request, app.ctx.config.dataDir, maxBytes);
      const params = {
        engagement: q.engagement,
        type: q.type,
        system: q.system,
        hashType: q.hash_type,
        filename: q.filename,
      };
      const actor = auditActor(request);
      return runImport(
        reply,
        spooled,
        q.async === true,
        () =>
          importDump(requestServices(request), request.principal, params, fs.createReadStream(spooled.file), {
            actor,
            maxBytes,
          }),
        (upload) =>
          queueCredentialImport(
            requestServices(request),
            request.principal,
            { kind: 'dump', upload, size: spooled.size, ...params },
            actor,
          ),
      );
    },
  );

  app.post(
    '/api/v1/credentials/cracked',
    {
      config: { access: { permission: 'credential.change' } },
      bodyLimit: maxBytes,
      schema: {
        tags,
        description:
          'Imports hashcat --show output or a potfile (the raw body); every account sharing a cracked hash is filled in.',
        querystring: z.object({
          engagement: z.string().trim().min(1, 'is required'),
          filename: z.string().max(255).optional(),
          async: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: crackedImportResultSchema, 202: queued },
      },
    },
    async (request, reply) => {
      await vaultEngagement(db, request.principal, request.query.engagement, 'credential.change');
      const spooled = await spool(request, app.ctx.config.dataDir, maxBytes);
      const { engagement, filename } = request.query;
      const actor = auditActor(request);
      return runImport(
        reply,
        spooled,
        request.query.async === 'true',
        () =>
          importCracked(
            requestServices(request),
            request.principal,
            engagement,
            fs.createReadStream(spooled.file),
            {
              actor,
              maxBytes,
              filename: filename ?? '',
            },
          ),
        (upload) =>
          queueCredentialImport(
            requestServices(request),
            request.principal,
            { kind: 'cracked', engagement, filename, upload, size: spooled.size },
            actor,
          ),
      );
    },
  );

  app.get(
    '/api/v1/credentials/imports/:id',
    {
      config: { access: { permission: 'credential.view' } },
      schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }) },
    },
    async (request) => getImport(db, request.principal, request.params.id),
  );
}
