import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ValidationError } from '@steppingstones/core';
import {
  getImport,
  ImportTooLargeError,
  importCracked,
  importDump,
  vaultEngagement,
} from '@steppingstones/core/credentials';
import {
  crackedImportResultSchema,
  dumpImportQuerySchema,
  dumpImportResultSchema,
} from '@steppingstones/shared/credentials';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';

const tags = ['credentials'];
/** Bodies above this answer 202 and run on after the response (the result is then read from the import). */
const SYNC_LIMIT = 64 * 1024 * 1024;

const started = z.object({
  id: z.number().int(),
  status: z.string(),
  url: z.string(),
});

/**
 * Spools the raw body to a temporary file (counting bytes against MAX_IMPORT_MB), so the import's
 * transaction reads a local file instead of holding the database while a slow client uploads.
 */
async function spool(request: FastifyRequest, maxBytes: number): Promise<{ file: string; size: number }> {
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('multipart/'))
    throw ValidationError.field(
      'body',
      'send the file itself as the request body (any Content-Type), not a multipart form',
    );
  const body = request.raw;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-import-'));
  const file = path.join(dir, 'body');
  let size = 0;
  const counter = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new ImportTooLargeError(maxBytes);
      yield chunk;
    }
  };
  try {
    await pipeline(body, counter, fs.createWriteStream(file));
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, size };
}

const cleanup = (file: string) => fs.rmSync(path.dirname(file), { recursive: true, force: true });

/**
 * Runs an import from the spooled file: in the request (200 with the result), or, for bodies over
 * 64 MB or `async=true`, after answering 202 with the import to follow.
 */
async function runImport<T>(
  reply: FastifyReply,
  spooled: { file: string; size: number },
  wantAsync: boolean,
  start: (onStarted: (id: number) => void) => Promise<T>,
): Promise<FastifyReply> {
  if (!(wantAsync || spooled.size > SYNC_LIMIT)) {
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the route's response schema checks the shape.
      return reply.status(200).send((await start(() => {})) as any);
    } finally {
      cleanup(spooled.file);
    }
  }
  const id = await new Promise<number>((resolve, reject) => {
    start(resolve)
      .catch((error: unknown) => {
        reject(error);
        reply.log.warn({ err: error }, 'credential import failed');
      })
      .finally(() => cleanup(spooled.file));
  });
  return reply.status(202).send({ id, status: 'running', url: `/api/v1/credentials/imports/${id}/` });
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
          'Imports a dump (the file as the raw body). 200 with the result; bodies over 64 MB or async=true answer 202 with the import to follow at its url.',
        querystring: dumpImportQuerySchema,
        response: { 200: dumpImportResultSchema, 202: started },
      },
    },
    async (request, reply) => {
      const q = request.query;
      // Membership and permission before a byte is read: a non-member learns nothing, uploads nothing.
      await vaultEngagement(db, request.principal, q.engagement, 'credential.add');
      const spooled = await spool(request, maxBytes);
      const result = await runImport(reply, spooled, q.async === true, (onStarted) =>
        importDump(
          db,
          request.principal,
          {
            engagement: q.engagement,
            type: q.type,
            system: q.system,
            hashType: q.hash_type,
            filename: q.filename,
          },
          fs.createReadStream(spooled.file),
          { actor: auditActor(request), maxBytes, onStarted },
        ),
      );
      return result;
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
        response: { 200: crackedImportResultSchema, 202: started },
      },
    },
    async (request, reply) => {
      await vaultEngagement(db, request.principal, request.query.engagement, 'credential.change');
      const spooled = await spool(request, maxBytes);
      return runImport(reply, spooled, request.query.async === 'true', (onStarted) =>
        importCracked(db, request.principal, request.query.engagement, fs.createReadStream(spooled.file), {
          actor: auditActor(request),
          maxBytes,
          filename: request.query.filename ?? '',
          onStarted,
        }),
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
