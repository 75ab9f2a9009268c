import { Readable } from 'node:stream';
import { ValidationError } from '@steppingstones/core';
import {
  createCredential,
  credentialSystems,
  deleteCredentials,
  deleteEngagementCredentials,
  exportCredentials,
  getCredential,
  listCredentials,
  updateCredential,
} from '@steppingstones/core/credentials';
import { listEnvelope } from '@steppingstones/shared';
import {
  credentialBulkDeleteSchema,
  credentialCreateSchema,
  credentialDetailDtoSchema,
  credentialDtoSchema,
  credentialListQuerySchema,
  credentialPatchSchema,
  credentialSystemsDtoSchema,
} from '@steppingstones/shared/credentials';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { pageLink } from '../http/page-links.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const tags = ['credentials'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const inEngagement = z.object({ engagement: z.string().trim().min(1, 'is required') });
const view = { access: { permission: 'credential.view' } } as const;
const exportQuery = z
  .object({ format: z.enum(['hashcat', 'csv'], { message: 'must be hashcat or csv' }).default('hashcat') })
  .and(credentialListQuerySchema)
  .transform(({ sort: _s, cursor: _c, page_size: _p, reveal: _r, ...rest }) => rest);

/**
 * The credential vault API: list (current credentials, secrets masked unless `reveal=true`, audited),
 * one credential with its history, reveal, create, edit, delete, bulk delete, and the system picker.
 */
export async function credentialRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/credentials',
    {
      config: view,
      schema: {
        tags,
        querystring: credentialListQuerySchema,
        response: { 200: listEnvelope(credentialDtoSchema) },
      },
    },
    async (request) => {
      const page = await listCredentials(
        requestServices(request),
        request.principal,
        request.query,
        auditActor(request),
      );
      return {
        count: page.count,
        next: pageLink(request, app.ctx.config.publicUrl, page.next),
        previous: pageLink(request, app.ctx.config.publicUrl, page.previous),
        results: page.results,
      };
    },
  );

  app.get(
    '/api/v1/credentials/systems',
    {
      config: view,
      schema: { tags, querystring: inEngagement, response: { 200: credentialSystemsDtoSchema } },
    },
    async (request) => credentialSystems(db, request.principal, request.query.engagement),
  );

  app.post(
    '/api/v1/credentials',
    {
      config: { access: { permission: 'credential.add' } },
      schema: {
        tags,
        querystring: inEngagement.partial(),
        body: credentialCreateSchema.extend({ engagement: z.string().trim().min(1).optional() }),
        response: { 201: credentialDetailDtoSchema },
      },
    },
    async (request, reply) => {
      const { engagement, ...fields } = request.body;
      const code = engagement ?? request.query.engagement;
      if (!code) throw ValidationError.field('engagement', 'is required (in the body or the query)');
      const created = await createCredential(
        requestServices(request),
        request.principal,
        code,
        fields,
        auditActor(request),
      );
      reply.header('location', `/api/v1/credentials/${created.id}/`);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/credentials/bulk-delete',
    {
      config: { access: { permission: 'credential.delete' } },
      schema: {
        tags,
        querystring: inEngagement,
        body: credentialBulkDeleteSchema,
        response: { 200: z.object({ deleted: z.number().int() }) },
      },
    },
    async (request) => ({
      deleted: await deleteEngagementCredentials(
        requestServices(request),
        request.principal,
        request.query.engagement,
        request.body.ids,
      ),
    }),
  );

  app.get(
    '/api/v1/credentials/export',
    {
      config: view,
      schema: {
        tags,
        description:
          'The filtered current credentials: format=hashcat (each distinct hash once, a hashcat input file) or csv (every field, secrets included). Audited with the count.',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const chunks = exportCredentials(
        requestServices(request),
        request.principal,
        query,
        format,
        auditActor(request),
      );
      // The first chunk now: an unknown engagement or a missing permission answers 404/403, not a broken download.
      const first = await chunks.next();
      const stream = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* chunks;
        })(),
      );
      const name = `${query.engagement.replace(/[^A-Za-z0-9._-]/g, '_')}-credentials.${format === 'csv' ? 'csv' : 'txt'}`;
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  app.get(
    '/api/v1/credentials/:id',
    { config: view, schema: { tags, params: idParams, response: { 200: credentialDetailDtoSchema } } },
    async (request) => getCredential(requestServices(request), request.principal, request.params.id),
  );

  app.post(
    '/api/v1/credentials/:id/reveal',
    {
      config: view,
      schema: {
        tags,
        description:
          'The credential with its secret and its history’s secrets shown; written to the audit log.',
        params: idParams,
        response: { 200: credentialDetailDtoSchema },
      },
    },
    async (request) =>
      getCredential(requestServices(request), request.principal, request.params.id, {
        reveal: true,
        actor: auditActor(request),
      }),
  );

  app.patch(
    '/api/v1/credentials/:id',
    {
      config: { access: { permission: 'credential.change' } },
      schema: {
        tags,
        params: idParams,
        body: credentialPatchSchema,
        response: { 200: credentialDetailDtoSchema },
      },
    },
    async (request) =>
      updateCredential(
        requestServices(request),
        request.principal,
        request.params.id,
        request.body,
        auditActor(request),
      ),
  );

  app.delete(
    '/api/v1/credentials/:id',
    { config: { access: { permission: 'credential.delete' } }, schema: { tags, params: idParams } },
    async (request, reply) => {
      await deleteCredentials(requestServices(request), request.principal, [request.params.id]);
      return reply.status(204).send();
    },
  );
}
