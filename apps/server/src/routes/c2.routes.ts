import { listC2Actions, listC2Downloads, listC2Servers, listC2Sessions } from '@steppingstones/core/c2';
import { listEnvelope } from '@steppingstones/shared';
import {
  c2ActionDtoSchema,
  c2ActionQuerySchema,
  c2DownloadDtoSchema,
  c2ListQuerySchema,
  c2ServerDtoSchema,
  c2SessionDtoSchema,
} from '@steppingstones/shared/c2';
import type { AppServer } from '../app-server.ts';
import { listPage } from '../http/paging.ts';

const tags = ['c2'];
const access = { access: { permission: 'c2.view' as const } };

/** The C2 pages' reads: servers, sessions, operator actions (searched, by session and time) and downloads. */
export async function c2Routes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  const publicUrl = app.ctx.config.publicUrl;

  app.get(
    '/api/v1/c2/servers',
    {
      config: access,
      schema: {
        tags,
        summary: 'C2 servers of an engagement (team servers, imported archives).',
        querystring: c2ListQuerySchema,
        response: { 200: listEnvelope(c2ServerDtoSchema) },
      },
    },
    async (request) =>
      listPage(request, publicUrl, await listC2Servers(db, request.principal, request.query)),
  );
  app.get(
    '/api/v1/c2/sessions',
    {
      config: access,
      schema: {
        tags,
        summary: 'C2 sessions (beacons, SSH), the latest seen first.',
        querystring: c2ListQuerySchema,
        response: { 200: listEnvelope(c2SessionDtoSchema) },
      },
    },
    async (request) =>
      listPage(request, publicUrl, await listC2Sessions(db, request.principal, request.query)),
  );
  app.get(
    '/api/v1/c2/actions',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Operator actions, newest first; &session=ID, &search= (every word, any field), &from=/&to=.',
        querystring: c2ActionQuerySchema,
        response: { 200: listEnvelope(c2ActionDtoSchema) },
      },
    },
    async (request) =>
      listPage(request, publicUrl, await listC2Actions(db, request.principal, request.query)),
  );
  app.get(
    '/api/v1/c2/downloads',
    {
      config: access,
      schema: {
        tags,
        summary: 'Files downloaded through C2 sessions, newest first.',
        querystring: c2ListQuerySchema,
        response: { 200: listEnvelope(c2DownloadDtoSchema) },
      },
    },
    async (request) =>
      listPage(request, publicUrl, await listC2Downloads(db, request.principal, request.query)),
  );
}
