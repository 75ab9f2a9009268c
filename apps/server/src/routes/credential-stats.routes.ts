import { Readable } from 'node:stream';
import { credentialAid, credentialStats } from '@steppingstones/core/credential-analytics';
import {
  CREDENTIAL_AIDS,
  credentialAidQuerySchema,
  credentialStatsDtoSchema,
  credentialStatsQuerySchema,
} from '@steppingstones/shared/credential-stats';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const tags = ['credentials'];
const view = { access: { permission: 'credential.view' } } as const;
const aidParams = z.object({
  name: z.enum(CREDENTIAL_AIDS, { message: `must be one of ${CREDENTIAL_AIDS.join(', ')}` }),
});

/**
 * Password statistics and cracking aids over the vault, with the filter in each request (nothing is
 * kept between requests, so two people with different filters never see each other's).
 */
export async function credentialStatsRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/credentials/stats',
    {
      config: view,
      schema: {
        tags,
        summary:
          'Password statistics for the filtered vault (accounts cracked, reuse, lengths, patterns, breaches)',
        querystring: credentialStatsQuerySchema,
        response: { 200: credentialStatsDtoSchema },
      },
    },
    async (request) => credentialStats(db, request.principal, request.query),
  );

  app.get(
    '/api/v1/credentials/aids/:name',
    {
      config: view,
      schema: {
        tags,
        summary: 'A cracking aid (hash list, pwdump, wordlist, parts, masks) as plain text, one item a line',
        params: aidParams,
        querystring: credentialAidQuerySchema,
      },
    },
    async (request, reply) => {
      const aid = await credentialAid(
        requestServices(request),
        request.principal,
        request.params.name,
        request.query,
        auditActor(request),
      );
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', contentDisposition(aid.filename))
        .send(Readable.from(aid.body, { highWaterMark: 16 }));
    },
  );
}
